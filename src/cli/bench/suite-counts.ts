/**
 * Instruction counts of one suite under callgrind (callgrind.ts): every benchmark of both sides in
 * `--mode instructions`; in wall mode, every benchmark of a baseline being recorded, and later only
 * the benchmarks a disturbed machine left open (bench/tie-break.ts). Counting is ~50× slower than
 * running, so wall mode counts nothing while the machine lets wall time decide.
 */
import type { Baseline } from '../../bench/baseline.js';
import { recordingDisturbance } from '../../bench/calibration.js';
import type { InstructionCounts, SuiteInstructions } from '../../bench/instruction-report.js';
import type { SuiteSamples } from '../../bench/samples.js';
import { judgeSamples } from '../../bench/suite-comparison.js';
import { countsCouldSettle, type TieBreakCounts } from '../../bench/tie-break.js';
import type { JudgedComparison, VerdictPolicy } from '../../bench/verdict.js';
import type { PerfgateConfig } from '../../config/index.js';
import type { CommandContext } from '../context.js';
import type { Output } from '../output.js';
import { countInstructions } from './callgrind.js';
import type { RefCheckout } from './git-ref.js';
import type { RegionReport } from './instruction-regions.js';
import type { ChildOptions } from './process-runner.js';

/** What counting needs of a run. */
export interface CountContext {
  io: CommandContext['io'];
  output: Output;
  config: PerfgateConfig;
  policy: VerdictPolicy;
  checkout: RefCheckout | undefined;
  signal: AbortSignal;
}

interface SuiteFiles {
  suite: string;
  file: string;
  /** The file at the compared git ref, with --compare-ref. */
  baseFile: string | undefined;
}

function addCounts(
  into: Map<string, number[]>,
  skipped: Map<string, string>,
  reports: readonly RegionReport[],
) {
  for (const report of reports) {
    if ('skipped' in report) skipped.set(report.name, report.skipped);
    else into.set(report.name, [...(into.get(report.name) ?? []), report.perCall]);
  }
}

/** The counts a stored baseline holds, per benchmark. */
function storedCounts(stored: Baseline | undefined): Map<string, number[]> {
  return new Map(
    Object.entries(stored?.benchmarks ?? {}).flatMap(([name, entry]) =>
      entry.instructions ? [[name, entry.instructions.perCall] as const] : [],
    ),
  );
}

/** Counted processes are not pinned (cpu-pin.ts): a count does not depend on the CPU, and a busy pinned CPU only slows it. */
function childOptions(ctx: CountContext, cwd: string): ChildOptions {
  return { env: ctx.io.env, cwd, signal: ctx.signal };
}

/** Counts `file` (only `only`, when given) in one process in `cwd`, adding to `into` and `skipped`. */
async function countInto(
  ctx: CountContext,
  target: { into: Map<string, number[]>; skipped: Map<string, string> },
  where: { file: string; cwd: string; only?: readonly string[] },
): Promise<void> {
  const request = { file: where.file, defaults: {}, ...(where.only ? { only: [...where.only] } : {}) };
  addCounts(target.into, target.skipped, await countInstructions(request, childOptions(ctx, where.cwd)));
}

/** `--mode instructions`: both sides, base and candidate alternated, `benchmarks.instructionProcesses` each. */
export async function countSuite(
  ctx: CountContext,
  files: SuiteFiles,
  stored: Baseline | undefined,
): Promise<SuiteInstructions> {
  const candidate = { into: new Map<string, number[]>(), skipped: new Map<string, string>() };
  const measuredBase = { into: new Map<string, number[]>(), skipped: new Map<string, string>() };
  for (let i = 0; i < ctx.config.benchmarks.instructionProcesses; i++) {
    ctx.output.info(ctx.output.colors.dim(`${files.file}: counting instructions under callgrind (${i + 1})`));
    await countInto(ctx, candidate, { file: files.file, cwd: ctx.io.cwd });
    if (ctx.checkout && files.baseFile)
      await countInto(ctx, measuredBase, { file: files.baseFile, cwd: ctx.checkout.dir });
  }
  const base = ctx.checkout
    ? files.baseFile
      ? measuredBase.into
      : undefined
    : stored
      ? storedCounts(stored)
      : undefined;
  return { candidate: candidate.into, base, skipped: candidate.skipped };
}

export interface WallCounts {
  tieBreak?: TieBreakCounts;
  recorded?: InstructionCounts;
  /** Why open verdicts could not be settled, for the suite's warnings. */
  warning?: string;
}

/**
 * Whether the baseline being recorded will be written, so counting for it is worth its time: the
 * writer refuses a visibly disturbed session (calibration.ts), and any regression keeps the
 * baselines as they are (run-bench.ts) — one that wall time reads on its own stands whatever the
 * counts show.
 */
function baselineWillBeWritten(
  samples: SuiteSamples,
  judged: readonly JudgedComparison[],
  policy: VerdictPolicy,
): boolean {
  if (recordingDisturbance(samples.calibration.candidate) !== undefined) return false;
  return !judged.some((one) => one.verdict.kind === 'regression' && !countsCouldSettle(one, policy));
}

/**
 * Wall mode: counts every benchmark when a baseline is being recorded (so later disturbed runs
 * can be settled), and otherwise only the benchmarks whose wall time reads a change a disturbed
 * machine keeps from standing — with the base's counts from the baseline, or counted now at the ref.
 */
export async function countForTieBreak(
  ctx: CountContext,
  files: SuiteFiles,
  stored: Baseline | undefined,
  session: { samples: SuiteSamples; recording: boolean; valgrind: boolean },
): Promise<WallCounts> {
  const judged = judgeSamples(session.samples, ctx.policy);
  const open = judged.filter((one) => countsCouldSettle(one, ctx.policy)).map((one) => one.name);
  const recording = session.recording && baselineWillBeWritten(session.samples, judged, ctx.policy);
  if (!session.valgrind) {
    return open.length === 0
      ? {}
      : {
          warning: `install valgrind (Debian: apt-get install valgrind) so instruction counts can settle ${open.join(', ')} on a disturbed machine`,
        };
  }
  const fromBaseline = storedCounts(stored);
  const settleable = ctx.checkout
    ? files.baseFile
      ? open
      : []
    : open.filter((name) => fromBaseline.has(name));
  const uncounted = open.filter((name) => !settleable.includes(name));
  const warning =
    uncounted.length > 0
      ? `the baseline holds no instruction counts to settle ${uncounted.join(', ')} on a disturbed machine; record it again (--update-baselines) with valgrind installed`
      : undefined;
  if (!recording && settleable.length === 0) return warning ? { warning } : {};
  const why = recording ? 'for the baseline' : `to settle ${settleable.join(', ')}`;
  ctx.output.info(ctx.output.colors.dim(`${files.suite}: counting instructions under callgrind ${why}`));
  const only = recording ? undefined : settleable;
  const candidate = { into: new Map<string, number[]>(), skipped: new Map<string, string>() };
  await countInto(ctx, candidate, { file: files.file, cwd: ctx.io.cwd, ...(only ? { only } : {}) });
  const measuredBase = { into: new Map<string, number[]>(), skipped: new Map<string, string>() };
  if (ctx.checkout && files.baseFile && settleable.length > 0)
    await countInto(ctx, measuredBase, { file: files.baseFile, cwd: ctx.checkout.dir, only: settleable });
  const base = ctx.checkout ? measuredBase.into : fromBaseline;
  return {
    tieBreak: { candidate: candidate.into, base },
    ...(recording ? { recorded: candidate.into } : {}),
    ...(warning ? { warning } : {}),
  };
}
