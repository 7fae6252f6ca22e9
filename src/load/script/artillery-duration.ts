import ms from 'ms';

/**
 * Durations as Artillery reads them, with the `ms` package it uses: a number is seconds, a
 * string that reads as a whole number is seconds (`"60"`), anything else is an `ms` string
 * (`"10min"`, `"5 mins"`, `"3 secs"`, `"0.05min"`, `"500ms"`, `"1.5h"`). Undefined when it is none.
 */
export function artilleryDurationMs(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1_000 : undefined;
  const text = value.trim();
  if (text === '') return undefined;
  const asNumber = Number(text);
  if (Number.isInteger(asNumber)) return asNumber >= 0 ? asNumber * 1_000 : undefined;
  const parsed = ms(text as ms.StringValue);
  return typeof parsed === 'number' && Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

/**
 * A think time as Artillery computes it (`createThink`): a whole number of seconds, or an `ms`
 * string. Non-integer numbers are perfgate's deliberate difference: `think: 0.5` sleeps 500 ms
 * (Artillery hands `ms(0.5)`, the string "0.5ms", to setTimeout, which sleeps about 1 ms).
 */
export function thinkDurationMs(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value * 1_000 : 0;
  if (typeof value !== 'string') return 0;
  return artilleryDurationMs(value) ?? 0;
}

export const ARTILLERY_DURATION_HINT = 'seconds, or a duration such as 500ms, 30s, 10min, 5 mins, 1.5h';
