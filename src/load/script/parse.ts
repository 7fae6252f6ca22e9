import { dirname, resolve } from 'node:path';
import { compileExpression } from '../ensure/expression.js';
import { readFaults, readProcessorPath, readTarget, warnEngines } from './config-fields.js';
import { chooseConfig, mergeEnvironment } from './environments.js';
import { readHttpSettings } from './http-settings.js';
import { mergeInputFiles } from './merge-files.js';
import type { LoadScript, LocatedIssue } from './model.js';
import { readPayloads } from './payload-spec.js';
import { readPhases } from './phases.js';
import { readPlugins } from './plugins.js';
import { formatPlainPath, isRecord, type PathIssue, ScriptReader } from './reader.js';
import { readRealtimeSettings } from './realtime-steps.js';
import { onlyScenario, readOnceFlow, readScenarios } from './scenarios.js';
import { parseScriptSource } from './source.js';
import { warnUnknownTemplateFunctions } from './template-functions.js';

export interface ParseScriptOptions {
  /** `-e NAME`: the `config.environments` entry deep-merged over `config`. */
  readonly environment?: string;
  /** For `{{ $env.X }}` / `{{ $processEnvironment.X }}` in the config. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--target`: wins over the script and the environment. */
  readonly targetOverride?: string;
  /**
   * `--overrides`: deep-merged over the script (after the environment, before `--target`);
   * mappings merge key by key, a list replaces the list it lands on.
   */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** `--variables`: added to `config.variables`, winning over the script's own. */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** `--scenario-name`: only this scenario runs. */
  readonly scenarioName?: string;
  /**
   * `--config FILE` (Artillery's `-c`): a second script file, usually just a `config`, merged over
   * the script as Artillery merges its input files (lodash `merge`: mappings key by key, lists
   * item by item).
   */
  readonly configFile?: { readonly text: string; readonly file: string };
  /** Where `config.processor` is (default: next to the script); with `--config` Artillery looks next to that file first. */
  readonly resolveProcessor?: (written: string) => string;
  /** `-p/--payload FILE` (Artillery's deprecated flag): the path of a single `config.payload`. */
  readonly payloadPath?: string;
}

export type ParseScriptResult =
  | { state: 'ok'; script: LoadScript }
  | { state: 'invalid'; issues: LocatedIssue[] };

const CONFIG_KEYS = new Set([
  'target',
  'phases',
  'http',
  'timeout',
  'defaults',
  'tls',
  'variables',
  'payload',
  'environments',
  'processor',
  'plugins',
  'ensure',
  'engines',
  'engine',
  'perfgate',
  'ws',
  'socketio',
  'faults',
]);

/**
 * Parses an Artillery script (YAML or JSON text) into the normalised model, reporting every
 * problem at once with its line and column. Pure: the caller reads the file.
 */
export function parseScript(text: string, file: string, options: ParseScriptOptions): ParseScriptResult {
  const source = parseScriptSource(text, file);
  const extra = options.configFile && parseScriptSource(options.configFile.text, options.configFile.file);
  const syntaxIssues = [...source.syntaxIssues, ...(extra?.syntaxIssues ?? [])];
  if (syntaxIssues.length > 0) return { state: 'invalid', issues: syntaxIssues };
  if (!extra || !options.configFile) return normaliseScript(source.data, file, options, source.locate);
  const configFile = options.configFile.file;
  const locate: Locate = (path) =>
    hasPath(extra.data, path) ? { file: configFile, ...extra.locate(path) } : source.locate(path);
  return normaliseScript(mergeInputFiles(source.data, extra.data), file, options, locate);
}

export type ParseScriptObjectResult =
  | { state: 'ok'; script: LoadScript; inlineProcessor?: Readonly<Record<string, unknown>> }
  | { state: 'invalid'; issues: LocatedIssue[] };

/**
 * The same for a script given as a value (`runLoadTest({ config, scenarios })`, or a JS/TS
 * script module's exports). Issues carry no line (0); `file` anchors relative paths. A
 * `config.processor` given as an object of functions comes back as `inlineProcessor` (pass it
 * to `createVuRunner` as `processor`); the model itself stays plain data.
 */
export function parseScriptObject(
  value: unknown,
  file: string,
  options: ParseScriptOptions,
): ParseScriptObjectResult {
  const root = isRecord(value) ? { ...value } : value;
  let inlineProcessor: Record<string, unknown> | undefined;
  if (isRecord(root) && isRecord(root.config) && isRecord(root.config.processor)) {
    const { processor, ...config } = root.config;
    inlineProcessor = processor as Record<string, unknown>;
    root.config = config;
  }
  const result = normaliseScript(
    structuredClone(root),
    file,
    { ...options, hasInlineProcessor: inlineProcessor !== undefined },
    () => ({
      line: 0,
      col: 0,
    }),
  );
  return result.state === 'ok' && inlineProcessor ? { ...result, inlineProcessor } : result;
}

interface NormaliseOptions extends ParseScriptOptions {
  readonly hasInlineProcessor?: boolean;
}

type Locate = (path: ReadonlyArray<string | number>) => { file?: string; line: number; col: number };

function normaliseScript(
  data: unknown,
  file: string,
  options: NormaliseOptions,
  locate: Locate,
): ParseScriptResult {
  const reader = new ScriptReader();
  const root = isRecord(data) ? data : undefined;
  if (!root) {
    const message = 'a script is a mapping with config and scenarios';
    return { state: 'invalid', issues: [{ file, ...locate([]), path: [], message }] };
  }
  reader.unknownKeys([], root, new Set(['config', 'scenarios', 'before', 'after']));
  // `--overrides` may bring what the file lacks (a config, scenarios): check after merging, as Artillery does.
  const overridden = options.overrides ? mergeEnvironment(root, options.overrides, []) : root;
  const hasConfig = isRecord(root.config) || isRecord(overridden.config);
  if (!hasConfig) reader.fail(['config'], 'a script needs a config mapping (or --overrides with one)');
  const base = isRecord(root.config) ? root.config : {};
  const { config, emptied } = chooseConfig(reader, base, {
    ...options,
    scriptFile: resolve(file),
    scriptDir: dirname(resolve(file)),
  });
  const script = readScript(reader, overridden, config, file, options);
  const locateIn = (issue: PathIssue) =>
    locateIssue(withEmptiedTemplate(issue, emptied), file, options.environment, base, locate);
  if (reader.issues.length > 0 || !script) {
    const issues = reader.issues.map(locateIn).sort((a, b) => a.line - b.line || a.col - b.col);
    return { state: 'invalid', issues };
  }
  return { state: 'ok', script };
}

function readScript(
  reader: ScriptReader,
  root: Record<string, unknown>,
  config: Record<string, unknown>,
  file: string,
  options: NormaliseOptions,
): LoadScript | undefined {
  reader.unknownKeys(['config'], config, CONFIG_KEYS);
  warnEngines(reader, config.engines);
  warnUnknownTemplateFunctions(reader, [config, root.scenarios, root.before, root.after]);
  const target = readTarget(reader, config.target);
  const http = readHttpSettings(reader, config);
  const processorPath = readProcessorPath(reader, config.processor, file, options.resolveProcessor);
  const hasProcessor = processorPath !== undefined || options.hasInlineProcessor === true;
  const defaults = { strictCapture: http.strictCapture, hasProcessor, scriptFile: file };
  const plugins = readPlugins(reader, config);
  for (const [index, condition] of plugins.ensure.conditions.entries()) {
    const compiled = compileExpression(condition.expression);
    if (compiled.state === 'invalid')
      reader.fail(conditionPath(config, index), `not a valid expression: ${compiled.message}`);
  }
  const variables =
    config.variables === undefined ? {} : (reader.record(['config', 'variables'], config.variables) ?? {});
  const phases = readPhases(reader, ['config', 'phases'], config.phases);
  const script: LoadScript = {
    file,
    target: target ?? '',
    phases,
    http,
    scenarios: onlyScenario(
      reader,
      readScenarios(
        reader,
        root.scenarios,
        defaults,
        typeof config.engine === 'string' ? config.engine : 'http',
      ),
      options.scenarioName,
    ),
    ...optionalFlow('before', readOnceFlow(reader, 'before', root.before, defaults)),
    ...optionalFlow('after', readOnceFlow(reader, 'after', root.after, defaults)),
    payloads: readPayloads(reader, withPayloadPath(config.payload, options.payloadPath), file),
    realtime: readRealtimeSettings(reader, config),
    variables,
    ...plugins,
    ...(processorPath === undefined ? {} : { processorPath }),
    ...readFaults(reader, config.faults, phases),
    ...(options.environment === undefined ? {} : { environment: options.environment }),
    warnings: reader.warnings,
  };
  if (!plugins.expect.enabled && usesExpect(script)) {
    reader.warn('expect checks are present but config.plugins.expect is not enabled: they are not checked');
  }
  return target === undefined ? undefined : script;
}

/** `-p FILE`: the path of a single payload spec (Artillery ignores the flag for a list of them). */
function withPayloadPath(payload: unknown, path: string | undefined): unknown {
  return path !== undefined && isRecord(payload) ? { ...payload, path } : payload;
}

function conditionPath(config: Record<string, unknown>, index: number): (string | number)[] {
  const top =
    isRecord(config.ensure) && Array.isArray(config.ensure.conditions) ? config.ensure.conditions.length : 0;
  return index < top
    ? ['config', 'ensure', 'conditions', index]
    : ['config', 'plugins', 'ensure', 'conditions', index - top];
}

function usesExpect(script: LoadScript): boolean {
  const stepsUse = (steps: LoadScript['scenarios'][number]['flow']): boolean =>
    steps.some((step) => {
      if (step.kind === 'request') return step.expectations.length > 0;
      if (step.kind === 'loop') return stepsUse(step.steps);
      if (step.kind === 'parallel') return stepsUse(step.steps);
      return false;
    });
  return script.scenarios.some((scenario) => stepsUse(scenario.flow));
}

function optionalFlow<K extends 'before' | 'after'>(
  key: K,
  flow: LoadScript[K],
): { [P in K]?: LoadScript[K] } {
  return (flow === undefined ? {} : { [key]: flow }) as { [P in K]?: LoadScript[K] };
}

/** Issues in the merged config point into the environment block when the value came from there. */
function locateIssue(
  issue: PathIssue,
  file: string,
  environment: string | undefined,
  base: Record<string, unknown>,
  locate: Locate,
): LocatedIssue {
  const [head, second, ...rest] = issue.path;
  let sourcePath = issue.path;
  if (head === 'config' && environment !== undefined && second !== undefined && second !== 'environments') {
    const overlay = isRecord(base.environments) ? base.environments[environment] : undefined;
    if (isRecord(overlay) && second in overlay)
      sourcePath = ['config', 'environments', environment, second, ...rest];
  }
  return { file, ...locate(sourcePath), path: issue.path, message: issue.message };
}

/**
 * An issue about a value a template left empty (`arrivalRate: "{{ $processEnvironment.RATE }}"`
 * with RATE unset) names the template and its variable, not only the shape it broke.
 */
function withEmptiedTemplate(issue: PathIssue, emptied: ReadonlyMap<string, string>): PathIssue {
  const prefix = formatPlainPath(issue.path);
  for (const [where, template] of emptied) {
    if (where !== prefix && !where.startsWith(`${prefix}.`) && !where.startsWith(`${prefix}[`)) continue;
    const names = [...template.matchAll(/\$(?:env|processEnvironment)\.(\w+)/g)].map((match) => match[1]);
    const cause =
      names.length > 0
        ? `the environment variable ${names.join(', ')} is empty or not set`
        : 'it rendered empty';
    return { ...issue, message: `${issue.message} (${where} is "${template}": ${cause})` };
  }
  return issue;
}

function hasPath(data: unknown, path: ReadonlyArray<string | number>): boolean {
  let node = data;
  for (const part of path) {
    if (node === null || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string | number, unknown>)[part];
  }
  return true;
}
