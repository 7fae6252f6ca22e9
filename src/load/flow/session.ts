import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { HttpClient, MetricsRecorder } from '../contracts.js';
import type { RealtimeTransports, SocketIoSocket, WebSocketConnection } from '../engines/contracts.js';
import type { LoadScript } from '../script/model.js';
import { type TemplateScope, vuUuid } from '../template/builtins.js';
import type { CompiledTemplate, TemplateCache } from '../template/compile.js';
import type { CookieJar } from './cookies.js';
import { ABORTED, METRIC } from './metric-names.js';
import type { ReadUpload } from './multipart.js';
import type { ProcessorContext, ProcessorEvents, ProcessorModule } from './processor.js';

/** What every VU of one runner shares: the world, injected. */
export interface FlowWorld {
  readonly script: LoadScript;
  readonly http: HttpClient;
  readonly metrics: MetricsRecorder;
  readonly clock: Clock;
  /** Monotonic reading of the test's zero, so `clock.monotonic() - testZeroMs` is test time. */
  readonly testZeroMs: number;
  readonly random: () => number;
  readonly logger: Logger;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly processor?: ProcessorModule;
  readonly events: ProcessorEvents;
  /** For request params rewritten by `beforeRequest` hooks (templated after the hooks run). */
  readonly templates: TemplateCache;
  /** `formData` files, read before the test (ScriptAssets.files). */
  readonly files: Readonly<Record<string, Uint8Array>>;
  /** Reads a templated `formData` file when its request is sent. */
  readonly readUpload?: ReadUpload;
  /** `http.defaults.cookie`, compiled once; sent with every request (undefined: none). */
  readonly defaultCookies?: CompiledTemplate;
  /** Warns once per name about a template variable that rendered as `undefined`. */
  readonly onUndefined: (source: string) => void;
  /** Warns once per name about a `beforeRequest`/`afterResponse` hook the processor lacks. */
  readonly onMissingHook: (name: string) => void;
  /** Opens WebSocket and Socket.IO connections (ws and socketio scenarios). */
  readonly realtime?: RealtimeTransports;
}

/** A VU's open connections of the ws and socketio engines, closed when its scenario ends. */
export interface RealtimeConnections {
  ws?: WebSocketConnection;
  /** Socket.IO sockets by namespace (`''` is the default one). */
  readonly sockets: Map<string, SocketIoSocket>;
}

/** A failure that ends the VU; the step that raised it has already counted `errors.<code>`. */
export class VuFailure extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'VuFailure';
  }
}

/** One VU's state while its scenario runs. */
export class VuSession {
  #scope: TemplateScope | undefined;
  #context: ProcessorContext | undefined;
  /** The ws/socketio engines' connections (undefined for HTTP scenarios). */
  realtime: RealtimeConnections | undefined;
  /** socketio scenarios: `config.socketio` with the scenario's `socketio` over it, compiled. */
  socketioOptions: CompiledTemplate | undefined;
  /**
   * Intended test time of the next request: the arrival, then each step's end, plus the think
   * time scheduled since. A request that starts later than this was delayed by the generator.
   */
  cursorMs: number;

  constructor(
    readonly world: FlowWorld,
    readonly vars: Record<string, unknown>,
    readonly jar: CookieJar,
    readonly signal: AbortSignal,
    intendedStartMs: number,
    readonly scenarioName: string,
  ) {
    this.cursorMs = intendedStartMs;
  }

  /** What templates see; built on first use (a flow of fixed requests never renders). */
  get scope(): TemplateScope {
    this.#scope ??= {
      vars: this.vars,
      env: this.world.env,
      random: this.world.random,
      onUndefined: this.world.onUndefined,
      ...environmentOf(this.world.script),
    };
    return this.#scope;
  }

  /** What processor functions get as `context`; built on first use. */
  get context(): ProcessorContext {
    if (this.#context === undefined) {
      const { vars } = this;
      const random = this.world.random;
      const session = this;
      this.#context = {
        vars,
        scenario: { name: this.scenarioName },
        get _uid() {
          return vuUuid(vars, random);
        },
        get _jar() {
          return session.jar.tough;
        },
        // The engines' own sockets, where Artillery's processors find them.
        get ws() {
          return session.realtime?.ws?.raw;
        },
        get sockets() {
          const sockets = session.realtime?.sockets ?? new Map();
          return Object.fromEntries([...sockets].map(([namespace, socket]) => [namespace, socket.raw]));
        },
      };
    }
    return this.#context;
  }

  testNow(): number {
    return this.world.clock.monotonic() - this.world.testZeroMs;
  }

  /** After a step that took real time: the next request is not due before now. */
  catchUp(): void {
    this.cursorMs = Math.max(this.cursorMs, this.testNow());
  }

  /**
   * Waits for user code (a processor hook or condition) but gives up when the test ends: a
   * hook that never calls `done` must not keep the run alive.
   */
  untilAborted<T>(work: Promise<T>): Promise<T> {
    const { signal } = this;
    if (signal.aborted) return Promise.reject(new VuFailure(ABORTED));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new VuFailure(ABORTED));
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /** Counts `errors.<code>` and ends the VU. */
  fail(code: string): never {
    this.world.metrics.counter(`${METRIC.errors}${code}`);
    throw new VuFailure(code);
  }
}

function environmentOf(script: LoadScript): { environment?: string } {
  return script.environment === undefined ? {} : { environment: script.environment };
}
