/**
 * Compares what the recording server received from Artillery and from perfgate: method, path,
 * query, headers and body of each HTTP request, WebSocket and Socket.IO traffic, and whether the
 * run passed. Values are compared as a server reads them (query pairs decoded, JSON bodies
 * parsed, multipart parts parsed); the headers that legitimately differ are listed once below.
 */
import type { RecordedEvent } from './recorder.js';

/**
 * Headers that differ between two correct clients: the connection handling and framing of each
 * HTTP stack, and WebSocket handshake nonces. (perfgate's W3C `traceparent` is off by default,
 * as Artillery has none, so it is compared like any other header.)
 */
export const IGNORED_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'upgrade',
]);

export interface Outcome {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly events: readonly RecordedEvent[];
}

export interface Comparison {
  readonly sameTraffic: boolean;
  readonly sameVerdict: boolean;
  /** What differs, for a person to read; empty when the runs agree. */
  readonly differences: readonly string[];
}

export interface CompareOptions {
  /** `127.0.0.1:PORT` of each run's recorder, replaced by one placeholder. */
  readonly hosts: readonly string[];
  /** The script draws random values (`$randomNumber`, `$randomString`, `$uuid`…): compare their shape only. */
  readonly random: boolean;
}

export function compareRuns(artillery: Outcome, perfgate: Outcome, options: CompareOptions): Comparison {
  const differences: string[] = [];
  const a = artillery.events.map((event) => normalise(event, options));
  const p = perfgate.events.map((event) => normalise(event, options));
  const sameTraffic = sameSequence(
    a,
    p,
    artillery.timedOut || perfgate.timedOut,
    options.random,
    differences,
  );
  const perfgatePassed = perfgate.exitCode === 0 && !perfgate.timedOut;
  const sameVerdict = perfgatePassed === expectedToPass(artillery);
  if (!sameVerdict) {
    differences.push(
      `verdict: Artillery exit ${artillery.exitCode}${artillery.timedOut ? ' (timed out)' : ''}, perfgate exit ${perfgate.exitCode}${perfgate.timedOut ? ' (timed out)' : ''}`,
    );
  }
  return { sameTraffic, sameVerdict, differences };
}

/**
 * Whether perfgate should pass a run: when Artillery passes it, unless nothing reached the
 * server (a run that sent nothing tested nothing: perfgate fails it by design, Artillery passes).
 */
export function expectedToPass(artillery: Outcome): boolean {
  return artillery.exitCode === 0 && !artillery.timedOut && artillery.events.length > 0;
}

function sameSequence(
  a: readonly string[],
  p: readonly string[],
  truncated: boolean,
  random: boolean,
  differences: string[],
): boolean {
  const length = truncated ? Math.min(a.length, p.length) : Math.max(a.length, p.length);
  if (truncated && length === 0 && a.length + p.length > 0) {
    differences.push(`a run timed out: Artillery sent ${a.length}, perfgate ${p.length}`);
    return false;
  }
  const left = a.slice(0, length);
  const right = p.slice(0, length);
  const equal = (x: string | undefined, y: string | undefined) =>
    x === y || (random && x !== undefined && y !== undefined && shape(x) === shape(y));
  if (left.length === right.length && left.every((item, index) => equal(item, right[index]))) return true;
  // Requests sent concurrently (parallel steps) may arrive in either order.
  const sortedLeft = [...left].sort();
  const sortedRight = [...right].sort();
  if (sortedLeft.length === sortedRight.length && sortedLeft.every((item, i) => equal(item, sortedRight[i])))
    return true;
  const index = left.findIndex((item, i) => !equal(item, right[i]));
  const at = index === -1 ? Math.min(left.length, right.length) : index;
  differences.push(
    `traffic differs at #${at} (Artillery sent ${a.length}, perfgate ${p.length})\n  Artillery: ${left[at] ?? '(nothing)'}\n  perfgate:  ${right[at] ?? '(nothing)'}`,
  );
  return false;
}

/** Random values keep their shape: every run of letters and digits counts as one token. */
function shape(text: string): string {
  return text.replace(/[A-Za-z0-9]+/g, 'x');
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/gi;

/** One event as a canonical string (sorted keys), with run-specific values replaced. */
export function normalise(event: RecordedEvent, options: CompareOptions): string {
  const text = canonical(normaliseEvent(event));
  let out = text;
  for (const host of options.hosts) out = out.split(host).join('<recorder>');
  return out.replace(UUID, '<uuid>');
}

function normaliseEvent(event: RecordedEvent): unknown {
  switch (event.kind) {
    case 'http': {
      const headers = keptHeaders(event.headers);
      const contentType = String(headers['content-type'] ?? '');
      if (contentType.startsWith('multipart/form-data')) headers['content-type'] = 'multipart/form-data';
      return {
        kind: 'http',
        method: event.method,
        path: safeDecode(event.path),
        query: pairs(event.query),
        headers,
        body: readBody(event.body, contentType),
      };
    }
    case 'ws-connect':
      return {
        kind: 'ws-connect',
        path: event.path,
        query: pairs(event.query),
        headers: keptHeaders(event.headers),
      };
    case 'ws-message':
      return {
        kind: 'ws-message',
        connection: event.connection,
        data: readBody(event.data, 'application/json'),
      };
    default:
      return event;
  }
}

function keptHeaders(headers: Readonly<Record<string, string | string[]>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) if (!IGNORED_HEADERS.has(name)) out[name] = value;
  return out;
}

/** The body as a server would read it. */
function readBody(body: string, contentType: string): unknown {
  if (body === '') return '';
  if (contentType.startsWith('multipart/form-data')) return multipartParts(body, contentType);
  if (contentType.startsWith('application/x-www-form-urlencoded')) return pairs(body);
  try {
    return { json: JSON.parse(body) as unknown };
  } catch {
    return body;
  }
}

function multipartParts(body: string, contentType: string): unknown {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary ? `--${boundary[1] ?? boundary[2]}` : undefined;
  if (!marker) return body;
  return body
    .split(marker)
    .slice(1, -1)
    .map((part) => {
      const [head = '', ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
      const headers = head
        .split('\r\n')
        .map((line) => line.toLowerCase().replace(/\s+/g, ' ').trim())
        .filter((line) => line !== '' && !line.startsWith('content-length'))
        .sort();
      return { headers, content: rest.join('\r\n\r\n').replace(/\r\n$/, '') };
    });
}

function pairs(query: string): [string, string][] {
  return [...new URLSearchParams(query)].map(([key, value]) => [key, value]);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** JSON with sorted keys, so key order (which servers ignore) does not count. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
