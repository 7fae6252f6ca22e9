/**
 * PromQL for "the budget period so far", the same meaning `perfgate monitor` uses:
 * - a rolling period is the last P, and the share of it that has elapsed is the time since the
 *   SLI's metric first appeared (at most P), so a fresh deployment is judged on what it really
 *   spent, never on an extrapolation of its first minutes;
 * - a calendar period (week from Monday, month, quarter) starts at local midnight. PromQL's date
 *   functions know only UTC, so rules shift time by the zone's standard offset (spec.ts warns
 *   that during summer time the boundary is an hour off).
 */
import { standardOffsetSeconds } from '../calendar.js';
import type { BudgetSlo, CalendarUnit } from '../model.js';
import { ofSlo } from './identity.js';
import { promDuration } from './promql.js';

const DAY_S = 86_400;

/**
 * Resolution of the subquery that finds when a rolling period's data starts: P / 240 (3h on 30d),
 * 240 cheap lookups per evaluation. A deployment younger than one step counts as not started.
 */
export function firstSeenStepMs(periodMs: number): number {
  return Math.max(60_000, Math.round(periodMs / 240 / 60_000) * 60_000);
}

/**
 * Share of a rolling period that has data: (now − first sample within P) / (P − step), at most 1.
 * The first step that sees data comes up to one step after the data starts, so a fresh deployment
 * is credited with slightly less time (less budget spent), never more; a full history reads 1,
 * and a deployment younger than one step reads 0.
 */
export function rollingElapsedExpr(periodMs: number, presence: string): string {
  const stepMs = firstSeenStepMs(periodMs);
  const first = `min(min_over_time(timestamp(${presence})[${promDuration(periodMs)}:${promDuration(stepMs)}]))`;
  // Before the first step sees data (the first minutes of a deployment) nothing counts as elapsed.
  return `clamp_max((time() - ${first}) / ${(periodMs - stepMs) / 1_000}, 1) or vector(0)`;
}

/** Local (shifted) time as a PromQL scalar expression. */
const local = (offset: number): string => (offset === 0 ? 'time()' : `(time() + ${offset})`);

function monthStart(offset: number): string {
  return `time() - (day_of_month(vector(${local(offset)})) - 1) * ${DAY_S} - ${local(offset)} % ${DAY_S}`;
}

function weekStart(offset: number): string {
  return `time() - ((day_of_week(vector(${local(offset)})) + 6) % 7) * ${DAY_S} - ${local(offset)} % ${DAY_S}`;
}

/** Month start minus the days of the quarter's earlier months (0, 1 or 2 of them). */
function quarterStart(offset: number): string {
  const t = local(offset);
  const day = `scalar(day_of_month(vector(${t})))`;
  const previous = `days_in_month(vector(${t} - ${day} * ${DAY_S}))`;
  const beforeThat = `days_in_month(vector(${t} - (${day} + scalar(${previous})) * ${DAY_S}))`;
  const position = `((month(vector(${t})) - 1) % 3)`;
  return (
    `${monthStart(offset)}\n - (${position} >= bool 1) * ${previous} * ${DAY_S}` +
    `\n - (${position} >= bool 2) * ${beforeThat} * ${DAY_S}`
  );
}

const START: Readonly<Record<CalendarUnit, (offset: number) => string>> = {
  week: weekStart,
  month: monthStart,
  quarter: quarterStart,
};

/** The timestamp the current calendar period started at, as of each evaluation. */
export function calendarStartExpr(unit: CalendarUnit, timeZone: string): string {
  return START[unit](standardOffsetSeconds(timeZone).seconds);
}

/** Length in seconds of the calendar period that started at the recorded start. */
export function calendarLengthExpr(slo: BudgetSlo, unit: CalendarUnit, timeZone: string): string {
  if (unit === 'week') return `vector(${7 * DAY_S})`;
  const offset = standardOffsetSeconds(timeZone).seconds;
  const start = `scalar(${ofSlo('slo:period_start:timestamp', slo)}) + ${offset}`;
  const months = unit === 'month' ? [0] : [0, 32, 63];
  const days = months.map((after) => `days_in_month(vector(${start} + ${after * DAY_S}))`);
  return `(${days.join(' + ')}) * ${DAY_S}`;
}

/** The longest a calendar period can be, for the subquery that reads it. */
export const CALENDAR_MAX_MS: Readonly<Record<CalendarUnit, number>> = {
  week: 7 * DAY_S * 1_000,
  month: 31 * DAY_S * 1_000,
  quarter: 92 * DAY_S * 1_000,
};

/**
 * The error ratio of a calendar period so far: the average of one recorded window's ratio read
 * every window length since the period started (tiles that cover the period; Sloth's period SLI,
 * cut at the start).
 */
export function calendarRatioExpr(
  slo: BudgetSlo,
  unit: CalendarUnit,
  shortest: string,
  stepMs: number,
): string {
  const inPeriod = `vector(time()) >= scalar(${ofSlo('slo:period_start:timestamp', slo)} @ end())`;
  const ratio = `max without (window) (${ofSlo(shortest, slo)})`;
  return `avg_over_time((${ratio} and on() (${inPeriod}))[${promDuration(CALENDAR_MAX_MS[unit])}:${promDuration(stepMs)}])`;
}
