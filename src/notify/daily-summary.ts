/**
 * The daily summary (`perfgate notify summary`): the runs history recorded over a period, as one
 * notification for summary channels (e-mail by default: it is `info`, below Slack's and
 * PagerDuty's thresholds, and PagerDuty does not take the `daily-summary` event).
 */
import type { Notification, NotificationFact } from './notification.js';

/** One recorded run, as history lists it. */
export interface SummarizedRun {
  id: number;
  recordedAt: number;
  title: string;
  status: 'passed' | 'failed' | 'untrusted';
  environment?: string;
  gatesFailed: number;
  gatesTotal: number;
  failedGates: readonly string[];
}

/** Facts listed at most; the rest are counted. */
const MAX_FAILED_RUNS_LISTED = 10;

export function dailySummaryNotification(input: {
  source: string;
  runs: readonly SummarizedRun[];
  periodLabel: string;
  timestamp: number;
}): Notification {
  const { runs } = input;
  const failed = runs.filter((run) => run.status !== 'passed');
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const byEnvironment = new Map<string, number>();
  for (const run of runs) {
    const name = run.environment ?? 'unknown';
    byEnvironment.set(name, (byEnvironment.get(name) ?? 0) + 1);
  }
  const facts: NotificationFact[] = [
    { label: 'Runs', value: `${runs.length} (${runs.length - failed.length} passed, ${failed.length} not)` },
    ...[...byEnvironment].map(([name, n]) => ({ label: `Environment ${name}`, value: count(n, 'run') })),
    ...failed.slice(0, MAX_FAILED_RUNS_LISTED).map((run) => ({
      label: `#${run.id} ${run.title}`,
      value: `${run.status}: ${run.failedGates.join(', ') || `${run.gatesFailed} of ${run.gatesTotal} gates failed`}`,
    })),
  ];
  if (failed.length > MAX_FAILED_RUNS_LISTED) {
    facts.push({ label: 'More', value: count(failed.length - MAX_FAILED_RUNS_LISTED, 'failed run') });
  }
  return {
    kind: 'run-result',
    event: 'daily-summary',
    severity: 'info',
    action: 'trigger',
    title: `perfgate summary, ${input.periodLabel}: ${count(runs.length, 'run')}, ${failed.length} not passed`,
    summary:
      runs.length === 0
        ? `No run was recorded in history during the ${input.periodLabel}.`
        : `${count(runs.length, 'run')} recorded in the ${input.periodLabel}; ${failed.length} did not pass.`,
    facts,
    links: [],
    dedupKey: `perfgate:summary:${input.source}:${input.timestamp}`,
    source: input.source,
    timestamp: input.timestamp,
  };
}
