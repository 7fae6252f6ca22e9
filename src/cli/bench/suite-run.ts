/**
 * One suite (bench file) of `perfgate bench`: its base (a stored baseline, or the file at a git ref
 * measured now), the wall-time session of separate processes (bench/session.ts) and, in
 * instructions mode, the counts under callgrind (callgrind.ts) — base and candidate alternated.
 */
import {
  type Baseline,
  fingerprintDifferences,
  incomparableBenchmarks,
  storedBaseOf,
} from '../../bench/baseline.js';
import type { InstructionCounts, SuiteInstructions } from '../../bench/instruction-report.js';
import type { SuiteInput } from '../../bench/report.js';
import type { SuiteSamples } from '../../bench/samples.js';
import { type ProcessRequest, type SessionPlan, sampleSuite } from '../../bench/session.js';
import type { TieBreakCounts } from '../../bench/tie-break.js';
import { baselinePath } from './baseline-store.js';
import type { ChildRequest } from './child-protocol.js';
import { machineFingerprint } from './fingerprint.js';
import type { RefCheckout } from './git-ref.js';
import { runChildProcess } from './process-runner.js';
import { type CountContext, countForTieBreak, countSuite, type WallCounts } from './suite-counts.js';

/**
 * Processes measured when a baseline is recorded: the stored side is compared by its fastest
 * processes for many runs to come, so it gets twice a run's candidate processes (within
 * `maxProcesses`), up to this many.
 */
export const RECORD_PROCESSES = 10;
/** Wall-time processes per side in instructions mode, where wall time is reported, not judged. */
export const WALL_PROCESSES_BESIDE_COUNTS = 3;

export interface RunContext extends CountContext {
  plan: Pick<SessionPlan, 'processes' | 'maxProcesses'>;
  gcBetweenSamples: boolean;
  mode: 'wall' | 'instructions';
  /** `taskset -c N` when measuring processes are pinned to one CPU (cpu-pin.ts). */
  pin: readonly string[] | undefined;
  /** Wall mode: settle disturbed verdicts by instruction counts (`off` by config, or no valgrind). */
  tieBreak: 'instructions' | 'off' | 'no-valgrind';
  /** Whether a baseline being recorded gets instruction counts (run-bench.ts). */
  countsIntoBaselines: boolean;
}

export interface SuiteRun {
  input: SuiteInput;
  stored: Baseline | undefined;
  baselineFile: string;
  instructions?: SuiteInstructions;
  /** Wall mode: counts of both sides for the benchmarks a disturbed machine left open (tie-break.ts). */
  tieBreak?: TieBreakCounts;
  /** Wall mode: the candidate's counts of every benchmark, stored with the baseline being recorded. */
  recordedCounts?: InstructionCounts;
}

/** Where a suite's base comes from: the ref's copy of the file, the stored baseline, or nowhere. */
function baseOf(
  checkout: RefCheckout | undefined,
  baseFile: string | undefined,
  stored: Baseline | undefined,
) {
  if (checkout) return baseFile ? ({ kind: 'measured' } as const) : ({ kind: 'none' } as const);
  if (stored) return { kind: 'stored' as const, ...storedBaseOf(stored) };
  return { kind: 'none' } as const;
}

function baselineWarnings(
  ctx: RunContext,
  stored: Baseline | undefined,
  file: string,
  baseFile: string | undefined,
) {
  const warnings: string[] = [];
  if (stored && !ctx.checkout) {
    const differences = fingerprintDifferences(stored.fingerprint, machineFingerprint());
    if (differences.length > 0) warnings.push(`baseline from another machine (${differences.join(', ')})`);
    const old = incomparableBenchmarks(stored);
    if (old.length > 0) {
      warnings.push(
        `${old.join(', ')}: baseline recorded by an older perfgate (per-process medians only); record it again with --update-baselines`,
      );
    }
  }
  if (ctx.checkout && baseFile === undefined)
    warnings.push(`${ctx.checkout.dir} has no ${file}: nothing to compare with`);
  return warnings;
}

function childDefaults(ctx: RunContext): ChildRequest['defaults'] {
  const { benchmarks } = ctx.config;
  return {
    ...(ctx.gcBetweenSamples ? { gcBetweenSamples: true } : {}),
    ...(benchmarks.iterations ? { iterations: benchmarks.iterations } : {}),
    ...(benchmarks.warmupIterations !== undefined ? { warmupIterations: benchmarks.warmupIterations } : {}),
  };
}

/** Processes for the wall-time session: more when recording a baseline, few beside instruction counts. */
function sessionPlan(ctx: RunContext, recording: boolean): Pick<SessionPlan, 'processes' | 'maxProcesses'> {
  if (ctx.mode === 'instructions') {
    const processes = Math.min(ctx.plan.processes, WALL_PROCESSES_BESIDE_COUNTS);
    return { processes, maxProcesses: processes };
  }
  const { processes, maxProcesses } = ctx.plan;
  const planned = recording
    ? Math.max(processes, Math.min(RECORD_PROCESSES, 2 * processes, maxProcesses))
    : processes;
  return { processes: planned, maxProcesses: Math.max(planned, maxProcesses) };
}

export async function runSuite(
  ctx: RunContext,
  file: string,
  suite: string,
  stored: Baseline | undefined,
): Promise<SuiteRun> {
  const { config, checkout, io, output } = ctx;
  const baselineFile = baselinePath(config.benchmarks.baselineDir, suite);
  const baseFile = checkout?.baseFileFor(file);
  const warnings = baselineWarnings(ctx, stored, file, baseFile);
  const base: SessionPlan['base'] = baseOf(checkout, baseFile, stored);
  const defaults = childDefaults(ctx);
  const runner = (request: ProcessRequest) => {
    const isBase = request.side === 'base';
    const childFile = isBase && baseFile ? baseFile : file;
    const only = request.only ? { only: [...request.only] } : {};
    const cwd = isBase && checkout ? checkout.dir : io.cwd;
    const prefix = ctx.pin ? { prefix: ctx.pin } : {};
    return runChildProcess(
      { file: childFile, defaults, ...only },
      { env: io.env, cwd, signal: ctx.signal, ...prefix },
    );
  };
  const onRound = (round: number, only: readonly string[] | undefined) =>
    output.info(
      output.colors.dim(`${suite}: round ${round + 1}${only ? ` (unclear: ${only.join(', ')})` : ''}`),
    );
  const recording = !checkout && (stored === undefined || config.regression.updateBaselines);
  const samples = await sampleSuite(runner, {
    ...sessionPlan(ctx, recording),
    policy: ctx.policy,
    base,
    onRound,
  });
  const files = { suite, file, baseFile };
  const instructions = ctx.mode === 'instructions' ? await countSuite(ctx, files, stored) : undefined;
  const countForBaseline = recording && ctx.countsIntoBaselines;
  const counted =
    ctx.mode === 'wall' ? await wallCounts(ctx, files, stored, { samples, recording: countForBaseline }) : {};
  if (counted.warning) warnings.push(counted.warning);
  for (const warning of warnings) output.warn(`${suite}: ${warning}`);
  const baseSource = base.kind === 'measured' ? 'ref' : base.kind === 'stored' ? 'baseline' : null;
  return {
    input: { name: suite, file, samples, baseSource, baselineFile: stored ? baselineFile : null, warnings },
    stored,
    baselineFile,
    ...(instructions ? { instructions } : {}),
    ...(counted.tieBreak ? { tieBreak: counted.tieBreak } : {}),
    ...(counted.recorded ? { recordedCounts: counted.recorded } : {}),
  };
}

/** Wall mode's instruction counts (suite-counts.ts); a failed count leaves the wall-time verdicts as they are. */
async function wallCounts(
  ctx: RunContext,
  files: Parameters<typeof countForTieBreak>[1],
  stored: Baseline | undefined,
  session: { samples: SuiteSamples; recording: boolean },
): Promise<WallCounts> {
  if (ctx.tieBreak === 'off') return {};
  try {
    return await countForTieBreak(ctx, files, stored, {
      ...session,
      valgrind: ctx.tieBreak === 'instructions',
    });
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    return {
      warning: `instructions not counted (${(error as Error).message}); the wall-time verdicts stand`,
    };
  }
}
