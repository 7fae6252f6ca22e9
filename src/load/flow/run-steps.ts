import { runEmit } from '../engines/socketio-engine.js';
import { runWsSend } from '../engines/ws-engine.js';
import { thinkDurationMs } from '../script/artillery-duration.js';
import { stringify } from '../template/compile.js';
import type { CompiledStep } from './compile-steps.js';
import { runFunctionStep } from './hooks.js';
import { ABORTED, undefinedFunctionError } from './metric-names.js';
import { callCondition, findFunction } from './processor.js';
import { runRequest } from './run-request.js';
import { VuFailure, type VuSession } from './session.js';

/** Runs steps in order; throws `VuFailure` when the VU must end. */
export function runSteps(steps: readonly CompiledStep[], session: VuSession): Promise<void> {
  if (steps.length !== 1) return runStepsInOrder(steps, session);
  // One step (a flow of one request is common): its promise is the flow's, no frame of our own.
  if (session.signal.aborted) return Promise.reject(new VuFailure(ABORTED));
  try {
    return runStep(steps[0] as CompiledStep, session) ?? Promise.resolve();
  } catch (error) {
    return Promise.reject(error);
  }
}

async function runStepsInOrder(steps: readonly CompiledStep[], session: VuSession): Promise<void> {
  // Indexed: an array iterator held across an await is one more object per VU.
  for (let index = 0; index < steps.length; index++) {
    if (session.signal.aborted) throw new VuFailure(ABORTED);
    await runStep(steps[index] as CompiledStep, session);
  }
}

function runStep(step: CompiledStep, session: VuSession): Promise<void> | undefined {
  switch (step.kind) {
    case 'request':
      return runRequest(step.request, session);
    case 'think':
      return think(withJitter(thinkDurationMs(step.seconds(session.scope)), session), session);
    case 'log':
      session.world.logger.info(stringify(step.message(session.scope)));
      return;
    case 'function':
      return runFunctionStep(step.name, session);
    case 'parallel':
      return runParallel(step.requests, session);
    case 'loop':
      return runLoop(step, session);
    case 'ws-send':
      return runWsSend(step, session);
    case 'socketio-emit':
      return runEmit(step, session);
    case 'invalid':
      return session.fail(step.error);
  }
}

/** Artillery's think jitter: uniform in [ms − j, ms + j], never below 0. */
function withJitter(ms: number, session: VuSession): number {
  const jitter = session.world.script.http.thinkJitter;
  if (!jitter || ms <= 0) return ms;
  const spread = jitter.kind === 'ms' ? jitter.value : (ms * jitter.value) / 100;
  return Math.max(0, ms + (session.world.random() * 2 - 1) * spread);
}

/**
 * The next request is intended `ms` after the previous step ended; sleep until then (not for
 * `ms` from now), so a slow wake-up or a busy event loop counts against the generator as queue
 * time on the next request instead of silently stretching the think.
 */
async function think(ms: number, session: VuSession): Promise<void> {
  if (ms <= 0) return;
  session.cursorMs += ms;
  const wait = session.cursorMs - session.testNow();
  if (wait <= 0) return;
  try {
    await session.world.clock.sleep(wait, session.signal);
  } catch {
    throw new VuFailure(ABORTED);
  }
}

async function runParallel(
  requests: Extract<CompiledStep, { kind: 'parallel' }>['requests'],
  session: VuSession,
): Promise<void> {
  // Every request starts from the same intended time; the step ends with the last response.
  const results = await Promise.allSettled(requests.map((request) => runRequest(request, session)));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

type LoopStep = Extract<CompiledStep, { kind: 'loop' }>;

/**
 * Artillery's loop: `$loopCount` counts from `from`; with `whileTrue` the body runs first and the
 * function (seeing the next `$loopCount`) decides after each pass whether to go again — count
 * and over are then ignored, as in Artillery.
 */
async function runLoop(step: LoopStep, session: VuSession): Promise<void> {
  const { vars } = session;
  const saved = { index: vars[step.indexVar], element: vars[step.elementVar] };
  const whileTrue =
    step.whileTrue === undefined ? undefined : findFunction(session.world.processor, step.whileTrue);
  if (step.whileTrue !== undefined && !whileTrue) session.fail(undefinedFunctionError(step.whileTrue));
  const { items, from, to } = whileTrue
    ? { from: 0, to: Number.POSITIVE_INFINITY }
    : loopRange(step, session);
  for (let index = from; index < to; index++) {
    vars[step.indexVar] = index;
    if (items !== undefined) vars[step.elementVar] = items[index];
    await runSteps(step.steps, session);
    if (whileTrue) {
      vars[step.indexVar] = index + 1;
      if (!(await session.untilAborted(callCondition(whileTrue, session.context)))) break;
    }
    // An unbounded loop whose body never waits on I/O would starve the event loop (and the stop signal).
    if (to === Number.POSITIVE_INFINITY && !step.waitsOnIo) await yieldToTimers(session);
  }
  restore(vars, step.indexVar, saved.index);
  restore(vars, step.elementVar, saved.element);
}

/**
 * `over` iterates a list (not a list: no iterations); `count` is a number or Artillery's
 * `"from-to"` range (`$loopCount` runs from `from` up to, not including, `to`); neither: no bound.
 */
function loopRange(
  step: LoopStep,
  session: VuSession,
): { items?: readonly unknown[]; from: number; to: number } {
  if (step.over) {
    const over = step.over(session.scope);
    const items = Array.isArray(over) ? over : [];
    return { items, from: 0, to: items.length };
  }
  if (!step.count) return { from: 0, to: Number.POSITIVE_INFINITY };
  const count = step.count(session.scope);
  const range = typeof count === 'string' ? /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(count) : null;
  if (range) return { from: Number(range[1]), to: Number(range[2]) };
  const to = Number(count);
  return { from: 0, to: Number.isFinite(to) ? to : 0 };
}

async function yieldToTimers(session: VuSession): Promise<void> {
  try {
    await session.world.clock.sleep(0, session.signal);
  } catch {
    throw new VuFailure(ABORTED);
  }
}

/** Nested loops: the outer loop's `$loopCount`/`$loopElement` come back when the inner one ends. */
function restore(vars: Record<string, unknown>, name: string, value: unknown): void {
  if (value === undefined) delete vars[name];
  else vars[name] = value;
}
