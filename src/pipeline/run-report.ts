/**
 * The run's RunReport (every writer reads it) and its notification, built from what the steps
 * returned. Steps that could not run appear as report warnings, and such a run is never shown
 * as passed.
 */
import type { Notification, RunSummary, SloFinding } from '../notify/index.js';
import { runResultNotification } from '../notify/index.js';
import { buildRunReport, type ResultsInput, type RunReport } from '../report/index.js';
import type { SloCheck } from '../slo/index.js';
import type { RunPlan } from './plan.js';
import { describeCheck, formatNumber, sloCheckRows, targetOf } from './slo-gate.js';
import type { BenchStepResult, LoadStepResult, ReportPaths } from './steps.js';
import type { RunVerdict } from './verdict.js';

/** The name the SLO rows have inside the results directory and the report. */
export const SLO_RESULTS_FILE = 'slo.json';

interface ReportState {
  bench?: BenchStepResult;
  loads: readonly LoadStepResult[];
}

export function buildPipelineReport(
  plan: RunPlan,
  verdict: RunVerdict,
  state: ReportState,
  sloChecks: readonly SloCheck[],
  meta: { clock: { now(): number }; runInfo?: { commit?: string; branch?: string } },
): RunReport {
  const inputs: ResultsInput[] = state.loads.map((load) => ({ source: load.source, json: load.results }));
  if (state.bench) inputs.push({ source: state.bench.source, json: state.bench.results });
  const rows = sloCheckRows(sloChecks);
  if (rows.length > 0) inputs.push({ source: SLO_RESULTS_FILE, json: rows });
  const report = buildRunReport(inputs, {
    title: `perfgate run · ${plan.environment}`,
    generatedAt: meta.clock.now(),
    run: { environment: plan.environment, ...meta.runInfo },
  });
  const unfinished = verdict.status === 'could-not-run' || verdict.status === 'interrupted';
  const problems = unfinished ? verdict.failures.map((line) => `could not finish: ${line}`) : [];
  // The run's verdict decides (it also weighs SLOs against generator delay); the report says the same.
  const status = verdict.status === 'failed' || verdict.status === 'passed' ? verdict.status : 'untrusted';
  return {
    ...report,
    verdict: { ...report.verdict, status },
    warnings: [...problems, ...verdict.warnings, ...report.warnings],
  };
}

function sloFinding(check: SloCheck): SloFinding {
  const target = targetOf(check.slo);
  const measured = check.measured;
  return {
    slo: check.slo.name,
    severity: 'critical',
    measured:
      measured === undefined
        ? describeCheck(check)
        : `${formatNumber(measured.value)} ${measured.unit}`.trim(),
    target: `${target.operator} ${formatNumber(target.value)}${target.unit ? ` ${target.unit}` : ''}`,
  };
}

const failsTheGate = (check: SloCheck) =>
  check.verdict === 'fail' ||
  check.verdict === 'no-data' ||
  (check.verdict === 'not-covered' && check.slo.allowUncovered !== true);

export function runNotification(
  plan: RunPlan,
  verdict: RunVerdict,
  state: ReportState,
  sloChecks: readonly SloCheck[],
  paths: ReportPaths | undefined,
  timestamp: number,
): Notification {
  const summary: RunSummary = {
    source: `perfgate run (${plan.environment})`,
    environment: plan.environment,
    passed: verdict.status === 'passed',
    failingSlos: sloChecks.filter(failsTheGate).map(sloFinding),
    regressions: (state.bench?.regressions ?? []).map((r) => ({
      name: r.name,
      severity: r.severity === 'critical' ? 'critical' : r.severity === 'major' ? 'warning' : 'info',
      changePercent: r.changePercent,
    })),
    checked: {
      slos: new Set(sloChecks.map((check) => check.slo.name)).size,
      benchmarks: state.bench?.measured ?? 0,
    },
    links: paths?.html === undefined ? [] : [{ label: 'HTML report', url: paths.html }],
    timestamp,
  };
  return runResultNotification(summary);
}
