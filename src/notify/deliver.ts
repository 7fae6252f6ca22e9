import type { Clock } from '../core/clock.js';
import { type Logger, silentLogger } from '../core/logger.js';
import { EXPLICIT_EVENTS, isAtLeastAsSevere, type Notification } from './notification.js';
import { DeliveryError, type DeliveryResult, type Notifier } from './notifier.js';
import type { Redact } from './redact.js';

/** First retry waits between half and all of this; each further retry doubles it (equal jitter). */
export const DEFAULT_BACKOFF_BASE_MS = 500;
/** No retry waits longer; a receiver asking for a longer Retry-After gets no retry. */
export const MAX_RETRY_DELAY_MS = 30_000;

export interface DeliveryContext {
  clock: Clock;
  logger?: Logger;
  /** Applied to every message that leaves: results and logs. */
  redact: Redact;
  /** Uniform random number in [0, 1) for jitter; Math.random when absent. */
  random?: () => number;
  /** Aborting it (Ctrl-C) ends every delivery promptly, reported as failed. */
  signal?: AbortSignal;
  backoffBaseMs?: number;
}

/**
 * The notifiers a notification is routed to: its kind is one they take, it is severe enough, and
 * it comes from an environment they serve (a notification without an environment reaches only
 * channels that serve every environment, so it can never page by accident).
 */
export function routeNotification(notification: Notification, notifiers: readonly Notifier[]): Notifier[] {
  return notifiers.filter(
    (notifier) =>
      notifier.policy.kinds.includes(notification.kind) &&
      isAtLeastAsSevere(notification.severity, notifier.policy.minSeverity) &&
      servesEnvironment(notifier, notification.environment) &&
      takesEvent(notifier, notification.event),
  );
}

/** A channel without an `events` list takes every event but the explicit ones (a drill). */
function takesEvent(notifier: Notifier, event: Notification['event']): boolean {
  if (event === undefined) return true;
  const events = notifier.policy.events;
  if (events === undefined) return !EXPLICIT_EVENTS.includes(event);
  return events.includes(event);
}

function servesEnvironment(notifier: Notifier, environment: string | undefined): boolean {
  const served = notifier.policy.environments;
  if (served === undefined) return true;
  return environment !== undefined && served.includes(environment);
}

/**
 * Routes the notification and sends it to every chosen channel in parallel. Never rejects and
 * never outlasts the channels' time limits: each outcome comes back as data, secrets redacted.
 */
export function notifyAll(
  notification: Notification,
  notifiers: readonly Notifier[],
  context: DeliveryContext,
): Promise<DeliveryResult[]> {
  return sendToEach(notification, routeNotification(notification, notifiers), context);
}

/** Sends to every given channel in parallel, without routing (for `perfgate notify test`). */
export function sendToEach(
  notification: Notification,
  notifiers: readonly Notifier[],
  context: DeliveryContext,
): Promise<DeliveryResult[]> {
  return Promise.all(notifiers.map((notifier) => deliver(notification, notifier, context)));
}

/** One channel: attempts with a time limit each, retrying retryable failures with backoff. */
export async function deliver(
  notification: Notification,
  notifier: Notifier,
  context: DeliveryContext,
): Promise<DeliveryResult> {
  const { clock, redact } = context;
  const logger = (context.logger ?? silentLogger).child(notifier.name);
  const started = clock.monotonic();
  const result = (state: 'sent' | 'failed', attempts: number, error?: string): DeliveryResult => ({
    channel: notifier.name,
    type: notifier.type,
    state,
    attempts,
    durationMs: clock.monotonic() - started,
    ...(error === undefined ? {} : { error: redact(error) }),
  });
  const maxAttempts = notifier.policy.retries + 1;
  for (let attempt = 1; ; attempt++) {
    let failure: DeliveryError;
    try {
      await attemptWithTimeout(notification, notifier, clock, context.signal);
      logger.debug('sent on attempt %d', attempt);
      return result('sent', attempt);
    } catch (error) {
      failure = asDeliveryError(error);
    }
    const delay = retryDelay(attempt, failure, context);
    const retry = failure.retryable && attempt < maxAttempts && delay !== undefined;
    logger.debug(
      redact(`attempt ${attempt} failed: ${failure.message}${retry ? `; retrying in ${delay} ms` : ''}`),
    );
    if (!retry || context.signal?.aborted) return result('failed', attempt, failureText(failure, delay));
    try {
      await clock.sleep(delay, context.signal);
    } catch {
      return result('failed', attempt, `${failure.message} (interrupted before retrying)`);
    }
  }
}

/** Exponential backoff with equal jitter (half fixed, half random), or the receiver's Retry-After; undefined when that is too long. */
function retryDelay(attempt: number, failure: DeliveryError, context: DeliveryContext): number | undefined {
  if (failure.retryAfterMs !== undefined) {
    return failure.retryAfterMs <= MAX_RETRY_DELAY_MS ? failure.retryAfterMs : undefined;
  }
  const ceiling = Math.min(
    MAX_RETRY_DELAY_MS,
    (context.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS) * 2 ** (attempt - 1),
  );
  const random = context.random ?? Math.random;
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function failureText(failure: DeliveryError, delay: number | undefined): string {
  if (failure.retryable && delay === undefined && failure.retryAfterMs !== undefined) {
    return `${failure.message} (receiver asked to retry after ${Math.ceil(failure.retryAfterMs / 1000)} s)`;
  }
  return failure.message;
}

/** Runs one `send`, aborting it when the time limit passes or the caller aborts. */
async function attemptWithTimeout(
  notification: Notification,
  notifier: Notifier,
  clock: Clock,
  outer: AbortSignal | undefined,
): Promise<void> {
  if (outer?.aborted) throw new DeliveryError('interrupted', { retryable: false });
  const attempt = new AbortController();
  const stopTimer = new AbortController();
  const onOuterAbort = () => attempt.abort(new DeliveryError('interrupted', { retryable: false }));
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const { timeoutMs } = notifier.policy;
  const timedOut = new DeliveryError(`timed out after ${timeoutMs} ms`, { retryable: true });
  const timeout = clock.sleep(timeoutMs, stopTimer.signal).then(
    () => {
      attempt.abort(timedOut);
      throw timedOut;
    },
    () => {},
  );
  const aborted = new Promise<never>((_, reject) => {
    attempt.signal.addEventListener('abort', () => reject(attempt.signal.reason), { once: true });
  });
  aborted.catch(() => {});
  // Through a promise, so a notifier that throws synchronously still stops the timer below.
  const sending = Promise.resolve().then(() => notifier.send(notification, attempt.signal));
  sending.catch(() => {});
  try {
    await Promise.race([sending, timeout, aborted]);
  } finally {
    stopTimer.abort();
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError(message, { retryable: true, cause: error });
}
