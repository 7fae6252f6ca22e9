/**
 * `--mode instructions` in the results: each benchmark's verdict comes from its instruction count
 * (instructions.ts) under the same rules as wall time (verdict.ts: the interval must exclude "no
 * change", severity by the bands, suite-level adjustment), and its wall-time comparison is kept
 * beside it for people. A benchmark that could not be counted (asynchronous) keeps its wall-time
 * verdict, with a warning saying so.
 */
import { median, sortSamples } from '../stats/sorted.js';
import {
  compareInstructions,
  type InstructionComparison,
  instructionInterval,
  instructionPValue,
} from './instructions.js';
import type { BenchmarkReport, SuiteReport } from './report.js';
import { adjustPValues, classifyInterval, judgementLevels, type VerdictPolicy } from './verdict.js';

/** Instructions per call of one side, per benchmark (one figure per counted process). */
export type InstructionCounts = ReadonlyMap<string, readonly number[]>;

export interface SuiteInstructions {
  candidate: InstructionCounts;
  /** The base's counts (measured now or stored); undefined when there is no base. */
  base: InstructionCounts | undefined;
  /** Benchmarks not counted, with the reason. */
  skipped: ReadonlyMap<string, string>;
}

interface Pending {
  suite: number;
  bench: number;
  comparison: InstructionComparison;
  base: readonly number[];
  perCall: readonly number[];
}

function withCounts(bench: BenchmarkReport, counts: SuiteInstructions): BenchmarkReport {
  const perCall = counts.candidate.get(bench.name);
  const skipped = counts.skipped.get(bench.name);
  const wall = { comparison: bench.comparison, verdict: bench.verdict };
  if (perCall === undefined || perCall.length === 0) {
    return {
      ...bench,
      wall,
      warnings: [...bench.warnings, `not counted: ${skipped ?? 'no count'}; verdict from wall time`],
    };
  }
  const base = counts.base?.get(bench.name);
  return {
    ...bench,
    instructions: {
      perCall: [...perCall],
      figure: median(sortSamples(perCall)),
      base: base ? [...base] : null,
    },
    comparison: null,
    verdict: base === undefined ? { kind: 'new' } : bench.verdict,
    wall,
  };
}

/** Suites with the instruction counts folded in, all comparisons of the run judged together. */
export function applyInstructionCounts(
  suites: readonly SuiteReport[],
  counts: readonly SuiteInstructions[],
  policy: VerdictPolicy,
): SuiteReport[] {
  const pending: Pending[] = [];
  const result = suites.map((suite, s) => {
    const suiteCounts = counts[s];
    if (suiteCounts === undefined) return suite;
    const benchmarks = suite.benchmarks.map((bench, b) => {
      const counted = withCounts(bench, suiteCounts);
      const base = counted.instructions?.base;
      if (counted.instructions && base) {
        pending.push({
          suite: s,
          bench: b,
          comparison: compareInstructions(base, counted.instructions.perCall),
          base,
          perCall: counted.instructions.perCall,
        });
      }
      return counted;
    });
    return { ...suite, benchmarks };
  });
  const pValues = pending.map((entry) => instructionPValue(entry.comparison));
  const levels = judgementLevels(pValues, policy);
  const adjusted = adjustPValues(pValues, policy);
  pending.forEach((entry, i) => {
    const bench = result[entry.suite]?.benchmarks[entry.bench];
    if (bench === undefined) return;
    const ratio = instructionInterval(entry.comparison, levels[i] ?? 0.95);
    bench.comparison = {
      ratio,
      changePct: (ratio.estimate - 1) * 100,
      pValue: pValues[i] ?? 1,
      adjustedPValue: adjusted[i] ?? 1,
      match: 'unimodal',
      processes: {
        base: entry.base.length,
        candidate: entry.perCall.length,
        baseMeasured: entry.base.length,
        candidateMeasured: entry.perCall.length,
      },
      machineCorrection: 1,
      extraLogSd: entry.comparison.logSd,
    };
    bench.verdict = classifyInterval(ratio, policy);
  });
  return result;
}
