import { renderSome } from '../template/compile.js';
import { isRecord, type ScriptReader } from './reader.js';

/** What `chooseConfig` reads of the parse options (ParseScriptOptions has them all). */
export interface ConfigChoice {
  readonly environment?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly overrides?: Readonly<Record<string, unknown>>;
  readonly variables?: Readonly<Record<string, unknown>>;
}

const LOAD_TIME_ROOTS = new Set(['$env', '$processEnvironment', '$environment']);

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
 * The config the run uses: the `-e` environment merged over the script's, then `--overrides`
 * and `--variables`, then the load-time templates (`$env`, `$processEnvironment`, `$environment`).
 */
export function chooseConfig(
  reader: ScriptReader,
  base: Record<string, unknown>,
  options: ConfigChoice,
): Record<string, unknown> {
  const { environments, ...rest } = base;
  let config = rest;
  if (options.environment !== undefined) {
    const known = isRecord(environments) ? environments : {};
    const overlay = known[options.environment];
    if (!isRecord(overlay)) {
      const names = Object.keys(known);
      reader.fail(
        ['config', 'environments'],
        `no environment "${options.environment}" (${names.length > 0 ? `have: ${names.join(', ')}` : 'the script defines none'})`,
      );
    } else {
      const notes: string[] = [];
      config = mergeEnvironment(rest, overlay, notes);
      for (const note of notes) reader.warn(note);
    }
  }
  const { overrides, variables } = options;
  if (overrides && isRecord(overrides.config)) {
    const { environments: _ignored, ...overlay } = overrides.config;
    config = mergeEnvironment(config, overlay, []);
  }
  if (variables)
    config = {
      ...config,
      variables: { ...(isRecord(config.variables) ? config.variables : {}), ...variables },
    };
  const scope = { vars: {}, env: options.env, environment: options.environment, random: Math.random };
  return renderSome(config, scope, (expression) => {
    const root = expression.kind === 'path' ? expression.parts[0] : undefined;
    return typeof root === 'string' && LOAD_TIME_ROOTS.has(root);
  }) as Record<string, unknown>;
}
