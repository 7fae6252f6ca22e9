/**
 * `perfgate run`: start services → benchmarks → load tests with the profile's load → SLO
 * compliance → regression check → reports → notifications → stop services (always, also on
 * SIGINT, errors and an exhausted time budget). Each step is injected (steps.ts); this module
 * decides the order, the abort rules and the verdict, and never throws for a failed step: the
 * failure becomes part of the verdict and the reports of what did finish are still written.
 */
import type { Clock } from '../core/clock.js';
import { isPerfgateError } from '../core/errors.js';
import { type Logger, silentLogger } from '../core/logger.js';
import type { RunReport } from '../report/index.js';
import type { Slo, SloCheck } from '../slo/index.js';
import { createRunAbort, DEFAULT_HARD_ABORT_GRACE_MS, type RunAbort } from './abort.js';
import type { RunPlan } from './plan.js';
import { buildPipelineReport, runNotification } from './run-report.js';
import { checkRunSlos, sloCheckRows } from './slo-gate.js';
import type {
  BenchStepResult,
  LoadStepResult,
  PipelineSteps,
  ReportPaths,
  StartedServices,
} from './steps.js';
import { decideRunVerdict, type LoadGate, type RunVerdict } from './verdict.js';

export interface PipelineDeps {
  clock: Clock;
  logger?: Logger;
  /** Aborted on SIGINT/SIGTERM. */
  signal?: AbortSignal;
  slos: readonly Slo[];
  /** Shown in the report (commit, branch) besides the environment. */
  runInfo?: { commit?: string; branch?: string };
  hardAbortGraceMs?: number;
}

export interface PipelineOutcome {
  plan: RunPlan;
  verdict: RunVerdict;
  services?: StartedServices;
  bench?: BenchStepResult;
  loads: LoadStepResult[];
  sloChecks: SloCheck[];
  report: RunReport;
  reportPaths?: ReportPaths;
  /** Problems notifying (never part of the verdict). */
  notifyProblems: string[];
  durationMs: number;
}

interface RunState {
  services?: StartedServices;
  bench?: BenchStepResult;
  loads: LoadStepResult[];
  errors: string[];
}

const messageOf = (error: unknown) =>
  isPerfgateError(error) && error.hint ? `${error.message} (${error.hint})` : (error as Error).message;

/** Runs the suites in order; stops at the first step that cannot run or at an abort. */
async function runSuites(plan: RunPlan, steps: PipelineSteps, abort: RunAbort, log: Logger, state: RunState) {
  if (plan.startServices) {
    log.info(`starting ${plan.services.length} services…`);
    state.services = await abort.guard((signal) => steps.startServices(signal));
  }
  if (plan.runBenchmarks && !abort.signal.aborted) {
    log.info('running benchmarks…');
    const bench = await abort.guard((signal) => steps.runBenchmarks(signal));
    if (bench !== undefined) state.bench = bench;
  }
  const urls = state.services?.urls ?? Object.fromEntries(plan.services.map((s) => [s.name, s.url]));
  const variables = {
    services: Object.fromEntries(Object.entries(urls).map(([name, url]) => [name, { url }])),
  };
  for (const run of plan.loadRuns) {
    if (abort.signal.aborted) break;
    log.info(`load test ${run.name} → ${run.target ?? "the script's target"}`);
    state.loads.push(await abort.guard((signal) => steps.runLoad(run, variables, signal)));
  }
  // A target that died during the load leaves results that describe a dead service, not its performance.
  if (state.services && plan.loadRuns.length > 0 && !abort.signal.aborted) {
    state.errors.push(...(await state.services.problems()));
  }
}

function loadGate(load: LoadStepResult): LoadGate {
  const { perfgate } = load.results;
  return {
    name: load.run.name,
    status: perfgate.status,
    unreachable: perfgate.unreachable,
    trusted: perfgate.health.verdict === 'trusted',
    healthReasons: perfgate.health.reasons,
    ensureFailures: perfgate.ensure.verdicts
      .filter((verdict) => verdict.strict && !verdict.passed)
      .map((verdict) => verdict.expression),
    ...(perfgate.missingSegments === undefined ? {} : { missingSegments: perfgate.missingSegments }),
  };
}

export async function runPipeline(
  plan: RunPlan,
  steps: PipelineSteps,
  deps: PipelineDeps,
): Promise<PipelineOutcome> {
  const log = deps.logger ?? silentLogger;
  const started = deps.clock.monotonic();
  const abort = createRunAbort({
    clock: deps.clock,
    budgetMs: plan.timeBudgetMs,
    graceMs: deps.hardAbortGraceMs ?? DEFAULT_HARD_ABORT_GRACE_MS,
    ...(deps.signal ? { external: deps.signal } : {}),
  });
  const state: RunState = { loads: [], errors: [] };
  try {
    try {
      await runSuites(plan, steps, abort, log, state);
    } catch (error) {
      // An abort is reported once, by its cause, not again by each step it ended.
      if (error !== abort.signal.reason) state.errors.push(messageOf(error));
    }
    if (abort.cause() === 'time-budget')
      state.errors.push(`time budget of ${plan.timeBudgetMs / 1000}s exceeded`);
    return await finish(plan, steps, deps, abort, state, started);
  } finally {
    abort.dispose();
    await state.services?.stop();
  }
}

async function finish(
  plan: RunPlan,
  steps: PipelineSteps,
  deps: PipelineDeps,
  abort: RunAbort,
  state: RunState,
  started: number,
): Promise<PipelineOutcome> {
  const sloChecks = plan.checkSlos ? judgeSlos(deps.slos, state) : [];
  const verdict = decideRunVerdict({
    sloChecks,
    ...(state.bench ? { bench: state.bench.gate } : {}),
    loads: state.loads.map(loadGate),
    errors: state.errors,
    interrupted: abort.cause() === 'interrupted',
  });
  const report = buildPipelineReport(plan, verdict, state, sloChecks, deps);
  let reportPaths: ReportPaths | undefined;
  try {
    reportPaths = await steps.writeReports(report, sloCheckRows(sloChecks));
  } catch (error) {
    verdict.failures.push(`reports not written: ${messageOf(error)}`);
    if (verdict.status === 'passed' || verdict.status === 'failed') verdict.status = 'could-not-run';
  }
  const notification = runNotification(plan, verdict, state, sloChecks, reportPaths, deps.clock.now());
  const notifyProblems = await steps.notify(notification, abort.signal).catch((error) => [messageOf(error)]);
  return {
    plan,
    verdict,
    ...(state.services ? { services: state.services } : {}),
    ...(state.bench ? { bench: state.bench } : {}),
    loads: state.loads,
    sloChecks,
    report,
    ...(reportPaths ? { reportPaths } : {}),
    notifyProblems,
    durationMs: deps.clock.monotonic() - started,
  };
}

function judgeSlos(slos: readonly Slo[], state: RunState): SloCheck[] {
  try {
    return checkRunSlos(
      slos,
      state.loads.map((load) => ({
        source: load.source,
        ...(load.run.service === undefined ? {} : { service: load.run.service }),
        scenarios: load.scenarios,
        results: load.results,
      })),
      state.bench ? { source: state.bench.source, results: state.bench.results } : undefined,
    );
  } catch (error) {
    state.errors.push(`SLO compliance could not be judged: ${messageOf(error)}`);
    return [];
  }
}
