import type { Clock } from '../../core/clock.js';
import { formatDuration, parseDuration } from '../../core/duration.js';
import { PerfgateError } from '../../core/errors.js';

/**
 * `--start-at`: the wall-clock instant at which every generator of one test starts its schedule,
 * so segments on several machines run as one test (global arrival i is due at the same instant
 * everywhere). A generator that is ready later than this is an error, not a late start: a late
 * segment would send its arrivals in a burst, or shift them, and the merged test would not be
 * the test that was planned.
 */
export const START_AT_TOLERANCE_MS = 1_000;

/** Long waits are cut short of the instant and finished with a short sleep (timers drift). */
const FINAL_APPROACH_MS = 500;

/** An ISO 8601 time with a date, a time and a zone (`Z` or ±hh:mm): one instant on every machine. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses `--start-at`: an ISO time with a zone (`2025-06-01T12:00:00Z`) or `+DURATION` from
 * `nowMs` (`+10s`, `+2m`). Returns epoch ms. Throws INVALID_ARGUMENT on anything else.
 */
export function parseStartAt(text: string, nowMs: number): number {
  const trimmed = text.trim();
  if (trimmed.startsWith('+')) {
    const delayMs = parseDuration(trimmed.slice(1), 's');
    if (delayMs === undefined) throw invalid(text, 'after + give a duration such as 10s or 2m');
    return nowMs + delayMs;
  }
  if (!ISO_INSTANT.test(trimmed)) {
    throw invalid(text, 'expected an ISO time with a zone, e.g. 2025-06-01T12:00:00Z, or +10s from now');
  }
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) throw invalid(text, 'not a valid date and time');
  return at;
}

/** Throws INVALID_ARGUMENT when `startAt` passed more than START_AT_TOLERANCE_MS before `nowMs`. */
export function checkStartAt(startAt: number, nowMs: number): void {
  const lateMs = nowMs - startAt;
  if (lateMs <= START_AT_TOLERANCE_MS) return;
  throw new PerfgateError(
    'INVALID_ARGUMENT',
    `--start-at ${new Date(startAt).toISOString()}: that time passed ${formatDuration(lateMs)} ago (more than ${formatDuration(START_AT_TOLERANCE_MS)}), so this generator cannot start with the others`,
    { hint: 'give a later time: all generators must be ready before it' },
  );
}

/**
 * Resolves at wall time `startAt` (at once if it has passed); false when `signal` aborted first.
 * Waits on the injected clock, re-reading wall time before the last stretch.
 */
export async function waitUntil(clock: Clock, startAt: number, signal: AbortSignal): Promise<boolean> {
  for (let remaining = startAt - clock.now(); remaining > 0; remaining = startAt - clock.now()) {
    if (signal.aborted) return false;
    const step = remaining > 2 * FINAL_APPROACH_MS ? remaining - FINAL_APPROACH_MS : remaining;
    try {
      await clock.sleep(step, signal);
    } catch {
      return false;
    }
  }
  return !signal.aborted;
}

function invalid(text: string, why: string): PerfgateError {
  return new PerfgateError('INVALID_ARGUMENT', `--start-at ${text}: ${why}`);
}
