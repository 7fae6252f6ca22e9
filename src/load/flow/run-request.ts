import type { HttpFailure, HttpRequestSpec, HttpResponse } from '../contracts.js';
import { applyCaptures, applyMatches } from './capture.js';
import type { CompiledRequest } from './compile-steps.js';
import { ABORTED, FAILED_EXPECTATIONS, METRIC, undefinedFunctionError } from './metric-names.js';
import { callHook, errorName, findFunction } from './processor.js';
import {
  type FixedRequest,
  multipartFields,
  type RenderedParams,
  rawParams,
  renderRaw,
  toHttpSpec,
  withMultipartBody,
} from './request-params.js';
import { recordExtended, recordFailure, recordResponse } from './response-metrics.js';
import { ResponseView } from './response-view.js';
import { VuFailure, type VuSession } from './session.js';

/**
 * One request step: `ifTrue`, `beforeRequest` hooks, templating, the request itself (from the
 * VU's intended time), metrics, cookies, captures, expectations, `afterResponse` hooks.
 * Throws `VuFailure` when the VU must end (request error, strict capture, failing hook).
 */
export function runRequest(request: CompiledRequest, session: VuSession): Promise<void> {
  if (request.ifTrue === undefined && request.fixed !== undefined)
    return runFixedRequest(request, request.fixed, session);
  return runRenderedRequest(request, session);
}

/** The common case kept to one await (an async function's frame and awaits are per request). */
async function runFixedRequest(
  request: CompiledRequest,
  fixed: FixedRequest,
  session: VuSession,
): Promise<void> {
  const spec = fixedSpec(request, fixed, session);
  countRequest(session);
  settle(request, spec, await session.world.http.request(spec), session);
}

async function runRenderedRequest(request: CompiledRequest, session: VuSession): Promise<void> {
  if (request.ifTrue && !(await request.ifTrue(session))) return;
  const fixed = request.fixed;
  // A fixed request needs no rendering; hooks make rendering async, else it stays synchronous.
  const params =
    fixed !== undefined
      ? undefined
      : request.beforeRequest.length === 0
        ? request.render(session.scope)
        : await renderWithHooks(request, session);
  const built =
    params === undefined
      ? fixedSpec(request, fixed as FixedRequest, session)
      : buildSpec(request, params, session);
  const multipart = params === undefined ? undefined : multipartFields(params);
  const spec =
    multipart === undefined ? built : await withMultipartBody(built, multipart, session.world.files);
  countRequest(session);
  const result = await session.world.http.request(spec);
  if (result.state === 'error' && params && request.onError.length > 0 && !session.signal.aborted) {
    advanceCursor(spec, result, session);
    recordError(request, result, session);
    await onError(request, params, result, session);
    throw new VuFailure(result.code);
  }
  settle(request, spec, result, session);
  if (params) await afterResponse(request, params, result as HttpResponse, session);
}

function countRequest(session: VuSession): void {
  const { metrics } = session.world;
  metrics.counter(METRIC.requests);
  metrics.rate(METRIC.requestRate);
}

/**
 * What follows every response or failure: the session's cursor, metrics, cookies, captures and
 * expectations; a failure (or a failed strict capture) throws VuFailure.
 */
function settle(
  request: CompiledRequest,
  spec: HttpRequestSpec,
  result: HttpResponse | HttpFailure,
  session: VuSession,
): void {
  advanceCursor(spec, result, session);
  if (result.state === 'error') {
    if (session.signal.aborted) throw new VuFailure(ABORTED);
    recordError(request, result, session);
    throw new VuFailure(result.code);
  }
  const { metrics } = session.world;
  recordResponse(metrics, result, request.metricNames);
  if (session.world.script.http.extendedMetrics) recordExtended(metrics, result);
  if (result.hasSetCookie !== false) session.jar.store(result.headers['set-cookie']);
  if (request.captures.length + request.matches.length + request.expectations.length > 0) {
    const view = new ResponseView(result);
    applyCaptures(request.captures, view, session);
    applyMatches(request.matches, view, session);
    checkExpectations(request, view, session);
  }
}

/** The next step is due from when this response really ended, not from when we noticed. */
function advanceCursor(spec: HttpRequestSpec, result: HttpResponse | HttpFailure, session: VuSession): void {
  const endedAt =
    spec.intendedStartMs + (result.state === 'response' ? result.timings.totalMs : result.elapsedMs);
  if (endedAt > session.cursorMs) session.cursorMs = endedAt;
}

/** Counted before any onError hook runs, so a failing hook cannot hide the request's error. */
function recordError(request: CompiledRequest, failure: HttpFailure, session: VuSession): void {
  const { metrics } = session.world;
  recordFailure(metrics, failure, request.metricNames);
  metrics.counter(`${METRIC.errors}${failure.code}`);
}

/** The precomputed request with this VU's timing, signal and cookies (if the target set any). */
function fixedSpec(request: CompiledRequest, fixed: FixedRequest, session: VuSession): HttpRequestSpec {
  const cookie = session.jar.header();
  return {
    method: fixed.method,
    url: fixed.url,
    headers: cookie === undefined ? fixed.headers : withCookie(fixed.headers, cookie),
    body: fixed.body,
    timeoutMs: session.world.script.http.timeoutMs,
    followRedirect: request.step.followRedirect,
    intendedStartMs: session.cursorMs,
    needsBody: request.needsBody,
    signal: session.signal,
  };
}

function withCookie(headers: Readonly<Record<string, string>>, cookie: string): Record<string, string> {
  const own = headers.cookie;
  return { ...headers, cookie: own ? `${own}; ${cookie}` : cookie };
}

async function renderWithHooks(request: CompiledRequest, session: VuSession): Promise<RenderedParams> {
  const { world } = session;
  const raw = rawParams(request.step, world.script.target, world.script.http.defaultHeaders);
  for (const name of request.beforeRequest)
    await runHook(name, [raw, session.context, world.events], session);
  return renderRaw(raw, world.script.target, session.scope, world.templates);
}

function buildSpec(request: CompiledRequest, params: RenderedParams, session: VuSession): HttpRequestSpec {
  try {
    const cookie = params.cookie;
    const cookieHeader = session.jar.header(cookie);
    return toHttpSpec(params, {
      ...(cookieHeader === undefined ? {} : { cookieHeader }),
      timeoutMs: session.world.script.http.timeoutMs,
      followRedirect: request.step.followRedirect,
      intendedStartMs: session.cursorMs,
      needsBody: request.needsBody,
      signal: session.signal,
    });
  } catch {
    return session.fail('ERR_INVALID_URL');
  }
}

/** Counts each check as the expect plugin does; with `reportFailuresAsErrors` a failure ends the VU. */
function checkExpectations(request: CompiledRequest, view: ResponseView, session: VuSession): void {
  if (request.expectations.length === 0) return;
  const { metrics } = session.world;
  let failed = false;
  for (const expectation of request.expectations) {
    let ok: boolean;
    try {
      ok = expectation.check(view, session.scope);
    } catch {
      ok = false;
    }
    failed ||= !ok;
    metrics.counter(`${ok ? METRIC.expectOk : METRIC.expectFailed}.${expectation.kind}`);
  }
  metrics.counter(failed ? METRIC.expectFailed : METRIC.expectOk);
  if (failed && session.world.script.expect.reportFailuresAsErrors) session.fail(FAILED_EXPECTATIONS);
}

async function afterResponse(
  request: CompiledRequest,
  params: RenderedParams,
  response: HttpResponse,
  session: VuSession,
): Promise<void> {
  if (request.afterResponse.length === 0) return;
  // Hooks may mutate what they get; the compiled params are shared between VUs.
  const ownParams = structuredClone(params);
  const artilleryResponse = {
    statusCode: response.status,
    headers: response.headers,
    body: response.body,
    timings: response.timings,
  };
  for (const name of request.afterResponse) {
    await runHook(name, [ownParams, artilleryResponse, session.context, session.world.events], session);
  }
}

/** Artillery's `onError(error, requestParams, context, events, done)`; the VU fails afterwards anyway. */
async function onError(
  request: CompiledRequest,
  params: RenderedParams,
  failure: HttpFailure,
  session: VuSession,
): Promise<void> {
  if (request.onError.length === 0) return;
  const error = Object.assign(new Error(failure.message), { code: failure.code });
  for (const name of request.onError) {
    await runHook(name, [error, structuredClone(params), session.context, session.world.events], session);
  }
}

/** Runs a named processor function; a missing function or a failing one ends the VU. */
export async function runHook(name: string, args: readonly unknown[], session: VuSession): Promise<void> {
  const fn = findFunction(session.world.processor, name);
  if (!fn) session.fail(undefinedFunctionError(name));
  try {
    await session.untilAborted(callHook(fn, args));
  } catch (error) {
    if (error instanceof VuFailure) throw error;
    session.fail(errorName(error));
  }
  session.catchUp();
}
