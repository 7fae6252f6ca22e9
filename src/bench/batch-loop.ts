/**
 * Measuring loops, built per benchmark (STYLE.md #11, as mitata and Benchmark.js do): each gets
 * its own compiled function, so the call site `fn()` stays monomorphic and one benchmark's type
 * feedback cannot slow down the next. The loop keeps the last return value and hands it to a
 * sink, so the JIT cannot drop the calls as dead code.
 */
import type { BenchmarkFn } from './types.js';

/** Runs `fn` `count` times; returns the elapsed nanoseconds. */
export type BatchLoop = (fn: BenchmarkFn, count: number) => number | Promise<number>;

/** A place results go to so they stay observable; read by nothing but the optimiser's doubt. */
export const sink: { value: unknown } = { value: undefined };

const SYNC_BODY = `
  let result;
  const start = clock();
  for (let i = 0; i < count; i++) result = fn();
  const elapsed = clock() - start;
  sink.value = result;
  return elapsed;`;

const ASYNC_BODY = `
  let result;
  const start = clock();
  for (let i = 0; i < count; i++) result = await fn();
  const elapsed = clock() - start;
  sink.value = result;
  return elapsed;`;

type LoopFactory = (clock: () => number, sinkRef: typeof sink) => BatchLoop;

/** A fresh loop for one benchmark: synchronous calls, or each call awaited when `async`. */
export function createBatchLoop(clock: () => number, async: boolean): BatchLoop {
  const keyword = async ? 'async ' : '';
  const body = async ? ASYNC_BODY : SYNC_BODY;
  // new Function: a distinct compiled loop per benchmark (see the module comment).
  const factory = new Function('clock', 'sink', `return ${keyword}function batch(fn, count) {${body}\n};`);
  return (factory as LoopFactory)(clock, sink);
}

/** True when `value` is a promise-like the loop must await. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
