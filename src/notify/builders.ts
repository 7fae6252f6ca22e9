import {
  mostSevere,
  type Notification,
  type NotificationAlert,
  type NotificationFact,
  type NotificationLink,
  type NotificationSeverity,
} from './notification.js';

/** A violated SLO, as the pipeline or the monitor states it (already formatted for people). */
export interface SloFinding {
  slo: string;
  severity: Exclude<NotificationSeverity, 'info'>;
  /** e.g. "2412 ms", "99.1 %", "burn rate 6.2×". */
  measured: string;
  /** e.g. "≤ 2000 ms", "≥ 99.9 %". */
  target: string;
}

/** A benchmark or load regression against the baseline. */
export interface RegressionFinding {
  name: string;
  severity: NotificationSeverity;
  /** Relative change in percent; positive is slower. */
  changePercent: number;
  /** e.g. "p < 0.001, 95 % CI [+28 %, +35 %]". */
  detail?: string;
}

/** The outcome of one `perfgate run`, in notify's own terms. */
export interface RunSummary {
  source: string;
  /** The run's environment; channels route on it (PagerDuty: production only, by default). */
  environment?: string;
  passed: boolean;
  failingSlos: SloFinding[];
  regressions: RegressionFinding[];
  /** Totals for the summary sentence, e.g. { slos: 8, benchmarks: 12 }. */
  checked: { slos: number; benchmarks: number };
  links: NotificationLink[];
  timestamp: number;
}

/**
 * The dedup key of an SLO's alert: one incident per SLO and environment (the environment, or the
 * source when there is none), stable across runs and monitor evaluations.
 */
export function sloDedupKey(environment: string, slo: string): string {
  return `perfgate:slo:${environment}:${slo}`;
}

/**
 * A run's verdict as a notification: as severe as its worst finding (info when it passed, so it
 * only reaches summary channels), facts for each failing SLO and regression, one alert per SLO.
 */
export function runResultNotification(run: RunSummary): Notification {
  const severity = mostSevere([...run.failingSlos, ...run.regressions].map((finding) => finding.severity));
  const problems = [
    plural(run.failingSlos.length, 'SLO violated', 'SLOs violated'),
    plural(run.regressions.filter((r) => r.severity !== 'info').length, 'regression', 'regressions'),
  ].filter((text) => text !== '');
  const verdict = run.passed ? 'passed' : 'failed';
  return {
    kind: 'run-result',
    severity: run.passed ? 'info' : severity,
    action: 'trigger',
    title: `perfgate run ${verdict}${problems.length > 0 ? `: ${problems.join(', ')}` : ''}`,
    summary: `${run.source}: ${run.checked.slos} SLOs and ${run.checked.benchmarks} benchmarks checked; ${
      problems.length > 0 ? problems.join(', ') : 'all within their objectives'
    }.`,
    facts: [...run.failingSlos.map(sloFact), ...run.regressions.map(regressionFact)],
    links: run.links,
    dedupKey: `perfgate:run:${run.source}`,
    alerts: run.failingSlos.map((finding) => ({
      dedupKey: sloDedupKey(run.environment ?? run.source, finding.slo),
      action: 'trigger',
      severity: finding.severity,
      summary: `${finding.slo} violated on ${run.source}: ${finding.measured} (target ${finding.target})`,
    })),
    source: run.source,
    event:
      run.failingSlos.length > 0 || !run.passed
        ? 'gate-failed'
        : problems.length > 0
          ? 'regression'
          : 'run-passed',
    ...(run.environment === undefined ? {} : { environment: run.environment }),
    timestamp: run.timestamp,
  };
}

/**
 * The SLOs a failing run of this environment violated and this run met again: one resolve per
 * SLO, on the dedup key the failing run's trigger used (and the monitor uses), so the incident a
 * red run opened closes with the next green one. Critical, so it reaches every channel that could
 * have received the trigger (a resolve for an incident that was never opened changes nothing).
 */
export function runRecoveryNotification(run: {
  source: string;
  environment?: string;
  recovered: readonly string[];
  links: NotificationLink[];
  timestamp: number;
}): Notification {
  const names = run.recovered.join(', ');
  return {
    kind: 'run-result',
    event: 'recovered',
    severity: 'critical',
    action: 'resolve',
    title: `${plural(run.recovered.length, 'SLO', 'SLOs')} recovered on ${run.source}: ${names}`,
    summary: `${run.source}: ${names} violated in the previous run of this environment and met now.`,
    facts: run.recovered.map((slo) => ({ label: slo, value: 'met again' })),
    links: run.links,
    dedupKey: `perfgate:run:${run.source}:recovered`,
    alerts: run.recovered.map((slo) => ({
      dedupKey: sloDedupKey(run.environment ?? run.source, slo),
      action: 'resolve',
      severity: 'critical',
      summary: `${slo} recovered on ${run.source}`,
    })),
    source: run.source,
    ...(run.environment === undefined ? {} : { environment: run.environment }),
    timestamp: run.timestamp,
  };
}

/** One SLO's state change from the monitor (see AlertLedger), with the evidence as facts. */
export function sloStateChangeNotification(change: {
  source: string;
  slo: string;
  /** What made it fire (default burn-rate); a resolve is `recovered` whatever the cause. */
  cause?: 'burn-rate' | 'budget-low';
  alerts: NotificationAlert[];
  facts: NotificationFact[];
  links: NotificationLink[];
  timestamp: number;
}): Notification | undefined {
  const last = change.alerts.at(-1);
  if (last === undefined) return undefined;
  const eased = change.alerts.length > 1 && change.alerts[0]?.action === 'resolve';
  const title =
    last.action === 'resolve'
      ? `${change.slo} recovered on ${change.source}`
      : `${change.slo} ${eased ? 'eased to ' : ''}${last.severity} on ${change.source}`;
  return {
    kind: 'slo-state-change',
    event: last.action === 'resolve' ? 'recovered' : (change.cause ?? 'burn-rate'),
    // As severe as the worst alert in it, so a resolve reaches the channels that got the trigger.
    severity: mostSevere(change.alerts.map((alert) => alert.severity)),
    action: last.action,
    title,
    summary: last.summary,
    facts: change.facts,
    links: change.links,
    dedupKey: sloDedupKey(change.source, change.slo),
    alerts: change.alerts,
    source: change.source,
    timestamp: change.timestamp,
  };
}

function sloFact(finding: SloFinding): NotificationFact {
  return {
    label: finding.slo,
    value: `${finding.measured} (target ${finding.target}) · ${finding.severity}`,
  };
}

function regressionFact(finding: RegressionFinding): NotificationFact {
  const sign = finding.changePercent > 0 ? '+' : '';
  const change = `${sign}${finding.changePercent.toFixed(1)} %`;
  return {
    label: `${finding.name} (regression)`,
    value: `${change}${finding.detail === undefined ? '' : `, ${finding.detail}`} · ${finding.severity}`,
  };
}

function plural(count: number, one: string, many: string): string {
  if (count === 0) return '';
  return `${count} ${count === 1 ? one : many}`;
}
