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
    traceparent: readTraceparent(reader, http),
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
  const defaultHeaders: Record<string, string> = {};
  for (const [source, path] of [
    [legacy.headers, ['config', 'defaults', 'headers']],
    [modern.headers, ['config', 'http', 'defaults', 'headers']],
  ] as const) {
    if (source === undefined) continue;
    const headers = reader.record(path, source);
    for (const [name, value] of Object.entries(headers ?? {}))
      defaultHeaders[name.toLowerCase()] = String(value);
  }
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

/** `http.traceparent: false` (perfgate) or Artillery's `http.distributedTracing`; on by default. */
function readTraceparent(reader: ScriptReader, http: Record<string, unknown>): boolean {
  if (http.traceparent !== undefined)
    return reader.boolean(['config', 'http', 'traceparent'], http.traceparent, true);
  const tracing = http.distributedTracing;
  if (typeof tracing === 'boolean') return tracing;
  if (isRecord(tracing) && typeof tracing.enabled === 'boolean') return tracing.enabled;
  return true;
}
