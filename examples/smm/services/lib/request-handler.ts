import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector } from './faults.js';
import { errorResponse, HttpError, readJsonBody, type ServiceResponse, writeResponse } from './http-json.js';
import type { ServiceMetrics } from './metrics.js';
import { matchRoute, type Route } from './router.js';

/** What the server knows about a finished request; services may record more from it. */
export interface FinishedRequest {
  /** The route pattern (`/api/models/:id`), or `unmatched`, so label cardinality stays bounded. */
  readonly route: string;
  readonly method: string;
  readonly status: number;
  readonly durationSeconds: number;
}

export interface RequestHandlerOptions {
  readonly routes: readonly Route[];
  readonly faults: FaultInjector;
  readonly metrics: ServiceMetrics;
  readonly onRequestFinished?: (request: FinishedRequest) => void;
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function methodLabel(method: string | undefined): string {
  const upper = (method ?? '').toUpperCase();
  return KNOWN_METHODS.has(upper) ? upper : 'OTHER';
}

/** Runs routing, faults and the handler; returns the answer and the route label to record. */
async function respond(
  req: IncomingMessage,
  url: URL,
  options: RequestHandlerOptions,
): Promise<{ response: ServiceResponse; route: string }> {
  // The admin endpoints stay responsive under a stall, so a demo can always switch it off again.
  if (!url.pathname.startsWith('/admin/')) await options.faults.stall();
  const match = matchRoute(options.routes, req.method ?? 'GET', url.pathname);
  if (match.kind === 'not-found') {
    return {
      response: errorResponse(new HttpError(404, `no route for ${url.pathname}`)),
      route: 'unmatched',
    };
  }
  if (match.kind === 'method-not-allowed') {
    const error = new HttpError(405, `method ${req.method} not allowed`, [], {
      allow: match.allowed.join(', '),
    });
    return { response: errorResponse(error), route: match.path };
  }
  const route = match.route.path;
  try {
    if (route.startsWith('/api/')) await options.faults.disturbApiRequest();
    const context = { params: match.params, query: url.searchParams, readJson: () => readJsonBody(req) };
    return { response: await match.route.handler(context), route };
  } catch (error) {
    if (error instanceof HttpError) return { response: errorResponse(error), route };
    console.error(error);
    return { response: errorResponse(new HttpError(500, 'internal error')), route };
  }
}

export function createRequestHandler(
  options: RequestHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const startedAt = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void respond(req, url, options).then(({ response, route }) => {
      writeResponse(res, response);
      const finished: FinishedRequest = {
        route,
        method: methodLabel(req.method),
        status: response.status,
        durationSeconds: (performance.now() - startedAt) / 1000,
      };
      options.metrics.requestsTotal.inc({
        route: finished.route,
        method: finished.method,
        status: String(finished.status),
      });
      options.onRequestFinished?.(finished);
    });
  };
}
