import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseDuration } from '../../core/duration.js';
import { PerfgateError } from '../../core/errors.js';
import { METRIC } from '../../load/flow/metric-names.js';
import type { LoadResults } from '../../load/metrics/results.js';
import type { WindowData } from '../../load/metrics/window.js';
import { runLoadTest } from '../../load/run/run-load-test.js';
import { describePlan } from '../../load/schedule/describe.js';
import { plan } from '../../load/schedule/plan.js';
import { parseSegment, WHOLE_TEST } from '../../load/schedule/segment.js';
import type { LoadScript } from '../../load/script/model.js';
import { systemClock } from '../clock.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { type CommandReportOptions, wantsReports } from '../report/report-flags.js';
import { installArtilleryGlobal } from './artillery-global.js';
import { pinYoungGeneration } from './heap-tuning.js';
import { type ObservabilityOptions, startObservability } from './observability.js';
import { formatWindowLine, printSummary } from './progress.js';
import { loadScriptFiles, readUploadFile } from './script-files.js';
import { type ScriptFlags, scriptOptionsOf } from './script-flags.js';
import { spawnLoadWorker } from './workers.js';

export interface LoadOptions extends ObservabilityOptions, CommandReportOptions, ScriptFlags {
  output?: string;
  workers?: string;
  segment?: string;
  interval?: string;
  dryRun?: boolean;
  allowSaturated?: boolean;
}

/** `perfgate load SCRIPT`: run one Artillery-format script; exit 0/1/2/3 as DESIGN.md says. */
export async function loadCommand(context: CommandContext<LoadOptions>, args: unknown[]): Promise<number> {
  const { io, options, output } = context;
  const file = String(args[0]);
  const segment = options.segment ? parseSegment(options.segment) : WHOLE_TEST;
  const intervalMs = parseInterval(options.interval);
  const workers = parseWorkers(options.workers);
  const scriptOptions = scriptOptionsOf(options, io.cwd, io.env);
  const artillery = installArtilleryGlobal((line) => output.info(line));
  const loaded = await loadScriptFiles(io, file, scriptOptions);
  if (loaded.state === 'invalid') {
    for (const message of loaded.messages) output.error(message);
    return EXIT.badInput;
  }
  const { script } = loaded;
  for (const warning of script.warnings) output.warn(warning);
  if (options.dryRun) {
    for (const line of describePlan(plan(script.phases, segment))) output.result(line);
    return EXIT.ok;
  }
  pinYoungGeneration();
  const observability = await startObservability(options, script, output, (ms) =>
    pauseUnlessInterrupted(io, ms),
  );
  const stop = new AbortController();
  const removeSignal = io.onSignal((signal) => {
    output.warn(`${signal}: stopping new arrivals, letting requests in flight finish`);
    stop.abort();
  });
  let results: LoadResults;
  try {
    results = await runLoadTest(script, {
      clock: systemClock,
      env: scriptOptions.env ?? io.env,
      segment,
      intervalMs,
      signal: stop.signal,
      assets: loaded.assets,
      readUpload: readUploadFile,
      ...(loaded.processor ? { processor: loaded.processor } : {}),
      logger: output.logger,
      cpuUsage: () => process.cpuUsage(),
      ...observability.onWindowOption(
        output.quiet ? undefined : (window: WindowData) => output.info(formatWindowLine(window)),
      ),
      workers,
      spawnWorker: spawnLoadWorker,
    });
  } catch (error) {
    await observability.finish(undefined, EXIT.couldNotRun);
    throw error;
  } finally {
    removeSignal();
  }
  if (options.output) writeFileSync(resolve(io.cwd, options.output), `${JSON.stringify(results, null, 2)}\n`);
  printSummary(output, results);
  const exitCode = exitCodeOf(results, {
    allowSaturated: options.allowSaturated === true,
    suggestedExitCode: Math.max(artillery.suggestedExitCode(), results.perfgate.suggestedExitCode ?? 0),
    notRun: scenariosNotRun(script),
  });
  explainExit(output, results, exitCode, script);
  await observability.finish(results, exitCode);
  if (!wantsReports(options)) return exitCode;
  // Loaded only when asked for: a plain load run keeps the report code out of its heap.
  const { writeCommandReports } = await import('../report/command-reports.js');
  return writeCommandReports(context, results, options.output ?? file, exitCode);
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
 * a scenario's engine not run, generator saturated), else 1 when a strict ensure check or an
 * expect check failed, or a processor suggested a failing exit code; else 0.
 */
export function exitCodeOf(results: LoadResults, inputs: ExitInputs): number {
  const { status, unreachable, health, ensure, nothingSent } = results.perfgate;
  if (status === 'interrupted' || unreachable || nothingSent) return EXIT.couldNotRun;
  if ((results.aggregate.counters[PROCESSOR_THREW] ?? 0) > 0) return EXIT.couldNotRun;
  if ((inputs.notRun?.length ?? 0) > 0) return EXIT.couldNotRun;
  if (health.verdict === 'untrusted' && !inputs.allowSaturated) return EXIT.couldNotRun;
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

function parseInterval(text: string | undefined): number {
  if (text === undefined) return 10_000;
  const ms = parseDuration(text, 's');
  if (ms === undefined || ms < 100) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `--interval ${text}: expected a duration of at least 100ms, e.g. 10s`,
    );
  }
  return ms;
}

/** Default: one worker per core but one, at least 1 (the main thread coordinates). */
function parseWorkers(text: string | undefined): number {
  if (text === undefined) return Math.max(1, availableParallelism() - 1);
  const workers = Number(text);
  if (!Number.isInteger(workers) || workers < 1) {
    throw new PerfgateError('INVALID_ARGUMENT', `--workers ${text}: expected a whole number >= 1`);
  }
  return workers;
}
