import { type Dispatcher, request } from 'undici';
import { DeliveryError } from './notifier.js';

/** How much of a receiver's error body goes into the error message (Slack says why in it). */
const MAX_ERROR_BODY_CHARS = 200;

export interface PostJsonOptions {
  headers?: Record<string, string>;
  signal: AbortSignal;
  dispatcher?: Dispatcher;
  /** Reads the wall clock, to turn an HTTP-date Retry-After into a delay. */
  now: () => number;
}

/**
 * POSTs `body` as JSON and resolves with the response text on 2xx. Otherwise rejects with a
 * DeliveryError: retryable for 5xx, 429 (with its Retry-After) and network errors, final for other
 * statuses. Messages name the status and the receiver's reason, never the URL.
 */
export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<string> {
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify(body),
      signal: options.signal,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
  } catch (error) {
    throw networkError(error, options.signal);
  }
  const text = await response.body.text().catch(() => '');
  const status = response.statusCode;
  if (status >= 200 && status < 300) return text;
  const reason = text.trim().slice(0, MAX_ERROR_BODY_CHARS);
  const message = `HTTP ${status}${reason === '' ? '' : `: ${reason}`}`;
  const retryable = status === 429 || status >= 500;
  const retryAfterMs = retryable
    ? parseRetryAfter(response.headers['retry-after'], options.now())
    : undefined;
  throw new DeliveryError(message, { retryable, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
}

/** A Retry-After header (seconds or an HTTP date) as a delay in milliseconds. */
export function parseRetryAfter(header: string | string[] | undefined, now: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkError(error: unknown, signal: AbortSignal): DeliveryError {
  if (signal.aborted) {
    const reason = signal.reason instanceof Error ? signal.reason.message : 'aborted';
    return new DeliveryError(reason, { retryable: true, cause: error });
  }
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const named = typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
  return new DeliveryError(named, {
    retryable: true,
    cause: error,
  });
}
