/**
 * The normalised Artillery script: what `parseScript` produces and the rest of the load engine
 * consumes. Plain, structured-cloneable data (no functions), so it can be posted to worker
 * threads as is. Times are milliseconds. Values that may hold `{{ }}` templates are kept raw
 * (`TemplateSource`) and compiled once by the VU runner.
 */

/** A raw script value that may contain `{{ }}` templates (string, number, list, object…). */
export type TemplateSource = unknown;

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

export type Capture =
  | { readonly kind: 'json'; readonly path: string; readonly as: string; readonly strict: boolean }
  | {
      readonly kind: 'regexp';
      readonly pattern: string;
      readonly flags?: string;
      readonly group?: number | string;
      readonly as: string;
      readonly strict: boolean;
    }
  | { readonly kind: 'header'; readonly header: string; readonly as: string; readonly strict: boolean }
  /**
   * A capture that never finds a value, as in Artillery: `xpath` (it needs the optional
   * artillery-xml-capture package) or a capture with no extractor. Strict, it stops the VU.
   */
  | { readonly kind: 'none'; readonly as: string; readonly strict: boolean };

/** Artillery's deprecated `match: { json, value }`: the JSONPath must equal the (templated) value. */
export interface Match {
  readonly json: string;
  readonly value: TemplateSource;
  readonly strict: boolean;
}

/** One expect-plugin assertion; `value` may hold templates. */
export interface Expectation {
  readonly kind:
    | 'statusCode'
    | 'notStatusCode'
    | 'contentType'
    | 'hasProperty'
    | 'notHasProperty'
    | 'equals'
    | 'hasHeader'
    | 'headerEquals'
    | 'matchesRegexp'
    | 'cdnHit';
  readonly value: TemplateSource;
}

/**
 * One `formData` field: a text value, or a file. A file with a fixed path is read once before
 * the test; a templated one (`fromFile: "./files/{{ name }}"`) is read when the request is sent.
 */
export type FormDataField =
  | { readonly kind: 'text'; readonly value: TemplateSource }
  | {
      readonly kind: 'file';
      /** As written in the script (may hold templates). */
      readonly fromFile: string;
      /** The script's directory: `fromFile` is relative to it. */
      readonly baseDir: string;
      /** Resolved when `fromFile` is fixed: the key of the file's bytes in ScriptAssets. */
      readonly resolvedPath?: string;
      /** The part's file name (default: the file's base name). */
      readonly filename?: string;
      /** Default: looked up from the file name, as Artillery's form-data does. */
      readonly contentType?: string;
    };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export interface RequestStep {
  readonly kind: 'request';
  readonly method: HttpMethod;
  /** As written (templated); also the metrics-by-endpoint name when `name` is absent. */
  readonly url: string;
  readonly name?: string;
  readonly headers?: Readonly<Record<string, TemplateSource>>;
  readonly qs?: Readonly<Record<string, TemplateSource>>;
  readonly json?: TemplateSource;
  readonly body?: TemplateSource;
  readonly form?: Readonly<Record<string, TemplateSource>>;
  /** Multipart (`multipart/form-data`) fields: text (templated) or files (`fromFile`). */
  readonly formData?: Readonly<Record<string, FormDataField>>;
  readonly cookie?: Readonly<Record<string, TemplateSource>>;
  readonly auth?: { readonly user: TemplateSource; readonly pass: TemplateSource };
  readonly followRedirect: boolean;
  /** `gzip: false`: no accept-encoding header (Artillery's default is true: compressed responses). */
  readonly gzip?: false;
  readonly captures: readonly Capture[];
  /** Deprecated Artillery `match` checks; a strict mismatch ends the VU like a failed capture. */
  readonly matches?: readonly Match[];
  readonly expectations: readonly Expectation[];
  /** Processor function name or a filtrex expression over the VU's variables; false skips the request. */
  readonly ifTrue?: string;
  /** Artillery's `probability`: the request is sent with this chance in percent (0–100). */
  readonly probability?: number;
  readonly beforeRequest: readonly string[];
  readonly afterResponse: readonly string[];
}

export interface ThinkStep {
  readonly kind: 'think';
  /** Seconds (number, fractions honoured), a duration string such as "500ms", or a template. */
  readonly seconds: TemplateSource;
}

export interface LoopStep {
  readonly kind: 'loop';
  readonly steps: readonly Step[];
  readonly count?: TemplateSource;
  /** A variable name, a template, or a literal list. */
  readonly over?: TemplateSource;
  /** Processor function `(context, next)` deciding whether to loop again. */
  readonly whileTrue?: string;
  /** Variable names for the iteration index and element (Artillery's `loopValue`/`loopElement`). */
  readonly indexVar: string;
  readonly elementVar: string;
}

export interface LogStep {
  readonly kind: 'log';
  readonly message: TemplateSource;
}

export interface FunctionStep {
  readonly kind: 'function';
  readonly name: string;
}

/** Requests sent concurrently within one VU. */
export interface ParallelStep {
  readonly kind: 'parallel';
  readonly steps: readonly RequestStep[];
}

/**
 * The ws engine's message step: `send` (a payload, templated; objects go as JSON) and `wait`.
 * With `capture`/`match` it waits for the next message (within `config.timeout` or
 * `config.ws.timeout` seconds, default 10) and reads it as Artillery does.
 */
export interface WsSendStep {
  readonly kind: 'ws-send';
  readonly payload?: TemplateSource;
  readonly awaitsReply: boolean;
  readonly captures: readonly Capture[];
  readonly matches: readonly Match[];
}

/** A step an engine cannot run: the VU fails with this error, as in Artillery (`invalid_step`). */
export interface InvalidStep {
  readonly kind: 'invalid';
  readonly error: string;
}

/**
 * The socketio engine's `emit` (`{ channel, data }` or `[channel, ...args]`) on a namespace,
 * optionally waiting for a `response` on a channel and/or an `acknowledge`ment. Those two are
 * kept as written (templated when the step runs, as Artillery does).
 */
export interface SocketIoEmitStep {
  readonly kind: 'socketio-emit';
  readonly emit: TemplateSource;
  readonly namespace?: TemplateSource;
  readonly response?: Readonly<Record<string, TemplateSource>>;
  readonly acknowledge?: Readonly<Record<string, TemplateSource>>;
}

export type Step =
  | RequestStep
  | ThinkStep
  | LoopStep
  | LogStep
  | FunctionStep
  | ParallelStep
  | WsSendStep
  | InvalidStep
  | SocketIoEmitStep;

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
  /** Features loaded but not run or not fully honoured (unknown engines, plugins, keys). */
  readonly warnings: readonly string[];
}

/** One problem in a script, located in its source: printed as `FILE:LINE:COL path: message`. */
export type { LocatedIssue } from '../../core/located-issue.js';
