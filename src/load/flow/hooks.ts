import { METRIC, undefinedFunctionError } from './metric-names.js';
import { callHook, errorName, findFunction, type ProcessorModule, ProcessorThrew } from './processor.js';
import { VuFailure, type VuSession } from './session.js';

/**
 * Processor functions named by the flow, run as Artillery runs them when one is missing:
 * a `function` step (and `beforeScenario`/`afterScenario`, which Artillery turns into function
 * steps) counts `errors.Undefined function "x"` and the VU goes on; a `beforeRequest` or
 * `afterResponse` hook is skipped with a warning. With no processor at all, Artillery's lookup
 * throws a TypeError that ends the VU; perfgate counts the same error. (When the expect plugin
 * is on, Artillery gives the script an empty processor, so the first rule applies.)
 */
export async function runFunctionStep(name: string, session: VuSession): Promise<void> {
  const fn = lookUp(name, session);
  if (!fn) {
    session.world.metrics.counter(`${METRIC.errors}${undefinedFunctionError(name)}`);
    return;
  }
  await callProcessorFunction(fn, [session.context, session.world.events], session);
}

export async function runRequestHook(
  name: string,
  args: readonly unknown[],
  session: VuSession,
): Promise<void> {
  const fn = lookUp(name, session);
  if (!fn) {
    session.world.onMissingHook(name);
    return;
  }
  await callProcessorFunction(fn, args, session);
}

/** `onError` hooks: a missing one is skipped (the VU fails afterwards anyway). */
export async function runErrorHook(
  name: string,
  args: readonly unknown[],
  session: VuSession,
): Promise<void> {
  const fn = findFunction(session.world.processor, name);
  if (fn) await callProcessorFunction(fn, args, session);
}

type ProcessorFunction = NonNullable<ReturnType<typeof findFunction>>;

function lookUp(name: string, session: VuSession): ProcessorFunction | undefined {
  const processor: ProcessorModule | undefined =
    session.world.processor ?? (session.world.script.expect.enabled ? {} : undefined);
  if (processor === undefined) session.fail(`Cannot read properties of undefined (reading '${name}')`);
  return findFunction(processor, name);
}

/** Runs user code until it is done or the test ends; an error it raises ends the VU. */
async function callProcessorFunction(
  fn: ProcessorFunction,
  args: readonly unknown[],
  session: VuSession,
): Promise<void> {
  try {
    await session.untilAborted(callHook(fn, args));
  } catch (error) {
    if (error instanceof VuFailure) throw error;
    if (error instanceof ProcessorThrew) session.world.metrics.counter(METRIC.processorThrew);
    session.fail(errorName(error instanceof ProcessorThrew ? error.cause : error));
  }
  session.catchUp();
}
