import type { Clock } from '../../core/clock.js';
import { type Logger, silentLogger } from '../../core/logger.js';
import type {
  HttpClient,
  IterationContext,
  IterationFn,
  IterationOutcome,
  MetricsRecorder,
} from '../contracts.js';
import type { ScriptAssets } from '../data/assets.js';
import { type Segment, VuVariableFeeder } from '../data/feeder.js';
import type { RealtimeTransports } from '../engines/contracts.js';
import { closeEngine, openEngine } from '../engines/lifecycle.js';
import type { LoadScript, Scenario } from '../script/model.js';
import { type CompiledTemplate, compileTemplate, TemplateCache } from '../template/compile.js';
import { type CompiledStep, compileSteps } from './compile-steps.js';
import { CookieJar } from './cookies.js';
import { runFunctionStep } from './hooks.js';
import { ABORTED, METRIC } from './metric-names.js';
import type { ReadUpload } from './multipart.js';
import { createProcessorEvents, errorName, type ProcessorModule } from './processor.js';
import { runSteps } from './run-steps.js';
import { type FlowWorld, VuFailure, VuSession } from './session.js';

export interface VuRunnerDeps {
  readonly http: HttpClient;
  readonly metrics: MetricsRecorder;
  readonly clock: Clock;
  /** Uniform in [0, 1); seed it for repeatable scenario picks, payload rows and `$randomX`. */
  readonly random: () => number;
  /** Monotonic reading at the test's zero (IterationContext times are relative to it). Default 0. */
  readonly testZeroMs?: number;
  readonly logger?: Logger;
  /** Payload rows from `loadScriptAssets`; none when the script has no payload. */
  readonly assets?: ScriptAssets;
  /** The imported `config.processor` module. */
  readonly processor?: ProcessorModule;
  /** This process's share of the test: payload rows are striped by it. */
  readonly segment?: Segment;
  /** For `{{ $env.X }}` in flows. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Variables captured by the `before` flow, given to every VU. */
  readonly sharedVars?: Readonly<Record<string, unknown>>;
  /** Reads a templated `formData` file (`fromFile: "{{ name }}.png"`) when its request is sent. */
  readonly readUpload?: ReadUpload;
  /** Opens WebSocket and Socket.IO connections for ws and socketio scenarios. */
  readonly realtime?: RealtimeTransports;
}

interface RunnableScenario {
  readonly scenario: Scenario;
  readonly flow: readonly CompiledStep[];
  /** Cumulative weight up to and including this scenario. */
  readonly upTo: number;
  /** `vusers.created` and `vusers.created_by_name.<name>`, built once. */
  readonly createdGroup: readonly string[];
  /**
   * `vusers.completed|session_length` with `perfgate.scenario.<name>.completed|session_length`
   * (per-scenario sessions, for scenario SLOs), and the scenario's `failed`.
   */
  readonly completedGroup: readonly string[];
  readonly sessionGroup: readonly string[];
  readonly failedMetric: string;
  /** socketio scenarios: `config.socketio` with the scenario's own options over it, compiled. */
  readonly socketioOptions?: CompiledTemplate;
}

/** Where scenario-less VUs fail: every scenario has weight 0 or an unsupported engine. */
export const NO_RUNNABLE_SCENARIO = 'No runnable scenario';

/**
 * Builds the VU side of the load engine: each call runs one VU (Artillery's open model: one
 * scenario, picked by weight, once). Compiles everything once here. Records Artillery's
 * `vusers.*` counters itself (the executor must not count created/completed/failed again).
 */
export function createVuRunner(script: LoadScript, deps: VuRunnerDeps): IterationFn {
  const world = createWorld(script, deps);
  const feeder = new VuVariableFeeder(script, deps.assets ?? { payloads: [] }, deps.random, deps.segment);
  const runnable = runnableScenarios(script, deps.processor);
  const total = runnable.at(-1)?.upTo ?? 0;
  const pick = (): RunnableScenario | undefined => {
    if (runnable.length <= 1) return runnable[0];
    const point = deps.random() * total;
    return runnable.find((candidate) => point < candidate.upTo) ?? runnable.at(-1);
  };
  return (iteration) => {
    const chosen = pick();
    const { metrics } = world;
    if (!chosen) {
      metrics.counter(METRIC.vusersCreated);
      metrics.counter(`${METRIC.errors}${NO_RUNNABLE_SCENARIO}`);
      metrics.counter(METRIC.vusersFailed);
      return Promise.resolve({ state: 'failed', errorCode: NO_RUNNABLE_SCENARIO });
    }
    metrics.counter(chosen.createdGroup);
    const vars = { ...deps.sharedVars, ...feeder.next() };
    return runVu(world, chosen, vars, iteration);
  };
}

async function runVu(
  world: FlowWorld,
  chosen: RunnableScenario,
  vars: Record<string, unknown>,
  iteration: IterationContext,
): Promise<IterationOutcome> {
  vars.target = world.script.target;
  const jar = new CookieJar(world.defaultCookies !== undefined);
  const session = new VuSession(
    world,
    vars,
    jar,
    iteration.signal,
    iteration.intendedStartMs,
    chosen.scenario.name,
  );
  const { metrics } = world;
  const { beforeScenario, afterScenario, engine } = chosen.scenario;
  try {
    if (engine !== 'http') await openEngine(session, chosen.scenario, chosen.socketioOptions);
    // Artillery turns these hooks into function steps in its HTTP engine only.
    if (engine === 'http' && beforeScenario.length > 0) await runScenarioHooks(beforeScenario, session);
    await runSteps(chosen.flow, session);
    if (engine === 'http' && afterScenario.length > 0) await runScenarioHooks(afterScenario, session);
  } catch (error) {
    return vuFailed(world, chosen, error);
  } finally {
    closeEngine(session);
  }
  const sessionLength = session.testNow() - iteration.intendedStartMs;
  metrics.counter(chosen.completedGroup);
  metrics.counter(METRIC.vusersFailed, 0);
  metrics.summary(chosen.sessionGroup, sessionLength);
  return { state: 'completed' };
}

async function runScenarioHooks(hooks: readonly string[], session: VuSession): Promise<void> {
  for (const hook of hooks) await runFunctionStep(hook, session);
}

function vuFailed(world: FlowWorld, chosen: RunnableScenario, error: unknown): IterationOutcome {
  if (error instanceof VuFailure && error.code === ABORTED) {
    world.metrics.counter(METRIC.vusersInterrupted);
    return { state: 'failed', errorCode: ABORTED };
  }
  world.metrics.counter(chosen.failedMetric);
  const code = error instanceof VuFailure ? error.code : errorName(error);
  // A VuFailure was counted where it happened; anything else is a bug in a hook or here.
  if (!(error instanceof VuFailure)) world.metrics.counter(`${METRIC.errors}${code}`);
  world.metrics.counter(METRIC.vusersFailed);
  return { state: 'failed', errorCode: code };
}

export function createWorld(script: LoadScript, deps: VuRunnerDeps): FlowWorld {
  return {
    script,
    http: deps.http,
    metrics: deps.metrics,
    clock: deps.clock,
    testZeroMs: deps.testZeroMs ?? 0,
    random: deps.random,
    logger: deps.logger ?? silentLogger,
    env: deps.env ?? {},
    ...(deps.processor === undefined ? {} : { processor: deps.processor }),
    events: createProcessorEvents(deps.metrics),
    templates: new TemplateCache(),
    ...defaultCookiesOf(script),
    files: deps.assets?.files ?? {},
    ...(deps.readUpload === undefined ? {} : { readUpload: deps.readUpload }),
    ...(deps.realtime === undefined ? {} : { realtime: deps.realtime }),
    onUndefined: warnOnce(
      deps.logger ?? silentLogger,
      (source) =>
        `the template variable "${source}" is not defined: it is sent as undefined, as Artillery does`,
    ),
    onMissingHook: warnOnce(
      deps.logger ?? silentLogger,
      (name) => `the processor has no function "${name}": the hook is skipped, as Artillery does`,
    ),
  };
}

function defaultCookiesOf(script: LoadScript): { defaultCookies?: CompiledTemplate } {
  const cookies = script.http.defaultCookies;
  return Object.keys(cookies).length === 0 ? {} : { defaultCookies: compileTemplate(cookies) };
}

/** A warning said once per name (per runner), however many VUs meet it. */
function warnOnce(logger: Logger, message: (name: string) => string): (name: string) => void {
  const seen = new Set<string>();
  return (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    logger.warn(message(name));
  };
}

function runnableScenarios(script: LoadScript, processor: ProcessorModule | undefined): RunnableScenario[] {
  const runnable: RunnableScenario[] = [];
  let upTo = 0;
  for (const scenario of script.scenarios) {
    if (!scenario.supported || scenario.weight <= 0) continue;
    upTo += scenario.weight;
    const flow = compileSteps(scenario.flow, script, scenario, processor);
    const prefix = `perfgate.scenario.${scenario.name}`;
    runnable.push({
      scenario,
      flow,
      upTo,
      createdGroup: [METRIC.vusersCreated, `${METRIC.vusersCreatedByName}${scenario.name}`],
      completedGroup: [METRIC.vusersCompleted, `${prefix}.completed`],
      sessionGroup: [METRIC.sessionLength, `${prefix}.session_length`],
      failedMetric: `${prefix}.failed`,
      ...(scenario.engine === 'socketio'
        ? { socketioOptions: compileTemplate({ ...script.realtime.socketio, ...scenario.socketio }) }
        : {}),
    });
  }
  return runnable;
}
