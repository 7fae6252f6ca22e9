/**
 * A VU's cookie jar: what the target set is sent back on later requests. Deliberately small:
 * one host per test, so domain and path scoping are not modelled; `Max-Age=0` deletes.
 */
export class CookieJar {
  /** Created on the first cookie: most VUs of most tests never hold one. */
  #map: Map<string, string> | undefined;

  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const name in initial) this.#cookies.set(name, initial[name] as string);
  }

  get #cookies(): Map<string, string> {
    this.#map ??= new Map();
    return this.#map;
  }

  /** Takes the `set-cookie` header(s) of a response. */
  store(setCookie: string | readonly string[] | undefined): void {
    if (setCookie === undefined) return;
    for (const line of typeof setCookie === 'string' ? [setCookie] : setCookie) {
      const [pair = '', ...attributes] = line.split(';');
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*(-\d+|0)\s*$/i.test(attribute));
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(equals + 1).trim());
    }
  }

  /** The `cookie` header value with `extra` (a request's own `cookie:` map) on top; undefined if empty. */
  header(extra?: Readonly<Record<string, unknown>>): string | undefined {
    if ((this.#map === undefined || this.#map.size === 0) && (extra === undefined || isEmpty(extra)))
      return undefined;
    const all = new Map(this.#cookies);
    for (const [name, value] of Object.entries(extra ?? {})) all.set(name, String(value));
    return [...all].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

function isEmpty(record: Readonly<Record<string, unknown>>): boolean {
  for (const _ in record) return false;
  return true;
}
