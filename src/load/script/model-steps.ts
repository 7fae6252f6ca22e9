/**
 * The steps of a scenario's flow in the normalised script (see model.ts): requests, loops, ws and
 * socket.io steps.
 */

/** A raw script value that may contain `{{ }}` templates (string, number, list, object…). */
export type TemplateSource = unknown;

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
