import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { formatDuration, parseDuration } from '../../core/duration.js';
import { PerfgateError } from '../../core/errors.js';
import { maxSequenceStripes } from '../../load/data/partition.js';
import { METRIC } from '../../load/flow/metric-names.js';
import { delayImpact } from '../../load/health/delay-impact.js';
import { encodeHandover } from '../../load/metrics/handover.js';
import type { LoadResults } from '../../load/metrics/results.js';
import { defaultIntervalMs } from '../../load/run/interval.js';
import { runLoadTest } from '../../load/run/run-load-test.js';
import { describePlan, splitWarnings } from '../../load/schedule/describe.js';
import { plan } from '../../load/schedule/plan.js';
import { formatSegment, type Segment } from '../../load/schedule/segment.js';
import type { LoadScript } from '../../load/script/model.js';
import { systemClock } from '../clock.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { type CommandReportOptions, recordsHistory, wantsReports } from '../report/report-flags.js';
import { installArtilleryGlobal } from './artillery-global.js';
import { type GeneratorFlags, generatorRoleOf } from './generator-flags.js';
import { pinYoungGeneration } from './heap-tuning.js';
import { LiveStatus } from './live-status.js';
import { type ObservabilityOptions, startObservability } from './observability.js';
import { clockTime, printSummary } from './progress.js';
import { withScriptFaults } from './script-faults.js';
import { loadScriptFiles, readUploadFile } from './script-files.js';
import { type ScriptFlags, scriptOptionsOf } from './script-flags.js';
import { spawnLoadWorker } from './workers.js';

export interface LoadOptions extends ObservabilityOptions, CommandReportOptions, ScriptFlags, GeneratorFlags {
  output?: string;
  workers?: string;
  interval?: string;
  kubernetes?: boolean;
  dryRun?: boolean;
  allowSaturated?: boolean;
}

/** `perfgate load SCRIPT`: run one Artillery-format script; exit 0/1/2/3 as DESIGN.md says. */
export async function loadCommand(context: CommandContext<LoadOptions>, args: unknown[]): Promise<number> {
  const { io, options, output } = context;
  const file = String(args[0]);
  const { segment, startAt, region } = generatorRoleOf(options, io.env, systemClock.now());
  const scriptOptions = scriptOptionsOf(options, io.cwd, io.env);
  const artillery = installArtilleryGlobal((line) => output.info(line));
  const loaded = await loadScriptFiles(io, file, scriptOptions);
  if (loaded.state === 'invalid') {
    for (const message of loaded.messages) output.error(message);
    return EXIT.badInput;
  }
  const { script } = loaded;
  for (const warning of [...script.warnings, ...splitWarnings(plan(script.phases).phases, segment.count)]) {
    output.warn(warning);
  }
  const workers = parseWorkers(
    options.workers,
    Math.floor(maxSequenceStripes(loaded.assets) / segment.count),
  );
  if (options.dryRun) {
    for (const line of describePlan(plan(script.phases, segment))) output.result(line);
    return EXIT.ok;
  }
  const plannedMs = plan(script.phases, segment).durationMs;
  const intervalMs = parseInterval(options.interval) ?? defaultIntervalMs(plannedMs);
  pinYoungGeneration();
  const observability = await startObservability(options, script, output, (ms) =>
    pauseUnlessInterrupted(io, ms),
  );
  const zeroMonotonic = startAt === undefined ? 0 : performance.now() + (startAt - systemClock.now());
  const live = output.quiet
    ? undefined
    : new LiveStatus({
        stream: io.stderr,
        tty: io.stderr.isTTY === true,
        plannedMs,
        generators: workers,
        // With --start-at, elapsed time counts from that instant, not from the wait before it.
        now: () => Math.max(performance.now(), zeroMonotonic),
        clockTime,
      });
  const stop = new AbortController();
  const removeSignal = io.onSignal((signal) => {
    output.warn(`${signal}: stopping new arrivals, letting requests in flight finish`);
    stop.abort();
  });
  if (startAt !== undefined) announceStart(output, segment, startAt);
  let results: LoadResults;
  const faulted = await withScriptFaults(script, output);
  try {
    // With --start-at the schedule (and so every fault's from/to and phase) starts with the load.
    faulted.start(startAt === undefined ? 0 : Math.max(0, startAt - systemClock.now()));
    results = await runLoadTest(faulted.script, {
      clock: systemClock,
      env: scriptOptions.env ?? io.env,
      segment,
      ...(startAt === undefined ? {} : { startAt }),
      ...(region === undefined ? {} : { region }),
      intervalMs,
      signal: stop.signal,
      assets: loaded.assets,
      readUpload: readUploadFile,
      ...(loaded.processor ? { processor: loaded.processor } : {}),
      logger: output.logger,
      cpuUsage: () => process.cpuUsage(),
      ...observability.onWindowOption(live?.onWindow),
      workers,
      spawnWorker: spawnLoadWorker,
    });
  } catch (error) {
    await observability.finish(undefined, EXIT.couldNotRun);
    throw error;
  } finally {
    live?.stop();
    removeSignal();
    await faulted.close();
  }
  // One generator's share pushes to its own group: the shares of one test never replace each other.
  const share = segment.count > 1 ? formatSegment(segment) : undefined;
  return finishRun(context, { file, script, artillery }, results, observability, share);
}

/** Writes the results where asked, prints the summary, and decides the exit code. */
async function finishRun(
  context: CommandContext<LoadOptions>,
  run: { file: string; script: LoadScript; artillery: ReturnType<typeof installArtilleryGlobal> },
  results: LoadResults,
  observability: Awaited<ReturnType<typeof startObservability>>,
  segment?: string,
): Promise<number> {
  const { io, options, output } = context;
  const { file, script, artillery } = run;
  if (options.output) writeFileSync(resolve(io.cwd, options.output), `${JSON.stringify(results, null, 2)}\n`);
  printSummary(output, results);
  if (options.printResults) io.stdout.write(encodeHandover(results));
  const exitCode = options.deferVerdict
    ? deferredExitCode(results)
    : exitCodeOf(results, {
        allowSaturated: options.allowSaturated === true,
        suggestedExitCode: Math.max(artillery.suggestedExitCode(), results.perfgate.suggestedExitCode ?? 0),
        notRun: scenariosNotRun(script),
      });
  explainExit(output, results, exitCode, script);
  await observability.finish(results, exitCode, segment);
  if (!wantsReports(options) && !recordsHistory(options)) return exitCode;
  // Loaded only when asked for: a plain load run keeps the report code out of its heap.
  const { writeCommandReports } = await import('../report/command-reports.js');
  return writeCommandReports(context, results, options.output ?? file, exitCode);
}

function announceStart(output: CommandContext['output'], segment: Segment, startAt: number): void {
  const wait = formatDuration(Math.max(0, startAt - systemClock.now()));
  const at = new Date(startAt).toISOString();
  output.info(`segment ${formatSegment(segment)} ready; its schedule starts at ${at} (in ${wait})`);
}

/** Resolves after `ms`, or at once on SIGINT/SIGTERM. */
function pauseUnlessInterrupted(io: CommandContext['io'], ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const remove = io.onSignal(done);
    function done(): void {
      clearTimeout(timer);
      remove();
      resolve();
    }
  });
}

const PROCESSOR_THREW = METRIC.processorThrew;

export interface ExitInputs {
  readonly allowSaturated: boolean;
  /** `artillery.suggestedExitCode` as a processor set it (0: none). */
  readonly suggestedExitCode?: number;
  /** Scenarios the run could pick but perfgate does not run (their engine). */
  readonly notRun?: readonly string[];
}

/**
 * 3 when the run cannot be trusted or finished (interrupted, target unreachable, nothing sent,
 * a segment of the split missing, a scenario's engine not run, a processor that threw, a late
 * generator when the delay could have decided a gate: delay-impact.ts), else 1 when a strict
 * ensure check or an expect check failed, or a processor suggested a failing exit code; else 0.
 */
export function exitCodeOf(results: LoadResults, inputs: ExitInputs): number {
  const { status, unreachable, health, ensure, nothingSent, missingSegments } = results.perfgate;
  if (status === 'interrupted' || unreachable || nothingSent) return EXIT.couldNotRun;
  if ((missingSegments?.length ?? 0) > 0) return EXIT.couldNotRun;
  if ((results.aggregate.counters[PROCESSOR_THREW] ?? 0) > 0) return EXIT.couldNotRun;
  if ((inputs.notRun?.length ?? 0) > 0) return EXIT.couldNotRun;
  const impact = delayImpact(health, ensure.verdicts, results.aggregate.counters);
  if (impact.decisive.length > 0 && !inputs.allowSaturated) return EXIT.couldNotRun;
  if (!ensure.passed || (inputs.suggestedExitCode ?? 0) !== 0) return EXIT.gateFailed;
  return EXIT.ok;
}

/** Scenarios with a weight whose engine perfgate does not run: their part of the test did not happen. */
function scenariosNotRun(script: LoadScript): string[] {
  return script.scenarios
    .filter((scenario) => !scenario.supported && scenario.weight > 0)
    .map((scenario) => `${scenario.name} (engine "${scenario.engine}")`);
}

/** Says why a run that completed still fails, where the summary alone would not. */
function explainExit(output: Output, results: LoadResults, exitCode: number, script: LoadScript): void {
  if (exitCode === EXIT.ok) return;
  if (results.perfgate.nothingSent)
    output.warn(
      'nothing was sent: no request, WebSocket or Socket.IO connection was made, so the run tested nothing',
    );
  const notRun = scenariosNotRun(script);
  if (notRun.length > 0) output.warn(`not run, so the test is incomplete: ${notRun.join(', ')}`);
  const threw = results.aggregate.counters[PROCESSOR_THREW] ?? 0;
  if (threw > 0)
    output.warn(
      `a processor function threw ${threw} time(s) (Artillery's worker crashes on this): the run cannot pass`,
    );
  const suggested = results.perfgate.suggestedExitCode;
  if (suggested) output.warn(`a processor set artillery.suggestedExitCode = ${suggested}: the run fails`);
}

/** `--interval`; undefined: the default adapted to the planned duration. */
function parseInterval(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text, 's');
  if (ms === undefined || ms < 100) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `--interval ${text}: expected a duration of at least 100ms, e.g. 10s`,
    );
  }
  return ms;
}

/**
 * `--defer-verdict` (one segment of a larger test): the verdict belongs to the merged results, so
 * this share's `ensure` and health do not set the exit code; only a run that did not finish does.
 */
function deferredExitCode(results: LoadResults): number {
  return results.perfgate.status === 'interrupted' ? EXIT.couldNotRun : EXIT.ok;
}

/**
 * Default: one worker per core but one, at least 1 (the main thread coordinates), and no more
 * than `sequenceStripes` (each worker needs its own rows of an `order: sequence` payload).
 */
function parseWorkers(text: string | undefined, sequenceStripes: number): number {
  if (text === undefined) return Math.max(1, Math.min(availableParallelism() - 1, sequenceStripes));
  const workers = Number(text);
  if (!Number.isInteger(workers) || workers < 1) {
    throw new PerfgateError('INVALID_ARGUMENT', `--workers ${text}: expected a whole number >= 1`);
  }
  return workers;
}
