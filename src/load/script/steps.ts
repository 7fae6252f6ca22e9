import { basename, dirname, resolve } from 'node:path';
import { compileExpression } from '../ensure/expression.js';
import type { FormDataField, HttpMethod, LoopStep, RequestStep, Step, TemplateSource } from './model.js';
import { describe, formatPlainPath, type Path, type ScriptReader } from './reader.js';
import { readCaptures, readExpectations, readMatches } from './request-checks.js';

const METHODS: Readonly<Record<string, HttpMethod>> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
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
]);

/** Flow defaults that come from the config (`http.defaults.strictCapture`). */
export interface FlowDefaults {
  readonly strictCapture: boolean;
  /** Whether `config.processor` is set: function steps and hooks need it. */
  readonly hasProcessor: boolean;
  /** The script's path: `formData` files are relative to its directory. */
  readonly scriptFile: string;
}

/** Hooks and function steps name processor functions; without a processor they cannot run. */
export function needProcessor(
  reader: ScriptReader,
  defaults: FlowDefaults,
  path: Path,
  names: readonly string[],
): void {
  if (names.length > 0 && !defaults.hasProcessor) {
    reader.fail(path, `"${names.join('", "')}" names a processor function, but config.processor is not set`);
  }
}

/** `ifTrue` is a processor function name, a variable, or an expression over the variables. */
function readIfTrue(reader: ScriptReader, path: Path, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw);
  const compiled = compileExpression(text);
  if (compiled.state === 'invalid') return reader.fail(path, `not a valid expression: ${compiled.message}`);
  return text;
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
  // Files are read once before the test: the path must be known then.
  if (fromFile.includes('{{'))
    return reader.fail([...path, 'fromFile'], 'a file to upload must be a fixed path, not a template');
  const contentType =
    spec.contentType === undefined
      ? 'application/octet-stream'
      : reader.string([...path, 'contentType'], spec.contentType);
  const filename =
    spec.filename === undefined ? basename(fromFile) : reader.string([...path, 'filename'], spec.filename);
  if (contentType === undefined || filename === undefined) return undefined;
  return {
    kind: 'file',
    fromFile,
    resolvedPath: resolve(dirname(scriptFile), fromFile),
    filename,
    contentType,
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
