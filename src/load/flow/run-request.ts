import type { HttpFailure, HttpRequestSpec, HttpResponse } from '../contracts.js';
import { applyCaptures, applyMatches } from './capture.js';
import type { CompiledRequest } from './compile-steps.js';
import { COOKIE_PARSE_ERROR } from './cookies.js';
import { runErrorHook, runRequestHook } from './hooks.js';
import { ABORTED, FAILED_EXPECTATIONS, GOT_REQUEST_ERROR, METRIC } from './metric-names.js';
import { multipartFields, withMultipartBody } from './multipart.js';
import {
  type FixedRequest,
  invalidUrl,
  type RenderedParams,
  rawParams,
  renderRaw,
  sendsBodyItCannot,
  toHttpSpec,
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
  if (request.ifTrue === undefined && request.probability === undefined && request.fixed !== undefined)
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
  if (request.probability !== undefined && !probableEnough(request.probability, session)) return;
  if (request.ifTrue && !request.ifTrue(session)) return;
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
    multipart === undefined
      ? built
      : await withMultipartBody(built, multipart, session.world.files, session.world.readUpload);
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

/** Artillery's `isProbableEnough`: a whole number drawn from 0–100 must be below the probability. */
function probableEnough(probability: number, session: VuSession): boolean {
  return Math.floor(session.world.random() * 101) < probability;
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
  if (result.hasSetCookie !== false) storeCookies(result, spec.url, session);
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

/** A response's `set-cookie` into the VU's jar; lines it cannot read are counted as Artillery counts them. */
function storeCookies(response: HttpResponse, url: string, session: VuSession): void {
  const unreadable = session.jar.store(response.headers['set-cookie'], url);
  if (unreadable > 0) session.world.metrics.counter(`${METRIC.errors}${COOKIE_PARSE_ERROR}`, unreadable);
}

/** The precomputed request with this VU's timing, signal and cookies (if the target set any). */
function fixedSpec(request: CompiledRequest, fixed: FixedRequest, session: VuSession): HttpRequestSpec {
  const cookie = session.jar.header(fixed.url);
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

/** The jar's cookies replace a `cookie` header the script wrote, as Artillery's HTTP client (got) does. */
function withCookie(headers: Readonly<Record<string, string>>, cookie: string): Record<string, string> {
  return { ...headers, cookie };
}

async function renderWithHooks(request: CompiledRequest, session: VuSession): Promise<RenderedParams> {
  const { world } = session;
  const raw = rawParams(request.step, world.script.target, world.script.http.defaultHeaders);
  for (const name of request.beforeRequest)
    await runRequestHook(name, [raw, session.context, world.events], session);
  return renderRaw(raw, world.script.target, session.scope, world.templates);
}

function buildSpec(request: CompiledRequest, params: RenderedParams, session: VuSession): HttpRequestSpec {
  const invalid = invalidUrl(params.url);
  if (invalid !== undefined) return session.fail(invalid);
  if (sendsBodyItCannot(params)) return session.fail(GOT_REQUEST_ERROR);
  try {
    const cookieHeader = session.jar.header(params.url, requestCookies(params, session));
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

/** The default cookies (templated for this VU) with the request's own `cookie:` map over them. */
function requestCookies(params: RenderedParams, session: VuSession): Record<string, unknown> | undefined {
  const defaults = session.world.defaultCookies;
  if (defaults === undefined) return params.cookie;
  const rendered = defaults(session.scope) as Record<string, unknown>;
  return params.cookie === undefined ? rendered : { ...rendered, ...params.cookie };
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
    await runRequestHook(
      name,
      [ownParams, artilleryResponse, session.context, session.world.events],
      session,
    );
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
    await runErrorHook(
      name,
      [error, structuredClone(params), session.context, session.world.events],
      session,
    );
  }
}
