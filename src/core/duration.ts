/**
 * Durations as people write them in configs and scripts: a bare number (in the caller's default
 * unit) or a string such as `250ms`, `30s`, `5m`, `1h`, `7d`, `1.5s`, `1h30m`.
 */
const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;

export const DURATION_FORMAT_HINT = 'a number or a string such as 500ms, 30s, 5m, 1h, 7d';

/**
 * Parses a duration to milliseconds, or returns undefined when `input` is not one.
 * `defaultUnit` applies to bare numbers and to numeric strings without a unit.
 */
export function parseDuration(input: number | string, defaultUnit: 'ms' | 's' = 'ms'): number | undefined {
  const unitMs = UNIT_MS[defaultUnit] ?? 1;
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input * unitMs : undefined;
  const text = input.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * unitMs;
  if (text === '') return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(text); match !== null; match = PART.exec(text)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
    consumed = PART.lastIndex;
  }
  return consumed === text.length && Number.isFinite(total) ? total : undefined;
}

/** Formats milliseconds compactly for people: `850ms`, `1.5s`, `5m`, `1h30m`. */
export function formatDuration(ms: number): string {
  // Bounds where rounding would carry into the next unit ("1000ms", "60s", "19m60s").
  if (ms < 999.5) return `${Math.round(ms)}ms`;
  if (ms < 59_995) return `${Number((ms / 1_000).toFixed(2))}s`;
  const totalSeconds = Math.round(ms / 1_000);
  const hours = Math.floor(totalSeconds / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  return (
    [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', seconds ? `${seconds}s` : ''].join('') || '0s'
  );
}
