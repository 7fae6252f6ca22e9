import { compileTemplate } from '../template/compile.js';
import { formatPlainPath, isRecord, type ScriptReader } from './reader.js';

/** What `chooseConfig` reads of the parse options (ParseScriptOptions has them all). */
export interface ConfigChoice {
  readonly environment?: string;
  /** `--target`: set after the environment, before `--overrides` (Artillery's order). */
  readonly targetOverride?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly overrides?: Readonly<Record<string, unknown>>;
  readonly variables?: Readonly<Record<string, unknown>>;
  /** The script's path and directory, for `{{ $scenarioFile }}` and `{{ $dirname }}`. */
  readonly scriptFile?: string;
  readonly scriptDir?: string;
}

/** The config the run uses, and each config value a template left empty (path → the template). */
export interface ChosenConfig {
  readonly config: Record<string, unknown>;
  readonly emptied: ReadonlyMap<string, string>;
}

/**
 * Deep-merges an environment over the base config. Mappings merge key by key; lists are
 * replaced whole (the intent of `phases:` in an environment). Artillery (lodash `merge`) merges
 * lists by index instead, so each place where that would differ is reported.
 */
export function mergeEnvironment(
  base: Record<string, unknown>,
  overlay: Record<string, unknown>,
  notes: string[],
  path = 'config',
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    if (isRecord(current) && isRecord(value)) {
      out[key] = mergeEnvironment(current, value, notes, `${path}.${key}`);
      continue;
    }
    if (Array.isArray(current) && Array.isArray(value) && current.length > value.length) {
      notes.push(
        `${path}.${key}: the environment's ${value.length} item(s) replace the base's ${current.length}; Artillery would keep base items ${value.length}–${current.length - 1}`,
      );
    }
    out[key] = value;
  }
  return out;
}

/**
 * The config the run uses, in Artillery's order: the `-e` environment merged over the script's,
 * then `--target`, `--overrides` and `--variables`, then every template in it is rendered once,
 * when the test starts, as Artillery does: with `$env`/`$processEnvironment`, `$environment`,
 * `$scenarioFile`, `$dirname` and the `--variables`, nothing else (a VU variable named in the
 * config renders as `undefined`, with a warning). An environment the script does not define is
 * a warning, as in Artillery (`{{ $environment }}` still holds the name).
 */
export function chooseConfig(
  reader: ScriptReader,
  base: Record<string, unknown>,
  options: ConfigChoice,
): ChosenConfig {
  const { environments, ...rest } = base;
  let config = rest;
  if (options.environment !== undefined) {
    const known = isRecord(environments) ? environments : {};
    const overlay = known[options.environment];
    if (!isRecord(overlay)) {
      const names = Object.keys(known);
      reader.warn(
        `-e ${options.environment}: the script defines no such environment (${names.length > 0 ? `have: ${names.join(', ')}` : 'it defines none'}); running with the base config, as Artillery does`,
      );
    } else {
      const notes: string[] = [];
      config = mergeEnvironment(rest, overlay, notes);
      for (const note of notes) reader.warn(note);
    }
  }
  const { overrides, variables } = options;
  if (options.targetOverride !== undefined) config = { ...config, target: options.targetOverride };
  if (overrides && isRecord(overrides.config)) {
    const { environments: _ignored, ...overlay } = overrides.config;
    config = mergeEnvironment(config, overlay, []);
  }
  if (variables)
    config = {
      ...config,
      variables: { ...(isRecord(config.variables) ? config.variables : {}), ...variables },
    };
  const emptied = new Map<string, string>();
  const rendered = renderAtLoad(config, loadTimeVars(options), options, ['config'], emptied, reader);
  return { config: rendered as Record<string, unknown>, emptied };
}

function loadTimeVars(options: ConfigChoice): Record<string, unknown> {
  return {
    ...(options.scriptFile === undefined ? {} : { $scenarioFile: options.scriptFile }),
    ...(options.scriptDir === undefined ? {} : { $dirname: options.scriptDir }),
    ...options.variables,
  };
}

/** Renders every string of the config; a value a template emptied is remembered with its path. */
function renderAtLoad(
  value: unknown,
  vars: Record<string, unknown>,
  options: ConfigChoice,
  path: (string | number)[],
  emptied: Map<string, string>,
  reader: ScriptReader,
): unknown {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return value;
    const where = formatPlainPath(path);
    const onUndefined = (source: string) => {
      if (!source.startsWith('$env') && !source.startsWith('$processEnvironment'))
        reader.warn(
          `${where}: "{{ ${source} }}" is rendered when the test starts, as Artillery does, and "${source}" is not known then: it becomes undefined`,
        );
    };
    const scope = {
      vars,
      env: options.env,
      environment: options.environment,
      random: Math.random,
      onUndefined,
    };
    const out = compileTemplate(value)(scope);
    if (out === undefined || out === '') emptied.set(where, value);
    return out;
  }
  if (Array.isArray(value))
    return value.map((item, i) => renderAtLoad(item, vars, options, [...path, i], emptied, reader));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    out[key] = renderAtLoad(item, vars, options, [...path, key], emptied, reader);
  return out;
}
