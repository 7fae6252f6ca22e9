/**
 * Settling what a disturbed machine left open, with instruction counts. When too few processes of
 * a side ran while the machine was quiet (compare.ts), wall time may still read a regression or an
 * improvement, but it cannot tell slower code from a slower machine, so verdict.ts keeps only what
 * the disturbance works against. Instructions per call under callgrind (instructions.ts) do not
 * depend on the machine's state. The wall-time read stands when the counts show a change the same
 * way, significant at the same confidence and at least the minimum effect: the code does that much
 * more (or less) work, and its time moved with it. The verdict is then read off the instruction
 * interval (severity by the instruction change, the part the code explains; the wall change,
 * inflated by the disturbance, is kept beside it). When the counts do not agree — unchanged, or
 * the other way — the verdict stays inconclusive (machine disturbed): time that moved without the
 * work may be a memory effect, which a disturbed machine cannot show either.
 *
 * An unstable comparison (the processes settled in speeds the two sides do not share: a
 * candidate mode 1.3× the base's fast one and 0.96× its slow one may be either) is settled the
 * same way when its interval reaches the change the counts show: a counted process always settles
 * in the same mode (V8's --predictable, fixed seeds), so its count tells which reading is true. *
 * A change wall time did read while some processes of either side ran disturbed must be confirmed
 * the same way, or it becomes inconclusive (machine disturbed): under a neighbour streaming memory,
 * processes whose calibration read quiet still ran a 1 ms benchmark 19 % slower than its baseline
 * (measured here: unchanged code read "regression (minor) [+6.8 %, +37.1 %]", its count +0.0 %).
 * So must a change that processes which read quiet could still have caused (withinQuietReach). On
 * a quiet machine — every process quiet — wall time stands alone, and catches what counts cannot
 * see (a change in memory behaviour).
 */
import { median, sortSamples } from '../stats/sorted.js';
import { QUIET_FACTOR } from './compare.js';
import type { InstructionCounts } from './instruction-report.js';
import { compareInstructions, instructionInterval, instructionPValue } from './instructions.js';
import type { BenchmarkReport, SuiteReport } from './report.js';
import { type BenchVerdict, classifyInterval, type JudgedComparison, type VerdictPolicy } from './verdict.js';

/** Instruction counts of both sides of a suite, for the benchmarks a disturbance left open. */
export interface TieBreakCounts {
  candidate: InstructionCounts;
  base: InstructionCounts;
}

type WallComparison = Pick<JudgedComparison, 'ratio' | 'match' | 'verdict' | 'processes'>;

const isChange = (kind: BenchVerdict['kind']) => kind === 'regression' || kind === 'improved';

/**
 * Whether a change is small enough for processes that read quiet to have caused it: a process
 * whose state was up to QUIET_FACTOR slower than the quietest ran its benchmark up to QUIET_FACTOR²
 * slower (the bound verdict.ts applies to disturbed sides). A fourfold slowdown needs no count.
 */
function withinQuietReach({ ratio, verdict }: WallComparison): boolean {
  const reach = QUIET_FACTOR ** 2;
  return verdict.kind === 'regression' ? ratio.lower <= reach : ratio.upper >= 1 / reach;
}

/** Whether any process of either side ran while the machine was disturbed. */
function partlyDisturbed({ processes }: WallComparison): boolean {
  return processes.base < processes.baseMeasured || processes.candidate < processes.candidateMeasured;
}

/**
 * What wall time allows counts to settle: the change it reads under a disturbance (or read while
 * part of the processes ran disturbed), or — when unstable — each change its interval reaches.
 */
function wallAllows(judged: WallComparison, policy: VerdictPolicy): BenchVerdict['kind'][] {
  if (judged.match === 'disturbed' && judged.verdict.kind === 'inconclusive') {
    const read = classifyInterval(judged.ratio, policy).kind;
    return isChange(read) ? [read] : [];
  }
  if (isChange(judged.verdict.kind)) {
    return partlyDisturbed(judged) && withinQuietReach(judged) ? [judged.verdict.kind] : [];
  }
  if (judged.match !== 'ambiguous' || judged.verdict.kind !== 'unstable') return [];
  const delta = (policy.minimumEffect ?? policy.minor) / 100;
  return [
    ...(judged.ratio.upper >= 1 + delta ? (['regression'] as const) : []),
    ...(judged.ratio.lower <= 1 - delta ? (['improved'] as const) : []),
  ];
}

/** Whether counts could settle this comparison (see the top). */
export function countsCouldSettle(judged: WallComparison, policy: VerdictPolicy): boolean {
  return wallAllows(judged, policy).length > 0;
}

const signed = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)} %`;

/** One benchmark's report, settled by its counts when they agree with wall time (see the top). */
export function settleWithCounts(
  bench: BenchmarkReport,
  counts: { base: readonly number[]; candidate: readonly number[] },
  policy: VerdictPolicy,
): BenchmarkReport {
  const wall = bench.comparison;
  if (wall === null || bench.verdict.kind === 'new') return bench;
  const allowed = wallAllows({ ...wall, verdict: bench.verdict }, policy);
  if (allowed.length === 0) return bench;
  const compared = compareInstructions(counts.base, counts.candidate);
  const ratio = instructionInterval(compared, wall.ratio.confidence);
  const counted = classifyInterval(ratio, policy);
  if (!allowed.includes(counted.kind)) {
    // A change wall time read on a partly disturbed machine that the counts do not show is withdrawn.
    const verdict: BenchVerdict = isChange(bench.verdict.kind)
      ? { kind: 'inconclusive', reason: 'disturbed' }
      : bench.verdict;
    const note =
      `instruction counts ${signed(ratio.estimate)} [${signed(ratio.lower)}, ${signed(ratio.upper)}] ` +
      `do not settle what wall time left open: ${verdict.kind}`;
    return { ...bench, verdict, warnings: [...bench.warnings, note] };
  }
  const pValue = instructionPValue(compared);
  // The run's adjustment for the number of comparisons, as the wall comparison received it.
  const adjustment = wall.pValue > 0 ? wall.adjustedPValue / wall.pValue : 1;
  return {
    ...bench,
    instructions: {
      perCall: [...counts.candidate],
      figure: median(sortSamples(counts.candidate)),
      base: [...counts.base],
    },
    comparison: {
      ratio,
      changePct: (ratio.estimate - 1) * 100,
      pValue,
      adjustedPValue: Math.min(1, pValue * adjustment),
      match: 'unimodal',
      processes: {
        base: counts.base.length,
        candidate: counts.candidate.length,
        baseMeasured: counts.base.length,
        candidateMeasured: counts.candidate.length,
      },
      machineCorrection: 1,
      extraLogSd: compared.logSd,
    },
    verdict: counted,
    wall: { comparison: wall, verdict: bench.verdict },
    settledBy: 'instructions',
  };
}

/** Suites with every benchmark that has counts on both sides settled where the counts agree. */
export function applyTieBreaks(
  suites: readonly SuiteReport[],
  counts: readonly (TieBreakCounts | undefined)[],
  policy: VerdictPolicy,
): SuiteReport[] {
  return suites.map((suite, i) => {
    const suiteCounts = counts[i];
    if (suiteCounts === undefined) return suite;
    const benchmarks = suite.benchmarks.map((bench) => {
      const candidate = suiteCounts.candidate.get(bench.name);
      const base = suiteCounts.base.get(bench.name);
      if (!candidate?.length || !base?.length) return bench;
      return settleWithCounts(bench, { base, candidate }, policy);
    });
    return { ...suite, benchmarks };
  });
}
