import type { ServiceResponse } from './http-json.js';

export interface RequestContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Parses the body as JSON; throws HttpError 400 when it is malformed. */
  readJson(): Promise<unknown>;
}

export type RouteHandler = (context: RequestContext) => Promise<ServiceResponse> | ServiceResponse;

export interface Route {
  readonly method: string;
  /** Path pattern with `:name` segments, e.g. `/api/models/:id`. Also the `route` metric label. */
  readonly path: string;
  readonly handler: RouteHandler;
}

export type RouteMatch =
  | { kind: 'matched'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; path: string; allowed: string[] }
  | { kind: 'not-found' };

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** A malformed escape such as `%E0%A4%A` cannot name anything, so it simply matches no route. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const patternSegments = splitPath(pattern);
  const pathSegments = splitPath(path);
  if (patternSegments.length !== pathSegments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, expected] of patternSegments.entries()) {
    const actual = pathSegments[index] ?? '';
    if (expected.startsWith(':')) {
      const decoded = decodeSegment(actual);
      if (decoded === undefined) return undefined;
      params[expected.slice(1)] = decoded;
    } else if (expected !== actual) return undefined;
  }
  return params;
}

/** Finds the route for a request; a path that exists under another method is a 405, not a 404. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const allowed: string[] = [];
  let matchedPattern: string | undefined;
  for (const route of routes) {
    const params = matchPattern(route.path, path);
    if (params === undefined) continue;
    if (route.method === method) return { kind: 'matched', route, params };
    allowed.push(route.method);
    matchedPattern ??= route.path;
  }
  if (matchedPattern === undefined) return { kind: 'not-found' };
  return { kind: 'method-not-allowed', path: matchedPattern, allowed };
}
