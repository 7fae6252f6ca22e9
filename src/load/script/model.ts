/**
 * The normalised Artillery script: what `parseScript` produces and the rest of the load engine
 * consumes. Plain, structured-cloneable data (no functions), so it can be posted to worker
 * threads as is. Times are milliseconds. Values that may hold `{{ }}` templates are kept raw
 * (`TemplateSource`) and compiled once by the VU runner.
 */

import type { Fault } from '../faults/model.js';
import type { Step, TemplateSource } from './model-steps.js';

/** Artillery's open model, arrivals spread uniformly; `rampTo` ramps the rate linearly. */
export interface ArrivalPhase {
  readonly kind: 'arrival';
  readonly durationMs: number;
  /** New VUs per second at the start of the phase (may be fractional, may be 0 with `rampTo`). */
  readonly arrivalRate: number;
  readonly rampTo?: number;
  readonly maxVusers?: number;
  readonly name?: string;
}

/** Exactly `arrivalCount` VUs spread uniformly over the duration. */
export interface CountPhase {
  readonly kind: 'count';
  readonly durationMs: number;
  readonly arrivalCount: number;
  readonly maxVusers?: number;
  readonly name?: string;
}

export interface PausePhase {
  readonly kind: 'pause';
  readonly pauseMs: number;
  readonly name?: string;
}

/** perfgate extension: `concurrency` VUs each running scenarios back to back (k6 constant-vus). */
export interface ClosedPhase {
  readonly kind: 'closed';
  readonly durationMs: number;
  readonly concurrency: number;
  readonly name?: string;
}

/** perfgate extension: iterations started at a fixed rate; late ones dropped (k6 constant-arrival-rate). */
export interface ConstantRpsPhase {
  readonly kind: 'constant-rps';
  readonly durationMs: number;
  readonly rps: number;
  readonly maxVusers?: number;
  readonly name?: string;
}

export type Phase = ArrivalPhase | CountPhase | PausePhase | ClosedPhase | ConstantRpsPhase;

export interface HttpSettings {
  /** Response timeout (Artillery's `http.timeout`/`timeout`, seconds in the script). Default 10 s. */
  readonly timeoutMs: number;
  /** One shared keep-alive pool of this many connections for all VUs. */
  readonly pool?: number;
  /** Sockets per VU when `pool` is unset. */
  readonly maxSockets?: number;
  readonly rejectUnauthorized: boolean;
  /** Lower-cased header names; values may hold templates (compiled per VU by the runner). */
  readonly defaultHeaders: Readonly<Record<string, string>>;
  /** `http.defaults.cookie`: cookies every VU starts with. */
  readonly defaultCookies: Readonly<Record<string, string>>;
  /** Send a W3C `traceparent` on every request (default on; `http.traceparent: false` turns it off). */
  readonly traceparent: boolean;
  /** `http.defaults.strictCapture` (default true): a failed capture ends the VU. */
  readonly strictCapture: boolean;
  /** `http.defaults.think.jitter`: each think varies uniformly by ± this many ms or percent. */
  readonly thinkJitter?: { readonly kind: 'ms' | 'percent'; readonly value: number };
  /** `http.extendedMetrics` as written (perfgate always records the request phases). */
  readonly extendedMetrics: boolean;
}

export * from './model-steps.js';

/** How a ws scenario opens its connection: Artillery's `connect` as the flow's first step. */
export interface WsConnect {
  /** A URL (templated) instead of config.target. */
  readonly target?: TemplateSource;
  readonly headers?: Readonly<Record<string, TemplateSource>>;
  readonly subprotocols?: readonly string[];
  /** Other options handed to the WebSocket client. */
  readonly options?: Readonly<Record<string, unknown>>;
  /** A processor function `(wsArgs, context, done)` that may change the URL and options. */
  readonly function?: string;
}

/** `config.ws` and `config.socketio`: the engines' client options, as written. */
export interface RealtimeSettings {
  /** `config.ws`: `headers`, `subprotocols` and options for the WebSocket client. */
  readonly ws: Readonly<Record<string, unknown>>;
  /** `config.socketio`: options for the Socket.IO client (templated per VU). */
  readonly socketio: Readonly<Record<string, unknown>>;
  /** How long a ws or socketio step waits for a reply: `config.timeout` (or `config.ws.timeout`) seconds, default 10. */
  readonly replyTimeoutMs: number;
}

export interface Scenario {
  readonly name: string;
  /** Relative pick weight (default 1); 0 never picked. */
  readonly weight: number;
  /** `false` for scenarios of engines perfgate does not run (ws, socketio, playwright…): never picked. */
  readonly supported: boolean;
  readonly engine: string;
  readonly flow: readonly Step[];
  /** ws scenarios: how the connection is opened (from a first `connect` step). */
  readonly wsConnect?: WsConnect;
  /** socketio scenarios: the scenario's own `socketio` options, over `config.socketio`. */
  readonly socketio?: Readonly<Record<string, unknown>>;
  readonly beforeScenario: readonly string[];
  readonly afterScenario: readonly string[];
  readonly beforeRequest: readonly string[];
  readonly afterResponse: readonly string[];
  /** Called as `fn(error, requestParams, context, events, done)` when a request fails. */
  readonly onError: readonly string[];
}

/** A flow run once before the first phase or after the last VU (`before`/`after`). */
export interface OnceFlow {
  readonly flow: readonly Step[];
}

export interface PayloadSpec {
  /** As written in the script. */
  readonly path: string;
  /** Resolved against the script's directory. */
  readonly resolvedPath: string;
  readonly fields: readonly string[];
  readonly order: 'random' | 'sequence';
  readonly skipHeader: boolean;
  readonly delimiter: string;
  readonly cast: boolean;
  readonly skipEmptyLines: boolean;
  /** With `loadAll`, the whole file is one variable named `name` (a list of row objects). */
  readonly loadAll: boolean;
  readonly name?: string;
  /** `options`: csv-parse options given as they are, over the ones above (Artillery's order). */
  readonly csvOptions?: Readonly<Record<string, unknown>>;
}

/** `ensure` (top-level or plugin): checked once on the aggregate after the run. */
export interface EnsureSpec {
  /** `metric < limit`, strict less-than as Artillery checks it. */
  readonly thresholds: readonly { readonly metric: string; readonly limit: number }[];
  readonly conditions: readonly { readonly expression: string; readonly strict: boolean }[];
  /** Percent of VUs that may fail: (created − completed) / created × 100 <= maxErrorRate. */
  readonly maxErrorRate?: number;
  /** The expect plugin is on: a failed expectation fails the run (Artillery exits 21). */
  readonly expectations?: true;
  /** Legacy `p95: 200` style: `http.response_time.<stat> < limit`. */
  readonly legacy: readonly {
    readonly stat: 'min' | 'max' | 'median' | 'p95' | 'p99';
    readonly limit: number;
  }[];
}

export interface ExpectSettings {
  readonly enabled: boolean;
  /** With `reportFailuresAsErrors`, a failed expectation also fails the VU. */
  readonly reportFailuresAsErrors: boolean;
}

export interface MetricsByEndpointSettings {
  readonly useOnlyRequestNames: boolean;
  readonly stripQueryString: boolean;
  readonly ignoreUnnamedRequests: boolean;
  readonly metricsNamespace: string;
}

export interface LoadScript {
  /** Absolute or as-given path of the script file (for messages and relative paths). */
  readonly file: string;
  /** Base URL; requests with absolute URLs ignore it. */
  readonly target: string;
  readonly phases: readonly Phase[];
  readonly http: HttpSettings;
  readonly scenarios: readonly Scenario[];
  readonly before?: OnceFlow;
  readonly after?: OnceFlow;
  readonly payloads: readonly PayloadSpec[];
  /** `config.variables`: a list value gives each VU one random element. */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly ensure: EnsureSpec;
  readonly expect: ExpectSettings;
  readonly metricsByEndpoint: MetricsByEndpointSettings;
  /** The ws and socketio engines' settings (empty for HTTP-only scripts). */
  readonly realtime: RealtimeSettings;
  /** Resolved against the script's directory. */
  readonly processorPath?: string;
  /**
   * A JS/TS script module whose `config.processor` is an object of functions: functions cannot be
   * sent to worker threads, so each worker imports this module again to get them.
   */
  readonly processorInModule?: string;
  /** The `-e` environment chosen, if any (`{{ $environment }}`). */
  readonly environment?: string;
  /** perfgate's `config.faults`: `perfgate load` puts a fault proxy in front of `target`. */
  readonly faults?: readonly Fault[];
  /** Features loaded but not run or not fully honoured (unknown engines, plugins, keys). */
  readonly warnings: readonly string[];
}

/** One problem in a script, located in its source: printed as `FILE:LINE:COL path: message`. */
export type { LocatedIssue } from '../../core/located-issue.js';
