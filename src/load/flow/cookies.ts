/**
 * A VU's cookie jar: what the target set is sent back on later requests. Deliberately small:
 * one host per test, so domain and path scoping are not modelled; `Max-Age=0` deletes.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const [name, value] of Object.entries(initial)) this.#cookies.set(name, value);
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
    if (this.#cookies.size === 0 && (extra === undefined || Object.keys(extra).length === 0))
      return undefined;
    const all = new Map(this.#cookies);
    for (const [name, value] of Object.entries(extra ?? {})) all.set(name, String(value));
    return [...all].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}
