/**
 * `perfgate bench [FILES…]`: discovers bench files, measures each in separate processes (against
 * a stored baseline, or interleaved with a git ref), judges the suite, prints the table, writes
 * `-o` results and baselines, and returns the exit code (0 passed, 1 gate failed).
 */
import { resolve } from 'node:path';
import {
  type Baseline,
  baselineMedians,
  fingerprintDifferences,
  mergeBaseline,
} from '../../bench/baseline.js';
import { evaluateGate } from '../../bench/gate.js';
import { buildSuiteReports, type SuiteInput, type SuiteReport } from '../../bench/report.js';
import {
  BENCH_RESULTS_SCHEMA_VERSION,
  type BenchResults,
  baselineEntries,
} from '../../bench/results-document.js';
import { type ProcessRequest, type SessionPlan, sampleSuite } from '../../bench/session.js';
import { DEFAULT_ALPHA, type VerdictPolicy } from '../../bench/verdict.js';
import type { PerfgateConfig } from '../../config/index.js';
import { PerfgateError } from '../../core/errors.js';
import { systemClock } from '../clock.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { recordsHistory, wantsReports } from '../report/report-flags.js';
import { baselinePath, readBaseline, writeBaseline, writeFileAtomic } from './baseline-store.js';
import { type BenchOptions, benchFiles, loadBenchConfig, suiteNames } from './bench-inputs.js';
import { machineFingerprint } from './fingerprint.js';
import { formatTable } from './format.js';
import { checkoutRef, type RefCheckout } from './git-ref.js';
import { runChildProcess } from './process-runner.js';

/** The adaptive limit per side when the config sets none (research: 5 + 5 catches 93-100 % of 10 %). */
export const DEFAULT_MAX_PROCESSES = 15;
/** Below this many processes per side, the exact rank test can never reach p < 0.05. */
const MIN_USEFUL_PROCESSES = 4;

interface RunContext {
  io: CommandContext['io'];
  output: Output;
  config: PerfgateConfig;
  policy: VerdictPolicy;
  plan: Pick<SessionPlan, 'processes' | 'maxProcesses'>;
  checkout: RefCheckout | undefined;
  signal: AbortSignal;
  gcBetweenSamples: boolean;
}

interface SuiteRun {
  input: SuiteInput;
  stored: Baseline | undefined;
  baselineFile: string;
}

/** Where a suite's base comes from: the ref's copy of the file, the stored baseline, or nowhere. */
function baseOf(
  checkout: RefCheckout | undefined,
  baseFile: string | undefined,
  stored: Baseline | undefined,
) {
  if (checkout) return baseFile ? ({ kind: 'measured' } as const) : ({ kind: 'none' } as const);
  if (stored) return { kind: 'stored', processMedians: baselineMedians(stored) } as const;
  return { kind: 'none' } as const;
}

async function runSuite(
  ctx: RunContext,
  file: string,
  suite: string,
  stored: Baseline | undefined,
): Promise<SuiteRun> {
  const { config, checkout, io, output } = ctx;
  const baselineFile = baselinePath(config.benchmarks.baselineDir, suite);
  const warnings: string[] = [];
  if (stored && !checkout) {
    const differences = fingerprintDifferences(stored.fingerprint, machineFingerprint());
    if (differences.length > 0) warnings.push(`baseline from another machine (${differences.join(', ')})`);
  }
  const baseFile = checkout?.baseFileFor(file);
  if (checkout && baseFile === undefined)
    warnings.push(`${checkout.dir} has no ${file}: nothing to compare with`);
  const base: SessionPlan['base'] = baseOf(checkout, baseFile, stored);
  const defaults = {
    ...(ctx.gcBetweenSamples ? { gcBetweenSamples: true } : {}),
    ...(config.benchmarks.iterations ? { iterations: config.benchmarks.iterations } : {}),
    ...(config.benchmarks.warmupIterations !== undefined
      ? { warmupIterations: config.benchmarks.warmupIterations }
      : {}),
  };
  const runner = (request: ProcessRequest) => {
    const isBase = request.side === 'base';
    const childFile = isBase && baseFile ? baseFile : file;
    const only = request.only ? { only: [...request.only] } : {};
    const cwd = isBase && checkout ? checkout.dir : io.cwd;
    return runChildProcess({ file: childFile, defaults, ...only }, { env: io.env, cwd, signal: ctx.signal });
  };
  const onRound = (round: number, only: readonly string[] | undefined) =>
    output.info(
      output.colors.dim(`${suite}: round ${round + 1}${only ? ` (unclear: ${only.join(', ')})` : ''}`),
    );
  const samples = await sampleSuite(runner, { ...ctx.plan, policy: ctx.policy, base, onRound });
  for (const warning of warnings) output.warn(`${suite}: ${warning}`);
  const baseSource = base.kind === 'measured' ? 'ref' : base.kind === 'stored' ? 'baseline' : null;
  return {
    input: { name: suite, file, samples, baseSource, baselineFile: stored ? baselineFile : null, warnings },
    stored,
    baselineFile,
  };
}

function writeBaselines(
  ctx: RunContext,
  runs: readonly SuiteRun[],
  reports: readonly SuiteReport[],
  update: boolean,
): void {
  const fingerprint = machineFingerprint();
  const updatedAt = new Date(systemClock.now()).toISOString();
  runs.forEach((run, i) => {
    const report = reports[i];
    if (report === undefined || (!update && run.stored !== undefined)) return;
    const baseline = mergeBaseline(run.stored, {
      suite: report.name,
      updatedAt,
      fingerprint,
      entries: baselineEntries(report),
    });
    writeBaseline(run.baselineFile, baseline);
    ctx.output.info(`${run.stored ? 'updated' : 'created'} baseline ${run.baselineFile}`);
  });
}

function settingsOf(ctx: RunContext, compareRef: string | undefined): BenchResults['settings'] {
  const { minor, major, critical, threshold } = ctx.config.regression;
  return {
    ...ctx.plan,
    alpha: ctx.policy.alpha ?? DEFAULT_ALPHA,
    falseDiscovery: ctx.policy.falseDiscovery,
    thresholds: { minor, major, critical, gate: threshold ?? null },
    compareRef: compareRef ?? null,
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
  const suites = buildSuiteReports(
    runs.map((run) => run.input),
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
  if (!ctx.checkout) writeBaselines(ctx, runs, suites, update && !gate.anyRegression);
  const exitCode = gate.passed ? EXIT.ok : EXIT.gateFailed;
  if (!wantsReports(options) && !recordsHistory(options)) return exitCode;
  const { writeCommandReports } = await import('../report/command-reports.js');
  return writeCommandReports(context, results, options.output ?? 'bench', exitCode);
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
  };
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
