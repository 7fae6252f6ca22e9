import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ScriptAssets } from '../../load/data/assets.js';
import { loadScriptAssets } from '../../load/data/assets.js';
import {
  type LoadProcessorResult,
  loadProcessor,
  missingFunctions,
  toProcessorModule,
} from '../../load/flow/load-processor.js';
import type { ProcessorModule } from '../../load/flow/processor.js';
import { formatScriptIssue } from '../../load/script/issues.js';
import type { LoadScript } from '../../load/script/model.js';
import {
  type ParseScriptObjectResult,
  type ParseScriptOptions,
  parseScript,
  parseScriptObject,
} from '../../load/script/parse.js';
import type { CliIo } from '../io.js';

export type LoadedScript =
  | { state: 'ok'; script: LoadScript; assets: ScriptAssets; processor?: ProcessorModule }
  | { state: 'invalid'; messages: string[] };

export interface ScriptOptions {
  readonly environment?: string;
  readonly target?: string;
  /** Artillery's `--overrides`, `--variables` and `--scenario-name` (see ParseScriptOptions). */
  readonly overrides?: Readonly<Record<string, unknown>>;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly scenarioName?: string;
  /** For `$env`/`$processEnvironment` templates; default the process's (with `--dotenv`: merged). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `--config FILE`, absolute: merged over the script as Artillery merges its input files. */
  readonly configFile?: string;
  /** `-p FILE`, absolute. */
  readonly payloadPath?: string;
}

/** Reads a `formData` file whose path is templated, when its request is sent. */
export async function readUploadFile(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path));
}

/** A script written as a JS/TS module exporting `config` and `scenarios` (or a default export of both). */
const MODULE_SCRIPT = /\.(?:[cm]?js|[cm]?ts)$/;

let tsxRegistered = false;

/** Imports a processor module; `.ts`/`.mts` processors go through tsx (registered once). */
export async function importModule(path: string): Promise<unknown> {
  if (/\.[cm]?ts$/.test(path) && !tsxRegistered) {
    // Both hooks: a .ts file outside an ESM package ("type": "module") is loaded as CommonJS.
    const [esm, cjs] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
    esm.register();
    cjs.register();
    tsxRegistered = true;
  }
  return import(pathToFileURL(path).href);
}

/** Reads and parses the script, its CSV payloads and its processor: every problem as FILE:LINE:COL. */
export async function loadScriptFiles(
  io: CliIo,
  file: string,
  options: ScriptOptions,
): Promise<LoadedScript> {
  const path = resolve(io.cwd, file);
  if (!io.fileExists(path)) return { state: 'invalid', messages: [`${file}: no such file`] };
  const shown = relative(io.cwd, path) || path;
  const configFile = options.configFile;
  if (configFile !== undefined && !io.fileExists(configFile))
    return {
      state: 'invalid',
      messages: [`${relative(io.cwd, configFile) || configFile}: no such file (--config)`],
    };
  const parseOptions: ParseScriptOptions = {
    ...(configFile === undefined ? {} : configFileOptions(io, configFile, path)),
    ...parseOptionsOf(io, options),
  };
  const parsed: ParseScriptObjectResult = MODULE_SCRIPT.test(path)
    ? await parseModuleScript(path, shown, parseOptions)
    : parseScript(io.readFile(path), shown, parseOptions);
  return completeScript(io, parsed, shown, path);
}

/**
 * A script given as an object, as a script module would export it (`{ config, scenarios }`):
 * parsed and completed like a file, its relative paths taken from the working directory.
 */
export async function loadScriptObject(
  io: CliIo,
  object: object,
  options: ScriptOptions,
): Promise<LoadedScript> {
  const shown = '(script object)';
  const exported = scriptExports(object as Record<string, unknown>);
  const parsed = parseScriptObject(
    Object.fromEntries(Object.entries(exported).filter(([, value]) => value !== undefined)),
    shown,
    parseOptionsOf(io, options),
  );
  return completeScript(io, parsed, shown, undefined);
}

/** The parse options every script gets (`--config FILE` is added for a script file). */
function parseOptionsOf(io: CliIo, options: ScriptOptions): ParseScriptOptions {
  return {
    ...(options.payloadPath === undefined ? {} : { payloadPath: options.payloadPath }),
    env: options.env ?? io.env,
    ...(options.environment === undefined ? {} : { environment: options.environment }),
    ...(options.target === undefined ? {} : { targetOverride: options.target }),
    ...(options.overrides === undefined ? {} : { overrides: options.overrides }),
    ...(options.variables === undefined ? {} : { variables: options.variables }),
    ...(options.scenarioName === undefined ? {} : { scenarioName: options.scenarioName }),
  };
}

/** Loads what a parsed script refers to: CSV payloads and its processor (a file, or functions inline). */
async function completeScript(
  io: CliIo,
  parsed: ParseScriptObjectResult,
  shown: string,
  modulePath: string | undefined,
): Promise<LoadedScript> {
  if (parsed.state === 'invalid') return { state: 'invalid', messages: parsed.issues.map(formatScriptIssue) };
  const absolute = withAbsolutePaths(parsed.script, io.cwd);
  // Worker threads import a script module again for its inline processor.
  const script: LoadScript =
    parsed.inlineProcessor && modulePath !== undefined
      ? { ...absolute, processorInModule: modulePath }
      : absolute;
  const assets = await loadScriptAssets(
    script,
    (p) => readFile(p, 'utf8'),
    async (p) => new Uint8Array(await readFile(resolve(io.cwd, p))),
  );
  if (assets.state === 'invalid') return { state: 'invalid', messages: assets.issues.map(formatScriptIssue) };
  const processor = parsed.inlineProcessor
    ? inlineProcessor(script, parsed.inlineProcessor)
    : await loadProcessor(script, importModule);
  if (processor.state === 'invalid')
    return { state: 'invalid', messages: [`${shown}: ${processor.message}`] };
  const warnings = missingWarnings(shown, processor);
  return {
    state: 'ok',
    script: warnings.length === 0 ? script : { ...script, warnings: [...script.warnings, ...warnings] },
    assets: assets.assets,
    ...(processor.processor === undefined ? {} : { processor: processor.processor }),
  };
}

/**
 * `--config FILE`: its text, and Artillery's processor rule: `config.processor` is looked up next
 * to the config file first, then (older scripts) next to the script.
 */
function configFileOptions(io: CliIo, configFile: string, scriptPath: string): Partial<ParseScriptOptions> {
  return {
    configFile: { text: io.readFile(configFile), file: relative(io.cwd, configFile) || configFile },
    resolveProcessor: (written) => {
      const nearConfig = resolve(dirname(configFile), written);
      return io.fileExists(nearConfig) ? nearConfig : resolve(dirname(scriptPath), written);
    },
  };
}

/** Imports a JS/TS script module and parses what it exports as an Artillery script object. */
async function parseModuleScript(
  path: string,
  shown: string,
  options: ParseScriptOptions,
): Promise<ParseScriptObjectResult> {
  let namespace: Record<string, unknown>;
  try {
    namespace = (await importModule(path)) as Record<string, unknown>;
  } catch (error) {
    const message = `cannot load the script module: ${(error as Error).message}`;
    return { state: 'invalid', issues: [{ file: shown, line: 0, col: 0, path: [], message }] };
  }
  const script = Object.fromEntries(
    Object.entries(scriptExports(namespace)).filter(([, value]) => value !== undefined),
  );
  if (Object.keys(script).length === 0) {
    const message =
      'the module exports no script: export config and scenarios, or a default { config, scenarios }';
    return { state: 'invalid', issues: [{ file: shown, line: 0, col: 0, path: [], message }] };
  }
  return parseScriptObject(script, shown, options);
}

/**
 * The script a module exports: `export default { config, scenarios }` or named `config` and
 * `scenarios` exports, from ESM or from CommonJS (where `default` may be nested once more).
 */
function scriptExports(namespace: Record<string, unknown>): Record<string, unknown> {
  let candidate: unknown = namespace;
  for (let depth = 0; depth < 3 && isObject(candidate); depth++) {
    if ('config' in candidate || 'scenarios' in candidate) {
      const { config, scenarios, before, after } = candidate;
      return { config, scenarios, before, after };
    }
    candidate = candidate.default;
  }
  return {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The processor of a script already parsed (in a worker thread): its `config.processor` file, or
 * the functions of a script module's `config.processor` object (imported again here).
 */
export async function loadScriptProcessor(script: LoadScript): Promise<LoadProcessorResult> {
  if (script.processorInModule === undefined) return loadProcessor(script, importModule);
  const exported = scriptExports((await importModule(script.processorInModule)) as Record<string, unknown>);
  const config = exported.config;
  const functions = isObject(config) && isObject(config.processor) ? config.processor : {};
  return inlineProcessor(script, functions);
}

/** `config.processor` given as an object of functions in a script module. */
function inlineProcessor(
  script: LoadScript,
  functions: Readonly<Record<string, unknown>>,
): LoadProcessorResult {
  const processor = toProcessorModule(functions);
  const missing = missingFunctions(script, processor);
  return { state: 'ok', processor, ...(missing.length === 0 ? {} : { missing }) };
}

/** A processor without a function the script names: Artillery runs the script anyway; so does perfgate. */
function missingWarnings(shown: string, processor: LoadProcessorResult): string[] {
  if (processor.state !== 'ok' || !processor.missing) return [];
  return [
    `${shown}: the processor does not export ${processor.missing.map((n) => `"${n}"`).join(', ')}: a function step counts an "Undefined function" error and a hook is skipped, as in Artillery`,
  ];
}

/** The parser resolves paths against the script's directory as given; make them absolute for workers. */
function withAbsolutePaths(script: LoadScript, cwd: string): LoadScript {
  return {
    ...script,
    payloads: script.payloads.map((p) => ({ ...p, resolvedPath: resolve(cwd, p.resolvedPath) })),
    ...(script.processorPath === undefined ? {} : { processorPath: resolve(cwd, script.processorPath) }),
  };
}
