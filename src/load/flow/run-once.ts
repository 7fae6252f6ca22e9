import type { LoadScript } from '../script/model.js';
import { compileSteps } from './compile-steps.js';
import { CookieJar } from './cookies.js';
import { errorName } from './processor.js';
import { runSteps } from './run-steps.js';
import { VuFailure, VuSession } from './session.js';
import { createWorld, type VuRunnerDeps } from './vu-runner.js';

export type OnceFlowResult =
  | { readonly state: 'ok'; readonly vars: Record<string, unknown> }
  | { readonly state: 'failed'; readonly errorCode: string };

/**
 * Runs the script's `before` or `after` flow once (Artillery: before the first phase, after the
 * last VU). The variables it captured come back so every VU can start with them
 * (`createVuRunner(script, { ...deps, sharedVars: result.vars })`). A script without that
 * flow gives `{ state: 'ok', vars: {} }`.
 */
export async function runFlowOnce(
  script: LoadScript,
  which: 'before' | 'after',
  deps: VuRunnerDeps & { readonly signal: AbortSignal },
): Promise<OnceFlowResult> {
  const flow = script[which];
  if (!flow) return { state: 'ok', vars: {} };
  const world = createWorld(script, deps);
  const initial = { ...deps.sharedVars, ...constantVariables(script, deps.random) };
  const vars: Record<string, unknown> = { ...initial, target: script.target };
  const session = new VuSession(
    world,
    vars,
    new CookieJar(world.defaultCookies !== undefined),
    deps.signal,
    0,
    which,
  );
  session.cursorMs = session.testNow();
  try {
    await runSteps(
      compileSteps(flow.flow, script, { beforeRequest: [], afterResponse: [], name: which }, deps.processor),
      session,
    );
  } catch (error) {
    return { state: 'failed', errorCode: error instanceof VuFailure ? error.code : errorName(error) };
  }
  const { $uuid: _uuid, target: _target, ...captured } = vars;
  return { state: 'ok', vars: captured };
}

function constantVariables(script: LoadScript, random: () => number): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(script.variables)) {
    vars[name] = Array.isArray(value) ? value[Math.floor(random() * value.length)] : value;
  }
  return vars;
}
