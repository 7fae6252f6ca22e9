export type HeaderRecord = Record<string, string | string[]>;

interface LazyTarget {
  readonly source: unknown;
  readonly parse: (source: never) => HeaderRecord;
  /** Known from the framing scan: reading `set-cookie` (every response, by the cookie jar) needs no parse. */
  readonly noSetCookie: boolean;
  parsed: HeaderRecord | undefined;
}

/**
 * A response's headers, parsed on first read: most flows never look at them, and turning
 * every header of every response into strings is a measurable share of the client's CPU.
 * Property reads, `in`, `Object.keys/entries`, spread and JSON.stringify work; it is read-only.
 */
export function lazyHeaders<T>(
  source: T,
  parse: (source: T) => HeaderRecord,
  noSetCookie = false,
): HeaderRecord {
  const target: LazyTarget = {
    source,
    parse: parse as (source: never) => HeaderRecord,
    noSetCookie,
    parsed: undefined,
  };
  return new Proxy(target, LAZY_HEADERS) as unknown as HeaderRecord;
}

const parsedOf = (target: LazyTarget): HeaderRecord => {
  target.parsed ??= target.parse(target.source as never);
  return target.parsed;
};

const SET_COOKIE = 'set-cookie';

/** One handler shared by every response (no per-response closures). */
const LAZY_HEADERS: ProxyHandler<LazyTarget> = {
  get: (target, key) => {
    if (typeof key !== 'string' || (target.noSetCookie && key === SET_COOKIE && target.parsed === undefined))
      return undefined;
    return parsedOf(target)[key];
  },
  has: (target, key) => typeof key === 'string' && key in parsedOf(target),
  ownKeys: (target) => Reflect.ownKeys(parsedOf(target)),
  getOwnPropertyDescriptor: (target, key) => {
    const value = typeof key === 'string' ? parsedOf(target)[key] : undefined;
    return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: false };
  },
};

/** Adds one header: lower-case name; repeats joined with ", ", set-cookie kept as a list. */
export function addHeader(headers: HeaderRecord, rawName: string, value: string): void {
  const name = rawName.toLowerCase();
  const existing = headers[name];
  if (name === 'set-cookie') {
    if (Array.isArray(existing)) existing.push(value);
    else headers[name] = [value];
  } else {
    headers[name] = existing === undefined ? value : `${existing}, ${value}`;
  }
}

const NON_ASCII = /[^\t\r\n\x20-\x7e]/;

/** A response head as read off the wire (status line, then `name: value` lines, latin1) → headers. */
export function parseHeaderBlock(block: string): HeaderRecord {
  const headers: HeaderRecord = {};
  // Header bytes are read as latin1 for speed; UTF-8 values (rare) are decoded here.
  const text = NON_ASCII.test(block) ? Buffer.from(block, 'latin1').toString('utf8') : block;
  const lines = text.split('\r\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const colon = line.indexOf(':');
    if (colon > 0) addHeader(headers, line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}
