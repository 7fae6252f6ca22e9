/**
 * The gate over a run's verdicts: a critical regression always fails; with a threshold
 * (`--threshold` / PERFORMANCE_THRESHOLD) any regression slower by more than it fails too.
 * Major regressions below the threshold warn; inconclusive and unstable results are reported, never
 * passed off as fine, but do not fail the gate on their own.
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

const signed = (pct: number): string => `${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %`;

/** "+30.2 % [+25.1 %, +35.0 %]": the change with the interval the verdict was read from. */
export function changeText(bench: BenchmarkReport): string {
  const { comparison } = bench;
  if (comparison === null) return 'n/a';
  const { ratio } = comparison;
  return `${signed(comparison.changePct)} [${signed((ratio.lower - 1) * 100)}, ${signed((ratio.upper - 1) * 100)}]`;
}

/** For a verdict settled by instruction counts: what the counts and the disturbed wall time read. */
function settledText(bench: BenchmarkReport): string {
  const wall = bench.wall?.comparison;
  if (bench.settledBy !== 'instructions' || !wall) return '';
  return ` in instructions per call (wall time ${changeText({ ...bench, comparison: wall })} on a disturbed machine)`;
}

function modesText(bench: BenchmarkReport): string {
  const modes = bench.comparison?.modes;
  if (modes === undefined) return '';
  const list = (side: readonly { centre: number; count: number }[]) =>
    side.map((mode) => `${Number(mode.centre.toPrecision(3))} ns ×${mode.count}`).join(' / ');
  return ` (processes settle in different speeds: base ${list(modes.base)}; now ${list(modes.candidate)})`;
}

function inconclusiveReason(bench: BenchmarkReport): string {
  const processes = bench.comparison?.processes;
  if (bench.verdict.kind !== 'inconclusive' || bench.verdict.reason !== 'disturbed' || !processes) {
    return 'the noise cannot resolve the minor threshold';
  }
  return (
    `the machine was disturbed: only ${processes.base} of ${processes.baseMeasured} base and ` +
    `${processes.candidate} of ${processes.candidateMeasured} new processes ran while it was quiet; run again`
  );
}

function judgeBenchmark(id: string, bench: BenchmarkReport, threshold: number | undefined): Finding {
  const change = bench.comparison?.changePct ?? 0;
  if (bench.verdict.kind === 'inconclusive') {
    return {
      kind: 'warning',
      line: `${id}: inconclusive ${changeText(bench)}; ${inconclusiveReason(bench)}`,
    };
  }
  if (bench.verdict.kind === 'unstable') {
    return {
      kind: 'warning',
      line: `${id}: unstable${modesText(bench)}; compare with --compare-ref or --mode instructions`,
    };
  }
  if (bench.verdict.kind !== 'regression') return undefined;
  const line = `${id}: ${bench.verdict.severity} regression ${changeText(bench)}${settledText(bench)}`;
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
