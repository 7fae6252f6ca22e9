import type { HttpClient } from '../contracts.js';
import type { HttpClientOptions } from './options.js';
import { PlainHttpClient } from './plain-client.js';

export { type HttpClientOptions, MAX_REDIRECTS } from './options.js';

/**
 * The HTTP side of the load engine (DESIGN.md `load/http`): plain http:// goes through the raw
 * socket client (the hot path), https:// and anything else through undici, loaded on first use.
 * Never throws: every failure is an `HttpFailure` with Artillery's error code.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  return new PlainHttpClient(options, async () => {
    const { createUndiciHttpClient } = await import('./undici-client.js');
    return createUndiciHttpClient(options);
  });
}
