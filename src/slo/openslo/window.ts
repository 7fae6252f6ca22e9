/**
 * OpenSLO time windows as perfgate budget periods: rolling windows become durations (`4w` → 28d),
 * calendar windows `1w`/`1M`/`1Q` become week/month/quarter in their time zone. v1alpha writes
 * `timeWindows: [{unit, count, isRolling}]`, v1 and v2alpha `timeWindow: [{duration, isRolling}]`.
 */
import {
  isObject,
  type Json,
  note,
  numberAt,
  type OpenSloVersion,
  type Report,
  refuse,
  text,
  type WrittenSlo,
} from './types.js';

type Period = NonNullable<WrittenSlo['errorBudget']>;

const CALENDAR: Readonly<Record<string, 'week' | 'month' | 'quarter'>> = {
  '1w': 'week',
  '1M': 'month',
  '1Q': 'quarter',
};
const V1ALPHA_UNITS: Readonly<Record<string, string>> = {
  day: 'd',
  week: 'w',
  month: 'M',
  quarter: 'Q',
  year: 'Y',
};

/** Days a rolling month, quarter or year is read as (perfgate's stated policy: a month is 30d). */
const NOMINAL_DAYS: Readonly<Record<string, number>> = { M: 30, Q: 90, Y: 365 };

function rolling(duration: string, field: string, report: Report): Period | undefined {
  const match = /^(\d+)([mhdwMQY])$/.exec(duration);
  if (match === null) {
    return refuse(report, field, `a rolling window of ${duration} is not a duration such as 28d, 4w or 1M`);
  }
  const count = Number(match[1]);
  const unit = match[2] ?? 'd';
  const nominal = NOMINAL_DAYS[unit];
  if (nominal !== undefined) {
    note(
      report,
      field,
      `a rolling ${duration} is read as ${count * nominal}d (a month is 30d, a quarter 90d, a year 365d)`,
    );
    return { period: `${count * nominal}d` };
  }
  return { period: unit === 'w' ? `${count * 7}d` : `${count}${unit}` };
}

function calendar(window: Json, duration: string, field: string, report: Report): Period | undefined {
  const unit = CALENDAR[duration];
  if (unit === undefined) {
    return refuse(
      report,
      field,
      `a calendar window of ${duration} is not supported: perfgate's calendar periods are 1w, 1M and 1Q`,
    );
  }
  const details = isObject(window.calendar) ? window.calendar : {};
  if (details.startTime !== undefined) {
    note(
      report,
      `${field.replace(/\.duration$|\.unit$/, '')}.calendar.startTime`,
      'not used: calendar periods start at local midnight on their first day (weeks on Monday)',
    );
  }
  const timeZone = text(details.timeZone);
  return timeZone === undefined ? { period: unit } : { period: unit, timezone: timeZone };
}

/** The period of an OpenSLO SLO spec, or a refusal naming the field. */
export function periodOf(spec: Json, version: OpenSloVersion, report: Report): Period | undefined {
  const key = version === 'v1alpha' ? 'timeWindows' : 'timeWindow';
  const windows = Array.isArray(spec[key]) ? (spec[key] as unknown[]) : [];
  const [window] = windows;
  if (!isObject(window)) {
    note(report, `spec.${key}`, 'not given: the period is 30d rolling');
    return { period: '30d' };
  }
  if (windows.length > 1) note(report, `spec.${key}`, 'only the first window is used');
  const isCalendar =
    window.isRolling === false || (window.isRolling === undefined && window.calendar !== undefined);
  if (version === 'v1alpha') {
    const unit = V1ALPHA_UNITS[(text(window.unit) ?? '').toLowerCase()];
    const count = numberAt(window.count);
    const field = `spec.timeWindows[0]`;
    if (unit === undefined || count === undefined)
      return refuse(report, field, 'needs unit (Day, Week, Month, Quarter, Year) and count');
    return isCalendar
      ? calendar(window, `${count}${unit}`, `${field}.unit`, report)
      : rolling(`${count}${unit}`, `${field}.unit`, report);
  }
  const duration = text(window.duration);
  const field = `spec.timeWindow[0].duration`;
  if (duration === undefined) return refuse(report, field, 'is required (e.g. 28d, or 1M with a calendar)');
  return isCalendar ? calendar(window, duration, field, report) : rolling(duration, field, report);
}
