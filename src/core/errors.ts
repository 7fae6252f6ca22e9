/**
 * Stable error codes. Callers branch on `code`, never on message text; only `src/cli` maps a
 * code's `kind` to an exit code (bad input → 2, could not run → 3).
 */
export const ERROR_KINDS = {
  CONFIG_NOT_FOUND: 'bad-input',
  CONFIG_INVALID: 'bad-input',
  FILE_NOT_FOUND: 'bad-input',
  INVALID_ARGUMENT: 'bad-input',
  NOT_IMPLEMENTED: 'bad-input',
  REPORT_INPUT_INVALID: 'bad-input',
  HISTORY_CORRUPT: 'bad-input',
  HISTORY_TOO_NEW: 'bad-input',
  HISTORY_RUN_NOT_FOUND: 'bad-input',
  BASELINE_INVALID: 'bad-input',
  CONFIRMATION_REQUIRED: 'bad-input',
  BENCHMARK_FAILED: 'could-not-run',
  DEPENDENCY_MISSING: 'could-not-run',
  SERVICE_START_FAILED: 'could-not-run',
  SERVICE_EXITED_EARLY: 'could-not-run',
  SERVICE_NOT_READY: 'could-not-run',
  SERVICE_PORT_IN_USE: 'could-not-run',
  SERVICE_UNREACHABLE: 'could-not-run',
  HISTORY_UNAVAILABLE: 'could-not-run',
  HISTORY_LOCKED: 'could-not-run',
  ABORTED: 'could-not-run',
  TIME_BUDGET_EXCEEDED: 'could-not-run',
} as const;

export type ErrorCode = keyof typeof ERROR_KINDS;
export type ErrorKind = (typeof ERROR_KINDS)[ErrorCode];

export interface PerfgateErrorOptions {
  /** One line telling the user what to do about it. */
  hint?: string;
  cause?: unknown;
  /** Every problem found, one line each (`FILE:LINE:COL path: message`), when there are several. */
  details?: readonly string[];
}

/** The one error type perfgate throws on purpose: a stable code, a message, an optional hint. */
export class PerfgateError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, options: PerfgateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PerfgateError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }

  get kind(): ErrorKind {
    return ERROR_KINDS[this.code];
  }
}

export function isPerfgateError(value: unknown): value is PerfgateError {
  return value instanceof PerfgateError;
}

/** A result that can fail, as data (STYLE.md #6). */
export type Outcome<T, E = PerfgateError> = { state: 'ok'; value: T } | { state: 'errored'; error: E };
