import { dirname, resolve } from 'node:path';
import { isFiltrexExpression } from '../template/filtrex.js';
import type { FormDataField, HttpMethod, LoopStep, RequestStep, Step, TemplateSource } from './model.js';
import { describe, formatPlainPath, type Path, type ScriptReader } from './reader.js';
import { readEmit, readWsStep } from './realtime-steps.js';
import { readCaptures, readExpectations, readMatches } from './request-checks.js';

const METHODS: Readonly<Record<string, HttpMethod>> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  head: 'HEAD',
  options: 'OPTIONS',
};

const REQUEST_KEYS = new Set([
  'url',
  'uri',
  'name',
  'headers',
  'qs',
  'json',
  'body',
  'form',
  'formData',
  'cookie',
  'auth',
  'followRedirect',
  'capture',
  'match',
  'expect',
  'ifTrue',
  'beforeRequest',
  'afterResponse',
  'gzip',
  'probability',
  'setContentLengthHeader',
]);

/** Steps the ws engine runs as the HTTP engine does; any other ws step is a message (`send`, `wait`). */
const WS_OWN_ACTIONS = ['think', 'function', 'log'];

/** Flow defaults that come from the config (`http.defaults.strictCapture`). */
export interface FlowDefaults {
  readonly strictCapture: boolean;
  /** The scenario's engine: ws flows hold `send` steps, socketio flows `emit` steps beside HTTP ones. */
  readonly engine?: 'http' | 'ws' | 'socketio';
  /** Whether `config.processor` is set: function steps and hooks need it. */
  readonly hasProcessor: boolean;
  /** The script's path: `formData` files are relative to its directory. */
  readonly scriptFile: string;
}

/**
 * Hooks and function steps name processor functions. Without a processor Artillery still runs
 * the script (a function step then counts an error, a hook is skipped), so this only warns.
 */
export function needProcessor(
  reader: ScriptReader,
  defaults: FlowDefaults,
  path: Path,
  names: readonly string[],
): void {
  if (names.length > 0 && !defaults.hasProcessor) {
    reader.warn(
      `${formatPlainPath(path)}: "${names.join('", "')}" names a processor function, but config.processor is not set: as in Artillery, a function step counts an error and a hook is skipped`,
    );
  }
}

/**
 * `ifTrue` is a processor function name or a filtrex expression over the variables (Artillery's
 * own library and version). An expression filtrex cannot read does not skip the request: Artillery
 * sends it anyway, and so does perfgate, with a warning.
 */
function readIfTrue(reader: ScriptReader, path: Path, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw);
  if (!isFiltrexExpression(text))
    reader.warn(
      `${formatPlainPath(path)}: "${text}" is not an expression Artillery can read (filtrex): unless a processor function has that name, the request is always sent, as in Artillery`,
    );
  return text;
}

function readProbability(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  // Artillery: `Number(probability) || 0`, at most 100.
  return Math.min(100, Number(raw) || 0);
}

export function readFlow(reader: ScriptReader, path: Path, value: unknown, defaults: FlowDefaults): Step[] {
  if (!Array.isArray(value)) {
    reader.fail(path, `expected a list of steps, got ${describe(value)}`);
    return [];
  }
  const steps: Step[] = [];
  for (const [index, raw] of value.entries()) {
    const step = readStep(reader, [...path, index], raw, defaults);
    if (step) steps.push(step);
  }
  return steps;
}

function readStep(reader: ScriptReader, path: Path, raw: unknown, defaults: FlowDefaults): Step | undefined {
  const step = reader.record(path, raw);
  if (!step) return undefined;
  if ('loop' in step) return readLoop(reader, path, step, defaults);
  if (defaults.engine === 'socketio' && 'emit' in step) return readEmit(reader, path, step);
  if (defaults.engine === 'ws' && !WS_OWN_ACTIONS.some((action) => action in step))
    return readWsStep(reader, path, step, defaults.strictCapture);
  const keys = Object.keys(step);
  const [action] = keys;
  if (keys.length !== 1 || action === undefined) {
    return reader.fail(
      path,
      `a step has exactly one action (get, post, think, loop…), got ${keys.join(', ') || 'none'}`,
    );
  }
  const body = step[action];
  const method = METHODS[action];
  if (method) return readRequest(reader, [...path, action], method, body, defaults);
  switch (action) {
    case 'think':
      return body === undefined || body === null
        ? reader.fail([...path, action], 'think needs a number of seconds')
        : { kind: 'think', seconds: body };
    case 'log':
      return { kind: 'log', message: body };
    case 'function': {
      const name = reader.string([...path, action], body);
      if (name !== undefined) needProcessor(reader, defaults, [...path, action], [name]);
      return name === undefined ? undefined : { kind: 'function', name };
    }
    case 'parallel':
      return readParallel(reader, [...path, action], body, defaults);
    default:
      reader.warn(
        `${formatPlainPath(path)}: the "${action}" step is not supported by perfgate (HTTP engine only), skipped`,
      );
      return undefined;
  }
}

function readRequest(
  reader: ScriptReader,
  path: Path,
  method: HttpMethod,
  raw: unknown,
  defaults: FlowDefaults,
): RequestStep | undefined {
  const spec = reader.record(path, raw);
  if (!spec) return undefined;
  reader.unknownKeys(path, spec, REQUEST_KEYS);
  const url = reader.string([...path, 'url'], spec.url ?? spec.uri);
  const captures = readCaptures(reader, [...path, 'capture'], spec.capture, defaults.strictCapture);
  const matches = readMatches(reader, [...path, 'match'], spec.match, defaults.strictCapture);
  const expectations = readExpectations(reader, [...path, 'expect'], spec.expect);
  const mapping = (key: string) =>
    spec[key] === undefined ? undefined : reader.record([...path, key], spec[key]);
  const auth = readAuth(reader, [...path, 'auth'], spec.auth);
  const ifTrue = readIfTrue(reader, [...path, 'ifTrue'], spec.ifTrue);
  const beforeRequest = reader.names([...path, 'beforeRequest'], spec.beforeRequest);
  const afterResponse = reader.names([...path, 'afterResponse'], spec.afterResponse);
  needProcessor(reader, defaults, [...path, 'beforeRequest'], beforeRequest);
  needProcessor(reader, defaults, [...path, 'afterResponse'], afterResponse);
  if (url === undefined) return undefined;
  const optional = {
    ...(spec.name === undefined ? {} : { name: String(spec.name) }),
    ...defined('headers', mapping('headers')),
    ...defined('qs', mapping('qs')),
    ...defined('form', mapping('form')),
    ...defined('formData', readFormData(reader, [...path, 'formData'], spec.formData, defaults.scriptFile)),
    ...defined('cookie', mapping('cookie')),
    ...defined('json', spec.json),
    ...defined('body', spec.body),
    ...defined('auth', auth),
    ...defined('ifTrue', ifTrue),
    ...defined('probability', readProbability(spec.probability)),
  };
  return {
    kind: 'request',
    method,
    url,
    followRedirect: reader.boolean([...path, 'followRedirect'], spec.followRedirect, true),
    ...(reader.boolean([...path, 'gzip'], spec.gzip, true) ? {} : { gzip: false as const }),
    captures,
    ...(matches.length === 0 ? {} : { matches }),
    expectations,
    beforeRequest,
    afterResponse,
    ...optional,
  };
}

const FILE_FIELD_KEYS = new Set(['fromFile', 'contentType', 'filename']);

/** Artillery's `formData`: `name: value` text fields, `name: { fromFile, contentType? }` file parts. */
function readFormData(
  reader: ScriptReader,
  path: Path,
  raw: unknown,
  scriptFile: string,
): Record<string, FormDataField> | undefined {
  if (raw === undefined) return undefined;
  const fields = reader.record(path, raw);
  if (!fields) return undefined;
  const out: Record<string, FormDataField> = {};
  for (const [name, value] of Object.entries(fields)) {
    const field = readFormDataField(reader, [...path, name], value, scriptFile);
    if (field) out[name] = field;
  }
  return out;
}

function readFormDataField(
  reader: ScriptReader,
  path: Path,
  value: unknown,
  scriptFile: string,
): FormDataField | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { kind: 'text', value: value as TemplateSource };
  const spec = value as Record<string, unknown>;
  reader.unknownKeys(path, spec, FILE_FIELD_KEYS);
  const fromFile = reader.string([...path, 'fromFile'], spec.fromFile);
  if (fromFile === undefined) return undefined;
  const contentType =
    spec.contentType === undefined ? undefined : reader.string([...path, 'contentType'], spec.contentType);
  const filename =
    spec.filename === undefined ? undefined : reader.string([...path, 'filename'], spec.filename);
  const baseDir = resolve(dirname(scriptFile));
  return {
    kind: 'file',
    fromFile,
    baseDir,
    // A templated path is read when the request is sent (Artillery opens the file then too).
    ...(fromFile.includes('{{') ? {} : { resolvedPath: resolve(baseDir, fromFile) }),
    ...(filename === undefined ? {} : { filename }),
    ...(contentType === undefined ? {} : { contentType }),
  };
}

function readAuth(reader: ScriptReader, path: Path, raw: unknown): RequestStep['auth'] {
  if (raw === undefined) return undefined;
  const auth = reader.record(path, raw);
  if (!auth) return undefined;
  if (auth.user === undefined) return reader.fail([...path, 'user'], 'auth needs a user');
  return { user: auth.user, pass: auth.pass ?? '' };
}

function readLoop(
  reader: ScriptReader,
  path: Path,
  step: Record<string, unknown>,
  defaults: FlowDefaults,
): LoopStep | undefined {
  reader.unknownKeys(path, step, new Set(['loop', 'count', 'over', 'whileTrue', 'loopValue', 'loopElement']));
  const steps = readFlow(reader, [...path, 'loop'], step.loop, defaults);
  const whileTrue =
    step.whileTrue === undefined ? undefined : reader.string([...path, 'whileTrue'], step.whileTrue);
  if (whileTrue !== undefined) needProcessor(reader, defaults, [...path, 'whileTrue'], [whileTrue]);
  if (step.count !== undefined && step.over !== undefined) {
    return reader.fail(path, 'a loop takes count or over, not both');
  }
  return {
    kind: 'loop',
    steps,
    ...defined('count', step.count),
    ...defined('over', step.over),
    ...defined('whileTrue', whileTrue),
    indexVar: typeof step.loopValue === 'string' ? step.loopValue : '$loopCount',
    elementVar: typeof step.loopElement === 'string' ? step.loopElement : '$loopElement',
  };
}

function readParallel(
  reader: ScriptReader,
  path: Path,
  raw: unknown,
  defaults: FlowDefaults,
): Step | undefined {
  const steps = readFlow(reader, path, raw, defaults);
  const requests = steps.filter((step): step is RequestStep => step.kind === 'request');
  if (requests.length !== steps.length) return reader.fail(path, 'parallel takes only requests (get, post…)');
  return { kind: 'parallel', steps: requests };
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
