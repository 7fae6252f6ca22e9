import type { HttpSettings } from './model.js';
import { isRecord, type Path, type ScriptReader } from './reader.js';

/** Artillery's default response timeout, seconds. */
export const DEFAULT_TIMEOUT_MS = 10_000;

const HTTP_KEYS = new Set([
  'timeout',
  'pool',
  'maxSockets',
  'defaults',
  'extendedMetrics',
  'traceparent',
  'distributedTracing',
]);
const HTTP_DEFAULTS_KEYS = new Set(['headers', 'cookie', 'strictCapture', 'think']);
/** `config.perfgate`: perfgate's own switches, where it deliberately differs from Artillery. */
const PERFGATE_KEYS = new Set(['traceparent']);

/** Reads `config.http`, `config.timeout`, `config.defaults`, `config.tls`. */
export function readHttpSettings(reader: ScriptReader, config: Record<string, unknown>): HttpSettings {
  const http = config.http === undefined ? {} : (reader.record(['config', 'http'], config.http) ?? {});
  reader.unknownKeys(['config', 'http'], http, HTTP_KEYS);
  const timeoutPath: Path =
    http.timeout !== undefined ? ['config', 'http', 'timeout'] : ['config', 'timeout'];
  const timeoutRaw = http.timeout ?? config.timeout;
  const timeoutMs =
    timeoutRaw === undefined ? DEFAULT_TIMEOUT_MS : reader.durationMs(timeoutPath, timeoutRaw);
  const positive = (key: 'pool' | 'maxSockets') =>
    http[key] === undefined
      ? undefined
      : reader.number(['config', 'http', key], http[key], { min: 1, integer: true });
  const pool = positive('pool');
  const maxSockets = positive('maxSockets');
  const defaults = readDefaults(reader, config, http);
  const tls = config.tls === undefined ? {} : (reader.record(['config', 'tls'], config.tls) ?? {});
  return {
    timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(pool === undefined ? {} : { pool }),
    ...(maxSockets === undefined ? {} : { maxSockets }),
    rejectUnauthorized: reader.boolean(['config', 'tls', 'rejectUnauthorized'], tls.rejectUnauthorized, true),
    ...defaults,
    traceparent: readTraceparent(reader, config, http),
    extendedMetrics: readExtendedMetrics(reader, http),
  };
}

/** Artillery's `http.extendedMetrics`: http.tcp and http.total are recorded; dns and tls are not apart. */
function readExtendedMetrics(reader: ScriptReader, http: Record<string, unknown>): boolean {
  const on = reader.boolean(['config', 'http', 'extendedMetrics'], http.extendedMetrics, false);
  if (on) {
    reader.warn(
      'config.http.extendedMetrics: http.tcp and http.total are recorded; http.dns and http.tls are not measured apart (they are inside http.tcp)',
    );
  }
  return on;
}

function readDefaults(
  reader: ScriptReader,
  config: Record<string, unknown>,
  http: Record<string, unknown>,
): Pick<HttpSettings, 'defaultHeaders' | 'defaultCookies' | 'strictCapture' | 'thinkJitter'> {
  const legacy =
    config.defaults === undefined ? {} : (reader.record(['config', 'defaults'], config.defaults) ?? {});
  const modern =
    http.defaults === undefined ? {} : (reader.record(['config', 'http', 'defaults'], http.defaults) ?? {});
  reader.unknownKeys(['config', 'http', 'defaults'], modern, HTTP_DEFAULTS_KEYS);
  const defaultHeaders = readDefaultHeaders(reader, legacy, modern);
  const defaultCookies: Record<string, string> = {};
  const cookies = modern.cookie ?? legacy.cookie;
  if (isRecord(cookies))
    for (const [name, value] of Object.entries(cookies)) defaultCookies[name] = String(value);
  const strictSource = modern.strictCapture ?? legacy.strictCapture;
  const thinkJitter = readThinkJitter(reader, modern.think);
  return {
    defaultHeaders,
    defaultCookies,
    strictCapture: reader.boolean(['config', 'http', 'defaults', 'strictCapture'], strictSource, true),
    ...(thinkJitter === undefined ? {} : { thinkJitter }),
  };
}

/** What Artillery sends as `user-agent` when neither the script nor the request sets one. */
export const ARTILLERY_USER_AGENT = 'Artillery (https://artillery.io)';
/**
 * Artillery's HTTP client (got 11) adds its own `user-agent` when the script has default headers
 * without one: Artillery's own name is only the fallback for scripts with no default headers.
 */
export const GOT_USER_AGENT = 'got (https://github.com/sindresorhus/got)';

/**
 * Default headers as Artillery picks them: `http.defaults.headers` if present, else
 * `defaults.headers` (the two are not merged), and a `user-agent` unless they set one.
 * Decided once per script: the VU runner just merges these into each request's headers.
 */
function readDefaultHeaders(
  reader: ScriptReader,
  legacy: Record<string, unknown>,
  modern: Record<string, unknown>,
): Record<string, string> {
  const [source, path] =
    modern.headers !== undefined
      ? [modern.headers, ['config', 'http', 'defaults', 'headers']]
      : [legacy.headers, ['config', 'defaults', 'headers']];
  if (source === undefined) return { 'user-agent': ARTILLERY_USER_AGENT };
  const headers = reader.record(path, source) ?? {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = String(value);
  out['user-agent'] ??= GOT_USER_AGENT;
  return out;
}

/** `http.defaults.think.jitter`: a number of ms or a percentage such as `"20%"` of each think. */
function readThinkJitter(reader: ScriptReader, raw: unknown): HttpSettings['thinkJitter'] {
  if (raw === undefined) return undefined;
  const think = reader.record(['config', 'http', 'defaults', 'think'], raw);
  if (think?.jitter === undefined) return undefined;
  const path = ['config', 'http', 'defaults', 'think', 'jitter'];
  const percent = typeof think.jitter === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(think.jitter) : null;
  if (percent) return { kind: 'percent', value: Number(percent[1]) };
  const ms = reader.number(path, think.jitter, { min: 0 });
  return ms === undefined ? undefined : { kind: 'ms', value: ms };
}

/**
 * As Artillery, no `traceparent` by default: a server that echoes headers must see the same
 * bytes from both tools. `config.perfgate.traceparent: true` (or `http.traceparent: true`, or
 * Artillery's `http.distributedTracing`) sends a W3C one on every request, and the slowest and
 * failed requests in the results then carry their trace ids.
 */
function readTraceparent(
  reader: ScriptReader,
  config: Record<string, unknown>,
  http: Record<string, unknown>,
): boolean {
  const own =
    config.perfgate === undefined ? {} : (reader.record(['config', 'perfgate'], config.perfgate) ?? {});
  reader.unknownKeys(['config', 'perfgate'], own, PERFGATE_KEYS);
  if (own.traceparent !== undefined)
    return reader.boolean(['config', 'perfgate', 'traceparent'], own.traceparent, true);
  if (http.traceparent !== undefined)
    return reader.boolean(['config', 'http', 'traceparent'], http.traceparent, true);
  const tracing = http.distributedTracing;
  if (typeof tracing === 'boolean') return tracing;
  if (isRecord(tracing) && typeof tracing.enabled === 'boolean') return tracing.enabled;
  return false;
}
