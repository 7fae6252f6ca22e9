import { createRequire } from 'node:module';
import type { CookieJar as ToughJar } from 'tough-cookie';

type ToughModule = typeof import('tough-cookie');
let tough: ToughModule | undefined;

/**
 * tough-cookie is required on the first cookie, not imported with the engine: loading it costs
 * ~70 ms of CPU, which every load run paid though most never see a cookie. Synchronous, because
 * a jar is first needed inside a response's synchronous bookkeeping.
 */
function toughCookie(): ToughModule {
  tough ??= createRequire(import.meta.url)('tough-cookie') as ToughModule;
  return tough;
}

/** Artillery's error name for a `set-cookie` its jar cannot read. */
export const COOKIE_PARSE_ERROR = 'cookie_parse_error_invalid_cookie';

/**
 * A VU's cookies, kept as Artillery keeps them: in a tough-cookie jar (the same library), so
 * domain, path, expiry and the order of the `cookie` header follow the same rules. The jar is
 * used for a request when it has been switched on (default cookies, or a first `set-cookie` from
 * the target) or when the request carries its own `cookie:` map, which is stored in the jar and
 * so also goes out with later requests once the jar is on. Created on first use: most VUs of most
 * tests never hold a cookie, and they pay nothing.
 */
export class CookieJar {
  #jar: ToughJar | undefined;
  #enabled: boolean;

  /** `enabled`: the script has default cookies (Artillery switches the jar on at once). */
  constructor(enabled = false) {
    this.#enabled = enabled;
  }

  get #tough(): ToughJar {
    this.#jar ??= new (toughCookie().CookieJar)();
    return this.#jar;
  }

  /** The tough-cookie jar itself: Artillery hands it to processors as `context._jar`. */
  get tough(): ToughJar {
    return this.#tough;
  }

  /**
   * The `cookie` header for a request to `url`: `own` (the request's `cookie:` map over the
   * default cookies, already templated) is stored first. Undefined when nothing is sent.
   */
  header(url: string, own?: Readonly<Record<string, unknown>>): string | undefined {
    const hasOwn = own !== undefined && !isEmpty(own);
    if (!hasOwn && (!this.#enabled || this.#jar === undefined)) return undefined;
    if (hasOwn) for (const name in own) this.#set(`${name}=${own[name]}`, url);
    const header = this.#tough.getCookieStringSync(url);
    return header === '' ? undefined : header;
  }

  /**
   * Takes a response's `set-cookie` header(s); switches the jar on. Returns how many could not
   * be read (Artillery counts each as `errors.cookie_parse_error_invalid_cookie`).
   */
  store(setCookie: string | readonly string[] | undefined, url: string): number {
    if (setCookie === undefined) return 0;
    this.#enabled = true;
    let unreadable = 0;
    for (const line of typeof setCookie === 'string' ? [setCookie] : setCookie)
      if (!this.#set(line, url)) unreadable++;
    return unreadable;
  }

  #set(cookie: string, url: string): boolean {
    try {
      return this.#tough.setCookieSync(cookie, url) !== undefined;
    } catch {
      return false;
    }
  }
}

function isEmpty(record: Readonly<Record<string, unknown>>): boolean {
  for (const _ in record) return false;
  return true;
}
