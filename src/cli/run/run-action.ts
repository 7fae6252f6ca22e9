/**
 * `perfgate run`: the composition root of the pipeline. Reads the config and every load script
 * first (bad input → 2 before anything starts), asks for confirmation where the environment
 * wants it, then runs src/pipeline with the CLI's steps and prints the closing summary.
 * Exit: 0 passed · 1 a gate failed · 2 bad input · 3 could not run or finish · 130 interrupted.
 */
import type { PerfgateConfig } from '../../config/index.js';
import { PerfgateError } from '../../core/errors.js';
import { runRecoveryNotification } from '../../notify/index.js';
import {
  describeRunPlan,
  type PipelineOutcome,
  type PipelineSteps,
  planRun,
  type RunPlan,
  type RunStatus,
  runPipeline,
  type SuiteName,
  summaryLines,
} from '../../pipeline/index.js';
import { slosFromSpecs } from '../../slo/spec.js';
import { systemClock } from '../clock.js';
import { loadValidConfig } from '../config-file.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { PushOptions } from '../load/observability.js';
import type { Output } from '../output.js';
import { historyPath, recordInHistory } from '../report/history.js';
import { checkBenchGlobs, runBenchStep } from './bench-step.js';
import { createLoadStep, preloadScripts } from './load-step.js';
import { notifyRun } from './notify-step.js';
import { recoveredSlos } from './recoveries.js';
import { writeRunReports } from './report-step.js';
import { createResultsDir } from './results-dir.js';
import { startRunServices } from './services-step.js';

export interface RunOptions extends PushOptions {
  only?: SuiteName;
  yes?: boolean;
  resultsDir?: string;
  dryRun?: boolean;
  history?: boolean;
  historyDb?: string;
}

const EXIT_FOR: Record<RunStatus, number> = {
  passed: EXIT.ok,
  failed: EXIT.gateFailed,
  'could-not-run': EXIT.couldNotRun,
  interrupted: EXIT.interrupted,
};

/** Production aims heavy load at real systems: it runs only when someone said so. */
function confirm(plan: RunPlan, options: RunOptions, env: CommandContext['io']['env']): void {
  if (!plan.requireConfirmation || options.yes === true || env.PERFGATE_CONFIRM_PRODUCTION === '1') return;
  throw new PerfgateError(
    'CONFIRMATION_REQUIRED',
    `environment ${plan.environment} aims ${plan.loadProfile.users} users${
      plan.loadProfile.rps === undefined ? '' : ` at ${plan.loadProfile.rps} rps`
    } at ${plan.services.map((s) => s.url).join(', ') || 'its targets'}; not started without confirmation`,
    { hint: 'pass --yes, or set PERFGATE_CONFIRM_PRODUCTION=1, to confirm' },
  );
}

function printSummary(output: Output, outcome: PipelineOutcome): void {
  const { colors } = output;
  const paint = { plain: (t: string) => t, good: colors.green, bad: colors.red, warn: colors.yellow };
  output.result('');
  for (const line of summaryLines(outcome)) output.result(paint[line.tone](line.text));
}

function runInfo(env: CommandContext['io']['env']): { commit?: string; branch?: string } {
  const branch = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME;
  return { ...(env.GITHUB_SHA ? { commit: env.GITHUB_SHA } : {}), ...(branch ? { branch } : {}) };
}

export async function runCommand(context: CommandContext<RunOptions>): Promise<number> {
  const { io, options, output } = context;
  const config: PerfgateConfig = loadValidConfig(io, output, { config: options.config, env: options.env });
  const plan = planRun(config, options.only ?? config.run.only);
  if (options.dryRun) {
    for (const line of describeRunPlan(plan)) output.result(line);
    return EXIT.ok;
  }
  if (!plan.runBenchmarks && plan.loadRuns.length === 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `nothing to run in environment ${plan.environment}`, {
      hint: plan.notes.join('; ') || 'configure load.scripts or benchmarks.files',
    });
  }
  if (plan.runBenchmarks) checkBenchGlobs(config, (options.only ?? config.run.only) === 'benchmark');
  confirm(plan, options, io.env);
  const slos = slosFromSpecs(config.slos);
  const scripts = await preloadScripts(io, output, plan.loadRuns);
  const results = createResultsDir(io.cwd, options.resultsDir, systemClock.now());
  output.info(`perfgate run · environment ${plan.environment} · results in ${results.dir}`);
  let recovered: string[] = [];
  if (options.history === false && config.notifications.pagerduty !== undefined) {
    output.info('history is off: incidents a failing run opened are not resolved by this run');
  }
  const steps: PipelineSteps = {
    startServices: (signal) => startRunServices(io, output, config, signal),
    runBenchmarks: (signal) => runBenchStep(context, config, results.dir, signal),
    runLoad: createLoadStep(io, output, results.dir, scripts, options, config.load.distributed),
    writeReports: async (report, rows) => {
      if (options.history !== false) {
        const historyFile = historyPath(io, options.historyDb, config.history?.url);
        // Read before this run is added: the environment's previous run says what recovered.
        recovered = await recoveredSlos(output, historyFile, report);
        // Keyed by the results directory: one run, one history entry, even if reports are rewritten.
        await recordInHistory(output, historyFile, report, results.dir);
      }
      return writeRunReports(io, output, results, report, rows);
    },
    notify: async (notification, signal) => {
      const problems = await notifyRun(config, output, notification, signal);
      if (recovered.length === 0) return problems;
      const recovery = runRecoveryNotification({ ...notification, recovered });
      return [...problems, ...(await notifyRun(config, output, recovery, signal))];
    },
  };
  const interrupt = new AbortController();
  const removeSignal = io.onSignal((signal) => {
    output.warn(`${signal}: stopping; partial results will be written and the services stopped`);
    interrupt.abort();
  });
  try {
    const outcome = await runPipeline(plan, steps, {
      clock: systemClock,
      logger: output.logger,
      signal: interrupt.signal,
      slos,
      compliance: config.compliance,
      runInfo: runInfo(io.env),
    });
    for (const problem of outcome.notifyProblems) output.warn(`notification: ${problem}`);
    printSummary(output, outcome);
    return EXIT_FOR[outcome.verdict.status];
  } finally {
    removeSignal();
  }
}
