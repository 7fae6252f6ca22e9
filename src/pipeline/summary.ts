/**
 * The closing console summary: at most ten lines a person reads to know whether the deploy may
 * go on, why not, and where the HTML report is. Pure; the CLI colours and prints it.
 */

import { describeProfile, formatSeconds } from './profile-phases.js';
import type { PipelineOutcome } from './run-pipeline.js';

/** Lines of the summary, each tagged so the CLI can colour it. */
export interface SummaryLine {
  tone: 'plain' | 'good' | 'bad' | 'warn';
  text: string;
}

const MAX_REASONS = 3;
const HEADLINE = {
  passed: '✓ PASSED: every gate held',
  failed: '✗ FAILED: a gate failed (deploy blocked)',
  'could-not-run': '✗ COULD NOT RUN: the results cannot be trusted',
  interrupted: '✗ INTERRUPTED: partial results only',
} as const;

function loadLine(outcome: PipelineOutcome): string {
  const { loads, plan } = outcome;
  if (plan.loadRuns.length === 0) return 'load       skipped';
  let requests = 0;
  let errors = 0;
  for (const load of loads) {
    const { counters } = load.results.aggregate;
    requests += counters['http.requests'] ?? 0;
    for (const [name, value] of Object.entries(counters)) {
      if (name.startsWith('errors.') || /^http\.codes\.5\d\d$/.test(name)) errors += value;
    }
  }
  const rate = requests === 0 ? 0 : (errors / requests) * 100;
  return `load       ${loads.length}/${plan.loadRuns.length} scripts, ${requests} requests, ${rate.toFixed(2)} % errors (5xx + transport)`;
}

function benchLine(outcome: PipelineOutcome): string {
  const { bench, plan } = outcome;
  if (!plan.runBenchmarks) return 'benchmarks skipped';
  if (bench === undefined) return 'benchmarks none run';
  const worst = bench.regressions.map((r) => `${r.severity} ${r.name} +${r.changePercent.toFixed(1)} %`);
  return `benchmarks ${bench.measured} measured, ${bench.regressions.length} regression${bench.regressions.length === 1 ? '' : 's'}${
    worst.length > 0 ? ` (${worst.slice(0, 2).join('; ')})` : ''
  }`;
}

function sloLine(outcome: PipelineOutcome): string {
  if (!outcome.plan.checkSlos) return 'SLOs       skipped';
  const names = (verdicts: string[]) =>
    new Set(outcome.sloChecks.filter((c) => verdicts.includes(c.verdict)).map((c) => c.slo.name));
  const failed = names(['fail', 'no-data']);
  const met = [...names(['pass'])].filter((name) => !failed.has(name));
  const notCovered = names(['not-covered']);
  return `SLOs       ${met.length} met, ${failed.size} violated, ${notCovered.size} not covered`;
}

export function summaryLines(outcome: PipelineOutcome): SummaryLine[] {
  const { plan, verdict } = outcome;
  const lines: SummaryLine[] = [
    {
      tone: 'plain',
      text: `perfgate run · ${plan.environment} · ${describeProfile(plan.loadProfileName, plan.loadProfile)} · ${formatSeconds(outcome.durationMs)}`,
    },
    { tone: 'plain', text: benchLine(outcome) },
    { tone: 'plain', text: loadLine(outcome) },
    { tone: 'plain', text: sloLine(outcome) },
    { tone: verdict.status === 'passed' ? 'good' : 'bad', text: HEADLINE[verdict.status] },
  ];
  for (const failure of verdict.failures.slice(0, MAX_REASONS))
    lines.push({ tone: 'bad', text: `  ${failure}` });
  const more = verdict.failures.length - MAX_REASONS;
  if (more > 0) lines.push({ tone: 'bad', text: `  … and ${more} more (see the report)` });
  if (verdict.warnings.length > 0 && lines.length < 9) {
    lines.push({
      tone: 'warn',
      text: `warnings   ${verdict.warnings.length} (first: ${verdict.warnings[0]})`,
    });
  }
  const html = outcome.reportPaths?.html;
  lines.push({ tone: 'plain', text: html ? `report     ${html}` : 'report     not written' });
  return lines;
}
