/**
 * The gate over a run's verdicts: a critical regression always fails; with a threshold
 * (`--threshold` / PERFORMANCE_THRESHOLD) any regression slower by more than it fails too.
 * Major regressions below the threshold warn; inconclusive results are reported, never passed off
 * as fine, but do not fail the gate on their own.
 */
import type { BenchmarkReport, SuiteReport } from './report.js';

export interface GateOutcome {
  passed: boolean;
  /** One line per benchmark that failed the gate. */
  failures: string[];
  /** Regressions that did not fail the gate, and inconclusive results. */
  warnings: string[];
  /** True when any benchmark regressed, whatever its severity (blocks baseline updates). */
  anyRegression: boolean;
}

type Finding = { kind: 'failure' | 'warning'; line: string } | undefined;

function judgeBenchmark(id: string, bench: BenchmarkReport, threshold: number | undefined): Finding {
  const change = bench.comparison?.changePct ?? 0;
  const changeText = `${change >= 0 ? '+' : ''}${change.toFixed(1)} %`;
  if (bench.verdict.kind === 'inconclusive') {
    return {
      kind: 'warning',
      line: `${id}: inconclusive (${changeText}); the noise cannot resolve the minor threshold`,
    };
  }
  if (bench.verdict.kind !== 'regression') return undefined;
  const line = `${id}: ${bench.verdict.severity} regression ${changeText}`;
  if (bench.verdict.severity === 'critical') return { kind: 'failure', line };
  if (threshold !== undefined && change > threshold) {
    return { kind: 'failure', line: `${line} > threshold ${threshold} %` };
  }
  return { kind: 'warning', line };
}

export function evaluateGate(suites: readonly SuiteReport[], threshold: number | undefined): GateOutcome {
  const outcome: GateOutcome = { passed: true, failures: [], warnings: [], anyRegression: false };
  for (const suite of suites) {
    for (const bench of suite.benchmarks) {
      if (bench.verdict.kind === 'regression') outcome.anyRegression = true;
      const finding = judgeBenchmark(`${suite.name} › ${bench.name}`, bench, threshold);
      if (finding?.kind === 'failure') outcome.failures.push(finding.line);
      if (finding?.kind === 'warning') outcome.warnings.push(finding.line);
    }
  }
  outcome.passed = outcome.failures.length === 0;
  return outcome;
}
