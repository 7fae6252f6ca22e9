/**
 * Start of the current calendar period (week from Monday, month, quarter) in an IANA time zone,
 * for budgets that reset on the calendar rather than roll.
 */
import type { CalendarUnit } from './model.js';

interface WallTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

function wallTime(atMs: number, timeZone: string): WallTime & { offsetMs: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  }).formatToParts(new Date(atMs));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '0';
  const [year, month, day] = [Number(get('year')), Number(get('month')), Number(get('day'))];
  const asUtc = Date.UTC(
    year,
    month - 1,
    day,
    Number(get('hour')),
    Number(get('minute')),
    Number(get('second')),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
  return { year, month, day, weekday, offsetMs: asUtc - Math.floor(atMs / 1_000) * 1_000 };
}

/** The instant of local midnight on `year-month-day` in `timeZone` (two passes settle DST). */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const naive = Date.UTC(year, month - 1, day);
  let guess = naive - wallTime(naive, timeZone).offsetMs;
  guess = naive - wallTime(guess, timeZone).offsetMs;
  return guess;
}

export function calendarPeriodStart(atMs: number, unit: CalendarUnit, timeZone: string): number {
  const now = wallTime(atMs, timeZone);
  if (unit === 'month') return localMidnight(now.year, now.month, 1, timeZone);
  if (unit === 'quarter') return localMidnight(now.year, now.month - ((now.month - 1) % 3), 1, timeZone);
  const monday = new Date(Date.UTC(now.year, now.month - 1, now.day - now.weekday));
  return localMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone);
}

/** The start of the period after the one containing `atMs` (its exclusive end). */
export function calendarPeriodEnd(atMs: number, unit: CalendarUnit, timeZone: string): number {
  const start = calendarPeriodStart(atMs, unit, timeZone);
  const beyond: Readonly<Record<CalendarUnit, number>> = { week: 8, month: 32, quarter: 95 };
  return calendarPeriodStart(start + beyond[unit] * 86_400_000, unit, timeZone);
}

/**
 * The zone's standard offset from UTC in seconds (the smaller of its January and July offsets),
 * for rules: PromQL's date functions know only UTC, so rules shift time by one fixed offset.
 */
export function standardOffsetSeconds(timeZone: string): { seconds: number; observesDst: boolean } {
  const offsets = [Date.UTC(2025, 0, 15), Date.UTC(2025, 6, 15)].map(
    (at) => wallTime(at, timeZone).offsetMs / 1_000,
  );
  return { seconds: Math.min(...offsets), observesDst: offsets[0] !== offsets[1] };
}
