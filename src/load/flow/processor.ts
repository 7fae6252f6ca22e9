import type { MetricsRecorder } from '../contracts.js';

/** The processor module's exports, as the caller imported it (`config.processor`). */
export type ProcessorModule = Readonly<Record<string, unknown>>;

/** `context` as Artillery passes it to hooks: `vars` is the VU's live variable map. */
export interface ProcessorContext {
  vars: Record<string, unknown>;
  scenario: { name: string };
  /** The VU's id (its `$uuid`). */
  readonly _uid: string;
  /** The VU's cookie jar (a tough-cookie `CookieJar`, as in Artillery). */
  readonly _jar: unknown;
  /** ws scenarios: the open WebSocket. */
  readonly ws?: unknown;
  /** socketio scenarios: the sockets by namespace (`''` is the default one). */
  readonly sockets?: Readonly<Record<string, unknown>>;
}

/** Artillery's `events` argument: `emit('counter' | 'histogram' | 'rate', name, value)` records custom metrics. */
export interface ProcessorEvents {
  emit(type: string, name: string, value?: number): boolean;
  on(type: string, listener: unknown): ProcessorEvents;
}

type HookFunction = (...args: unknown[]) => unknown;

export function createProcessorEvents(metrics: MetricsRecorder): ProcessorEvents {
  const events: ProcessorEvents = {
    emit(type, name, value) {
      if (type === 'counter') metrics.counter(name, value ?? 1);
      else if (type === 'histogram' || type === 'summary') metrics.summary(name, value ?? 0);
      else if (type === 'rate') metrics.rate(name);
      else return false;
      return true;
    },
    on() {
      return events;
    },
  };
  return events;
}

export function findFunction(processor: ProcessorModule | undefined, name: string): HookFunction | undefined {
  const candidate = processor?.[name];
  return typeof candidate === 'function' ? (candidate as HookFunction) : undefined;
}

/**
 * A processor function that threw instead of returning or calling `done`: Artillery's worker
 * crashes on this (exit 11); perfgate ends the VU and fails the run (see hooks.ts).
 */
export class ProcessorThrew extends Error {
  constructor(override readonly cause: unknown) {
    super(errorName(cause));
    this.name = 'ProcessorThrew';
  }
}

/**
 * Calls a hook in either of Artillery's styles: callback (`fn(...args, done)`, finished when
 * `done(err?)` is called) or async/sync (finished when its promise settles or it returns).
 * A function that declares the `done` parameter is treated as callback style unless it returns
 * a promise. Rejects with the hook's error.
 */
export function callHook(fn: HookFunction, args: readonly unknown[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const done = (error?: unknown) => {
      if (settled) return;
      settled = true;
      if (error) reject(asError(error));
      else resolve();
    };
    let result: unknown;
    try {
      result = fn(...args, done);
    } catch (error) {
      if (settled) return;
      settled = true;
      reject(new ProcessorThrew(error ?? new Error('hook threw')));
      return;
    }
    if (isThenable(result))
      result.then(
        () => done(),
        (error: unknown) => done(error ?? new Error('hook rejected')),
      );
    else if (fn.length <= args.length) done();
  });
}

/** `whileTrue: fn` is called as `fn(context, next)`; `next(boolean)` (or a returned boolean/promise) decides. */
export function callCondition(fn: HookFunction, context: ProcessorContext): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    let settled = false;
    const next = (value: unknown) => {
      if (settled) return;
      settled = true;
      resolve(Boolean(value));
    };
    let result: unknown;
    try {
      result = fn(context, next);
    } catch (error) {
      settled = true;
      reject(asError(error));
      return;
    }
    if (isThenable(result)) result.then(next, (error: unknown) => reject(asError(error)));
    else if (fn.length < 2) next(result);
  });
}

/** The error name a hook failure is counted under (`errors.<code or message>`). */
export function errorName(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && code !== '') return code;
  return error instanceof Error ? error.message : String(error);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown })?.then === 'function';
}
