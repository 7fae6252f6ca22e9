import type { HttpRequestSpec } from '../contracts.js';
import type { HttpMethod, RequestStep } from '../script/model.js';
import type { TemplateScope } from '../template/builtins.js';
import {
  type CompiledTemplate,
  compileTemplate,
  stringify,
  type TemplateCache,
} from '../template/compile.js';

/** A request's options after templating, before they become bytes on the wire. */
export interface RenderedParams {
  url: string;
  method: HttpMethod;
  name?: string;
  headers: Record<string, unknown>;
  qs?: Record<string, unknown>;
  json?: unknown;
  body?: unknown;
  form?: Record<string, unknown>;
  formData?: Record<string, unknown>;
  cookie?: Record<string, unknown>;
  auth?: { user: unknown; pass: unknown };
}

/**
 * What requests accept unless `gzip: false`, as Artillery's default `gzip: true` does: the target
 * compresses as it would for its real clients (bodies a flow reads are decompressed by the client).
 */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Headers before templating: accept-encoding, the script's defaults, the step's own (lower-cased). */
function stepHeaders(step: RequestStep, defaultHeaders: Record<string, string>): Record<string, unknown> {
  const accept = step.gzip === false ? {} : { 'accept-encoding': ACCEPT_ENCODING };
  return { ...accept, ...lowerCaseKeys(defaultHeaders), ...lowerCaseKeys(step.headers ?? {}) };
}

const PARAM_KEYS = ['headers', 'qs', 'json', 'body', 'form', 'formData', 'cookie', 'auth'] as const;

/** The templates of one request step, compiled once when the runner is built. */
export type ParamsRenderer = (scope: TemplateScope) => RenderedParams;

export function compileParams(
  step: RequestStep,
  target: string,
  defaultHeaders: Record<string, string>,
): ParamsRenderer {
  const url = compileTemplate(step.url);
  const headers = compileTemplate(stepHeaders(step, defaultHeaders));
  const optional: [key: (typeof PARAM_KEYS)[number], render: CompiledTemplate][] = [];
  for (const key of PARAM_KEYS) {
    if (key !== 'headers' && step[key] !== undefined) optional.push([key, compileTemplate(step[key])]);
  }
  return (scope) => {
    const params: RenderedParams = {
      url: renderedUrl(target, url(scope)),
      method: step.method,
      headers: headers(scope) as Record<string, unknown>,
      ...(step.name === undefined ? {} : { name: step.name }),
    };
    for (const [key, render] of optional) (params as unknown as Record<string, unknown>)[key] = render(scope);
    return params;
  };
}

/**
 * The raw params handed to `beforeRequest` hooks (Artillery templates after the hooks, so a
 * hook may write `{{ }}` into them), and their rendering once the hooks are done.
 */
export function rawParams(
  step: RequestStep,
  target: string,
  defaultHeaders: Record<string, string>,
): RenderedParams {
  const params: RenderedParams = structuredClone({
    url: joinTarget(target, step.url),
    method: step.method,
    headers: stepHeaders(step, defaultHeaders),
    ...(step.name === undefined ? {} : { name: step.name }),
  });
  for (const key of PARAM_KEYS) {
    if (key !== 'headers' && step[key] !== undefined)
      (params as unknown as Record<string, unknown>)[key] = structuredClone(step[key]);
  }
  return params;
}

export function renderRaw(
  params: RenderedParams,
  target: string,
  scope: TemplateScope,
  cache: TemplateCache,
): RenderedParams {
  const out: RenderedParams = {
    url: renderedUrl(target, cache.render(params.url, scope)),
    method: params.method,
    headers: lowerCaseKeys(cache.render(params.headers ?? {}, scope) as Record<string, unknown>),
    ...(params.name === undefined ? {} : { name: params.name }),
  };
  for (const key of PARAM_KEYS) {
    if (key !== 'headers' && params[key] !== undefined)
      (out as unknown as Record<string, unknown>)[key] = cache.render(params[key], scope);
  }
  return out;
}

/** A templated URL may render as undefined (a lone missing variable): it stays so, and fails as Artillery's does. */
function renderedUrl(target: string, url: unknown): string {
  return url === undefined ? 'undefined' : joinTarget(target, stringify(url));
}

/**
 * Artillery's HTTP client (got 11) refuses a body on GET and HEAD ("The `GET` method cannot be
 * used with a body"): the request is never sent and the VU fails with ERR_GOT_REQUEST_ERROR.
 */
export function sendsBodyItCannot(params: RenderedParams): boolean {
  if (params.method !== 'GET' && params.method !== 'HEAD') return false;
  return (
    params.json !== undefined ||
    params.body !== undefined ||
    params.form !== undefined ||
    params.formData !== undefined
  );
}

/** Turns rendered params into the client's request: query string, body encoding, auth, cookies. */
export function toHttpSpec(
  params: RenderedParams,
  options: {
    cookieHeader?: string;
    timeoutMs: number;
    followRedirect: boolean;
    intendedStartMs: number;
    needsBody: boolean;
    signal: AbortSignal;
  },
): HttpRequestSpec {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.headers)) {
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = stringify(value);
  }
  const body = encodeBody(params, headers);
  if (params.auth) {
    const credentials = `${stringify(params.auth.user)}:${stringify(params.auth.pass)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  // The jar's cookies replace a `cookie` header the script wrote, as got (Artillery's client) does.
  if (options.cookieHeader !== undefined) headers.cookie = options.cookieHeader;
  return {
    method: params.method,
    url: withQuery(params.url, params.qs),
    headers,
    ...(body === undefined ? {} : { body }),
    timeoutMs: options.timeoutMs,
    followRedirect: options.followRedirect,
    intendedStartMs: options.intendedStartMs,
    needsBody: options.needsBody,
    signal: options.signal,
  };
}

function encodeBody(params: RenderedParams, headers: Record<string, string>): string | undefined {
  if (params.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    return JSON.stringify(params.json);
  }
  if (params.form !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(params.form)) form.append(key, stringify(value));
    return form.toString();
  }
  if (params.body !== undefined)
    return typeof params.body === 'string' ? params.body : stringify(params.body);
  return undefined;
}

function withQuery(url: string, qs: Record<string, unknown> | undefined): string {
  if (qs === undefined || Object.keys(qs).length === 0) return url;
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(qs)) {
    for (const item of Array.isArray(value) ? value : [value])
      parsed.searchParams.append(key, stringify(item));
  }
  return parsed.toString();
}

/**
 * Artillery's rule (`maybePrependBase`): a URL that starts with `/` is appended to the target as
 * it is (a target ending with `/` gives `//`, as in Artillery), anything else stands alone, so
 * `url: "users"` is not a URL and the request fails (see `invalidUrl`).
 */
export function joinTarget(target: string, url: string): string {
  return url.startsWith('/') ? target + url : url;
}

/** Artillery's check after templating: a URL that does not start with `http` fails as `Invalid URL - <url>`. */
export function invalidUrl(url: unknown): string | undefined {
  return typeof url === 'string' && url.startsWith('http') ? undefined : `Invalid URL - ${url}`;
}

function lowerCaseKeys<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) out[key.toLowerCase()] = value;
  return out;
}

/** A request with no template anywhere: its URL, headers and body, computed once per runner. */
export interface FixedRequest {
  readonly method: HttpRequestSpec['method'];
  readonly url: string;
  /** Shared by every request of the step (never mutated), so the client can reuse its serialised head. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

/**
 * The request as it will always be sent, when nothing in it is templated and it carries no
 * `cookie:` map of its own (cookies the target sets still go into a `cookie` header per VU).
 */
export function fixedRequest(
  step: RequestStep,
  render: ParamsRenderer,
  defaultHeaders: Record<string, string>,
): FixedRequest | undefined {
  if (step.cookie !== undefined || step.formData !== undefined || step.probability !== undefined)
    return undefined;
  const sources = [step.url, step.headers, defaultHeaders, ...PARAM_KEYS.map((key) => step[key])];
  // Conservative: any `{{` at all (even one that would not parse as a template) takes the rendering path.
  if (JSON.stringify(sources).includes('{{')) return undefined;
  const params = render({ vars: {}, env: {}, random: () => 0 });
  if (invalidUrl(params.url) !== undefined || sendsBodyItCannot(params)) return undefined;
  let spec: HttpRequestSpec;
  try {
    spec = toHttpSpec(params, {
      timeoutMs: 0,
      followRedirect: false,
      intendedStartMs: 0,
      needsBody: false,
      signal: new AbortController().signal,
    });
  } catch {
    return undefined; // an invalid URL fails per request, as it does when rendered
  }
  const fixed: { -readonly [K in keyof FixedRequest]: FixedRequest[K] } = {
    method: spec.method,
    url: spec.url,
    headers: Object.freeze(spec.headers),
  };
  if (spec.body !== undefined) fixed.body = spec.body;
  return fixed;
}
