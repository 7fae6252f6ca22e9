/**
 * The default reporting window: Artillery's fixed 10 s turns a 5 s run into one point, so the
 * window adapts to the planned duration instead — at least ~20 windows for runs of 10 s and
 * more, never wider than 10 s, on a few round widths so windows of separate runs line up.
 * `--interval` (RunLoadTestOptions.intervalMs) always wins.
 */

/** Round window widths, narrowest first (ms). */
export const WINDOW_STEPS_MS = [500, 1_000, 2_000, 5_000, 10_000] as const;
/** Windows a run of 10 s or more gets at least. */
export const MIN_WINDOWS = 20;

/** The widest round width that still gives `MIN_WINDOWS` windows over `plannedMs` (500 ms at least). */
export function defaultIntervalMs(plannedMs: number): number {
  const widest = plannedMs / MIN_WINDOWS;
  let chosen: number = WINDOW_STEPS_MS[0];
  for (const step of WINDOW_STEPS_MS) if (step <= widest) chosen = step;
  return chosen;
}
