/**
 * `perfgate bench [FILES…]`: discovers bench files, measures each in separate processes (against
 * a stored baseline, or interleaved with a git ref; in instructions mode also counted under
 * callgrind), judges the suite, prints the table, writes `-o` results and baselines, and returns
 * the exit code (0 passed, 1 gate failed).
 */
import { resolve } from 'node:path';
import { evaluateGate } from '../../bench/gate.js';
import { applyInstructionCounts } from '../../bench/instruction-report.js';
import { buildSuiteReports } from '../../bench/report.js';
import { BENCH_RESULTS_SCHEMA_VERSION, type BenchResults } from '../../bench/results-document.js';
import { applyTieBreaks } from '../../bench/tie-break.js';
import { DEFAULT_ALPHA, type VerdictPolicy } from '../../bench/verdict.js';
import type { PerfgateConfig } from '../../config/index.js';
import { PerfgateError } from '../../core/errors.js';
import { systemClock } from '../clock.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { recordsHistory, wantsReports } from '../report/report-flags.js';
import { baselinePath, readBaseline, writeFileAtomic } from './baseline-store.js';
import { writeBaselines } from './baseline-writer.js';
import { type BenchOptions, benchFiles, loadBenchConfig, suiteNames } from './bench-inputs.js';
import { requireValgrind, valgrindInstalled } from './callgrind.js';
import { cpuPinPrefix } from './cpu-pin.js';
import { machineFingerprint } from './fingerprint.js';
import { formatTable } from './format.js';
import { checkoutRef } from './git-ref.js';
import { type RunContext, runSuite, type SuiteRun } from './suite-run.js';

/** The adaptive limit per side when the config sets none. */
export const DEFAULT_MAX_PROCESSES = 12;
/** Below this many processes per side, a comparison can hardly exclude "no change". */
const MIN_USEFUL_PROCESSES = 4;

function settingsOf(ctx: RunContext, compareRef: string | undefined): BenchResults['settings'] {
  const { minor, major, critical, threshold } = ctx.config.regression;
  return {
    ...ctx.plan,
    alpha: ctx.policy.alpha ?? DEFAULT_ALPHA,
    falseDiscovery: ctx.policy.falseDiscovery,
    thresholds: { minor, major, critical, gate: threshold ?? null },
    compareRef: compareRef ?? null,
    mode: ctx.mode,
    tieBreak: ctx.tieBreak,
  };
}

/** Reads every baseline first (a corrupt one stops the run before anything is measured), then measures. */
async function measureAll(ctx: RunContext, files: readonly string[]): Promise<SuiteRun[]> {
  const names = suiteNames(files);
  const suites = files.map((file) => {
    const suite = names.get(file) ?? file;
    return { file, suite, stored: readBaseline(baselinePath(ctx.config.benchmarks.baselineDir, suite)) };
  });
  const runs: SuiteRun[] = [];
  for (const { file, suite, stored } of suites) runs.push(await runSuite(ctx, file, suite, stored));
  return runs;
}

function report(ctx: RunContext, results: BenchResults): void {
  const { output } = ctx;
  for (const line of formatTable(results.suites, output.colors)) output.result(line);
  for (const warning of results.gate.warnings) output.warn(warning);
  for (const failure of results.gate.failures) output.error(failure);
  for (const suite of results.suites) {
    for (const bench of suite.benchmarks)
      for (const w of bench.warnings) output.warn(`${suite.name} › ${bench.name}: ${w}`);
  }
  const verdict = results.gate.passed ? output.colors.green('✓ passed') : output.colors.red('✗ failed');
  output.result(
    `${verdict} (${results.suites.length} suite(s), ${(results.durationMs / 1000).toFixed(1)} s)`,
  );
}

function processPlan(config: PerfgateConfig, output: Output): RunContext['plan'] {
  const { processes } = config.benchmarks;
  const maxProcesses = config.benchmarks.maxProcesses ?? Math.max(processes, DEFAULT_MAX_PROCESSES);
  if (maxProcesses < processes) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `maxProcesses (${maxProcesses}) is below processes (${processes})`,
    );
  }
  if (processes < MIN_USEFUL_PROCESSES) {
    output.warn(
      `${processes} process(es) per side cannot show a significant change; verdicts will be inconclusive`,
    );
  }
  return { processes, maxProcesses };
}

function pinPrefix(): string[] | undefined {
  const prefix = cpuPinPrefix();
  return prefix ? [prefix.file, ...prefix.args] : undefined;
}

/** Wall mode's tie-break by instruction counts: as configured, when valgrind runs here. */
function tieBreakOf(config: PerfgateConfig): RunContext['tieBreak'] {
  if (config.benchmarks.mode !== 'wall' || config.benchmarks.tieBreak === 'off') return 'off';
  return valgrindInstalled() ? 'instructions' : 'no-valgrind';
}

/**
 * Whether a baseline being recorded gets counts: always with `tieBreak: instructions`; with `auto`
 * whenever `perfgate bench` records one, but inside `perfgate run` only when written deliberately
 * (--update-baselines): counting a suite under callgrind takes 10 s to a minute, and a run records
 * a missing baseline in passing, within its time budget (a `perfgate init` starter's `run --env ci`
 * overran its budget on a busy CI machine while counting).
 */
function countsIntoBaselines(config: PerfgateConfig, withinPipeline: boolean): boolean {
  const { tieBreak } = config.benchmarks;
  if (tieBreak === 'instructions') return true;
  return tieBreak === 'auto' && (!withinPipeline || config.regression.updateBaselines);
}

function policyOf(config: PerfgateConfig): VerdictPolicy {
  const { minor, major, critical, falseDiscovery, threshold } = config.regression;
  const minimumEffect = Math.min(minor, threshold ?? minor);
  return { minor, major, critical, falseDiscovery, alpha: DEFAULT_ALPHA, minimumEffect };
}

/** Judges, prints, writes `-o`, baselines and the requested reports; returns the exit code. */
async function finish(
  ctx: RunContext,
  runs: readonly SuiteRun[],
  startedAt: number,
  context: CommandContext<BenchOptions>,
): Promise<number> {
  const { options } = context;
  const { config, output, io } = ctx;
  const timed = buildSuiteReports(
    runs.map((run) => run.input),
    ctx.policy,
  );
  const counts = runs.map((run) => run.instructions);
  const suites =
    counts.every((c) => c !== undefined) && counts.length > 0
      ? applyInstructionCounts(timed, counts, ctx.policy)
      : applyTieBreaks(
          timed,
          runs.map((run) => run.tieBreak),
          ctx.policy,
        );
  const gate = evaluateGate(suites, config.regression.threshold);
  const results: BenchResults = {
    schemaVersion: BENCH_RESULTS_SCHEMA_VERSION,
    kind: 'perfgate-bench',
    startedAt: new Date(startedAt).toISOString(),
    durationMs: systemClock.now() - startedAt,
    fingerprint: machineFingerprint(),
    settings: settingsOf(ctx, options.compareRef),
    suites,
    gate,
  };
  report(ctx, results);
  if (options.output)
    writeFileAtomic(resolve(io.cwd, options.output), `${JSON.stringify(results, null, 2)}\n`);
  const update = config.regression.updateBaselines;
  if (update && gate.anyRegression) output.warn('baselines not updated: a benchmark regressed');
  if (!ctx.checkout) {
    writeBaselines(output, runs, suites, {
      update: update && !gate.anyRegression,
      countedInstructions: ctx.mode === 'instructions',
    });
  }
  const exitCode = gate.passed ? EXIT.ok : EXIT.gateFailed;
  if (!wantsReports(options) && !recordsHistory(options)) return exitCode;
  const { writeCommandReports } = await import('../report/command-reports.js');
  return writeCommandReports(context, results, options.output ?? 'bench', exitCode, options.config);
}

export async function benchCommand(context: CommandContext<BenchOptions>, args: unknown[]): Promise<number> {
  const { io, options, output } = context;
  const startedAt = systemClock.now();
  const config = loadBenchConfig(io, output, options);
  const files = benchFiles(io, config, (args[0] as string[] | undefined) ?? []);
  const plan = processPlan(config, output);
  const aborter = new AbortController();
  const stopListening = io.onSignal(() => aborter.abort());
  const env = io.env as NodeJS.ProcessEnv;
  const checkout = options.compareRef
    ? await checkoutRef(io.cwd, options.compareRef, env, output.logger)
    : undefined;
  const ctx: RunContext = {
    io,
    output,
    config,
    policy: policyOf(config),
    plan,
    checkout,
    signal: aborter.signal,
    gcBetweenSamples: options.gc === true,
    mode: config.benchmarks.mode,
    pin: config.benchmarks.pinCpu ? pinPrefix() : undefined,
    tieBreak: tieBreakOf(config),
    countsIntoBaselines: countsIntoBaselines(config, options.withinPipeline === true),
  };
  if (ctx.mode === 'instructions') requireValgrind();
  let runs: SuiteRun[];
  try {
    runs = await measureAll(ctx, files);
  } catch (error) {
    if (aborter.signal.aborted) return EXIT.interrupted;
    throw error;
  } finally {
    stopListening();
    await checkout?.remove();
  }
  return finish(ctx, runs, startedAt, context);
}
