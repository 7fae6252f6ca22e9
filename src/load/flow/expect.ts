import type { Expectation } from '../script/model.js';
import type { TemplateScope } from '../template/builtins.js';
import { type CompiledTemplate, compileTemplate, stringify } from '../template/compile.js';
import { lookupPath, parsePath } from '../template/expression.js';
import type { ResponseView } from './response-view.js';

export interface CompiledExpectation {
  readonly kind: Expectation['kind'];
  readonly check: (response: ResponseView, scope: TemplateScope) => boolean;
}

/** Compiles one expect-plugin assertion; its expected value may hold templates. */
export function compileExpectation(expectation: Expectation): CompiledExpectation {
  const value = compileTemplate(expectation.value);
  return { kind: expectation.kind, check: CHECKS[expectation.kind](value) };
}

type CheckFactory = (value: CompiledTemplate) => CompiledExpectation['check'];

const CHECKS: Readonly<Record<Expectation['kind'], CheckFactory>> = {
  statusCode: (value) => (response, scope) => statusIn(response.status, value(scope)),
  notStatusCode: (value) => (response, scope) => !statusIn(response.status, value(scope)),
  contentType: (value) => (response, scope) => {
    const expected = stringify(value(scope));
    const actual = response.header('content-type') ?? '';
    return actual.includes(expected === 'json' ? 'application/json' : expected);
  },
  hasProperty: (value) => (response, scope) => hasProperty(response.json(), stringify(value(scope))),
  notHasProperty: (value) => (response, scope) => !hasProperty(response.json(), stringify(value(scope))),
  // As the expect plugin: every value (templated, as text) the same; one value passes.
  equals: (value) => (_response, scope) => new Set(equalsItems(value(scope)).map(String)).size === 1,
  hasHeader: (value) => (response, scope) => response.header(stringify(value(scope))) !== undefined,
  headerEquals: (value) => (response, scope) => {
    const pair = value(scope);
    if (!Array.isArray(pair)) return false;
    return response.header(stringify(pair[0])) === stringify(pair[1]);
  },
  matchesRegexp: (value) => (response, scope) => new RegExp(stringify(value(scope))).test(response.body),
  // A CDN's cache-status header says hit (or stale) for `cdnHit: true`, miss for `cdnHit: false`.
  cdnHit: (value) => (response, scope) => {
    const wanted = value(scope) ? ['hit', 'stale'] : ['miss'];
    return CACHE_STATUS_HEADERS.some((name) => {
      const status = response.header(name)?.toLowerCase();
      return status !== undefined && wanted.some((prefix) => status.startsWith(prefix));
    });
  },
};

/** What lodash `map` walks in the plugin: a list's items, a string's characters, a mapping's values. */
function equalsItems(values: unknown): unknown[] {
  if (Array.isArray(values)) return values;
  if (typeof values === 'string') return [...values];
  if (values !== null && typeof values === 'object') return Object.values(values);
  return [];
}

/** The headers the expect plugin reads for `cdnHit`: Cloudflare, CloudFront/Fastly, Vercel. */
const CACHE_STATUS_HEADERS = ['cf-cache-status', 'x-cache', 'x-vercel-cache'];

function statusIn(status: number, expected: unknown): boolean {
  const list = Array.isArray(expected) ? expected : [expected];
  return list.some((item) => Number(item) === status);
}

function hasProperty(json: unknown, path: string): boolean {
  const parts = parsePath(path);
  return parts !== undefined && lookupPath(json, parts) !== undefined;
}
