/**
 * Stable error codes as Artillery names them (`errors.ETIMEDOUT`, `errors.ECONNRESET`…), from
 * undici's and Node's errors. Unknown errors keep their own code, else their name.
 */
const UNDICI_CODES: Readonly<Record<string, string>> = {
  UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_HEADERS_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_BODY_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_ABORTED: 'ABORTED',
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: 'ERR_CONTENT_LENGTH_MISMATCH',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'ERR_CONTENT_LENGTH_MISMATCH',
  UND_ERR_INVALID_ARG: 'ERR_INVALID_ARG',
};

/** Codes the system sets on a connection-level failure, which win over undici's wrapper code. */
const SYSTEM_CODE = /^E[A-Z]+$/;

export function errorCodeOf(error: unknown): string {
  if (!(error instanceof Error)) return 'EUNKNOWN';
  const own = (error as { code?: unknown }).code;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === 'string' && SYSTEM_CODE.test(cause.code)) return cause.code;
  if (typeof own === 'string') return UNDICI_CODES[own] ?? own;
  if (error.name === 'AbortError') return 'ABORTED';
  // AggregateError of several address attempts (localhost → ::1 and 127.0.0.1): the first's code.
  const first = (error as { errors?: unknown[] }).errors?.[0];
  if (first !== undefined) return errorCodeOf(first);
  return error.name || 'EUNKNOWN';
}
