import { describe, expect, it } from 'vitest';
import type {
  IterationContext,
  IterationFn,
  MetricNames,
  MetricsRecorder,
} from '../../../src/load/contracts.js';
import {
  DROPPED_ITERATIONS,
  execute,
  MAX_ARRIVALS_PER_TURN,
  SKIPPED_VUSERS,
} from '../../../src/load/executor/executor.js';
import { plan } from '../../../src/load/schedule/plan.js';
import type { Phase } from '../../../src/load/script/model.js';
import { FakeClock } from './fake-clock.js';

class CountingMetrics implements MetricsRecorder {
  readonly counters = new Map<string, number>();
  counter(name: MetricNames, value = 1): void {
    if (typeof name === 'string') this.counters.set(name, (this.counters.get(name) ?? 0) + value);
  }
  summary(): void {}
  rate(): void {}
}

/** A stub VU: records when it was started and holds its slot for `busyMs` of virtual time. */
function stubIteration(clock: FakeClock, busyMs: number, started: IterationContext[]): IterationFn {
  return async (context) => {
    started.push({ ...context, intendedStartMs: context.intendedStartMs });
    await clock.sleep(busyMs).catch(() => undefined);
    return { state: 'completed' };
  };
}

function setup(phases: Phase[], busyMs: number, stop = new AbortController()) {
  const clock = new FakeClock();
  const started: IterationContext[] = [];
  const metrics = new CountingMetrics();
  const slips: number[] = [];
  const run = execute(plan(phases), {
    clock,
    testZeroMs: 0,
    iterate: stubIteration(clock, busyMs, started),
    metrics,
    stopSignal: stop.signal,
    iterationSignal: new AbortController().signal,
    onSlip: (ms) => slips.push(ms),
  });
  return { clock, started, metrics, slips, run, stop };
}

describe('execute', () => {
  it('starts each open-model arrival at its absolute offset, with no slip on a punctual clock', async () => {
    const { clock, started, slips, run } = setup(
      [{ kind: 'arrival', durationMs: 1_000, arrivalRate: 10 }],
      250,
    );
    const summary = await clock.run(run);
    expect(started.map((c) => c.intendedStartMs)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(new Set(started.map((c) => c.vuId)).size).toBe(10);
    expect(Math.max(...slips)).toBe(0);
    expect(summary).toMatchObject({
      started: 10,
      completed: 10,
      failed: 0,
      peakActive: 3,
      stoppedEarly: false,
    });
  });

  it('skips arrivals above maxVusers and counts them as vusers.skipped', async () => {
    const { clock, metrics, run } = setup(
      [{ kind: 'arrival', durationMs: 1_000, arrivalRate: 10, maxVusers: 2 }],
      250,
    );
    const summary = await clock.run(run);
    // VUs hold 250 ms: of every ~3 arrivals in flight only 2 may run.
    expect(summary.skipped).toBeGreaterThan(0);
    expect(metrics.counters.get(SKIPPED_VUSERS)).toBe(summary.skipped);
    expect(summary.started + summary.skipped).toBe(10);
  });

  it('drops constant-rps iterations when every VU is busy', async () => {
    const { clock, metrics, run } = setup(
      [{ kind: 'constant-rps', durationMs: 1_000, rps: 20, maxVusers: 5 }],
      500,
    );
    const summary = await clock.run(run);
    expect(summary.dropped).toBe(10);
    expect(metrics.counters.get(DROPPED_ITERATIONS)).toBe(10);
  });

  it('runs closed-model VUs back to back until the phase ends', async () => {
    const { clock, started, run } = setup([{ kind: 'closed', durationMs: 1_000, concurrency: 3 }], 100);
    const summary = await clock.run(run);
    expect(summary.started).toBe(30);
    expect(new Set(started.map((c) => c.vuId))).toEqual(new Set([0, 1, 2]));
    expect(started.filter((c) => c.vuId === 0).map((c) => c.intendedStartMs)).toEqual([
      0, 100, 200, 300, 400, 500, 600, 700, 800, 900,
    ]);
  });

  it('places phases one after another, pauses included', async () => {
    const { clock, started, run } = setup(
      [
        { kind: 'count', durationMs: 1_000, arrivalCount: 2 },
        { kind: 'pause', pauseMs: 5_000 },
        { kind: 'count', durationMs: 1_000, arrivalCount: 2 },
      ],
      10,
    );
    await clock.run(run);
    expect(started.map((c) => [c.phaseIndex, c.intendedStartMs])).toEqual([
      [0, 0],
      [0, 500],
      [2, 6_000],
      [2, 6_500],
    ]);
  });

  it('stops starting arrivals when stopped and lets in-flight iterations end', async () => {
    const { clock, started, run, stop } = setup(
      [{ kind: 'arrival', durationMs: 10_000, arrivalRate: 10 }],
      300,
    );
    const summary = await clock.run(run, { at: 2_050, action: () => stop.abort() });
    expect(started).toHaveLength(21);
    expect(summary).toMatchObject({ started: 21, completed: 21, stoppedEarly: true });
  });

  it('starts the backlog of due arrivals at once after a late wake-up, each with its own intended start', async () => {
    const clock = new FakeClock();
    // A generator whose timers fire 35 ms late (a busy event loop).
    const lateClock = {
      now: () => clock.now(),
      monotonic: () => clock.monotonic(),
      sleep: (ms: number, signal?: AbortSignal) => clock.sleep(ms > 0 ? ms + 35 : 0, signal),
    };
    const started: number[] = [];
    const slips: number[] = [];
    const run = execute(plan([{ kind: 'arrival', durationMs: 1_000, arrivalRate: 100 }]), {
      clock: lateClock,
      testZeroMs: 0,
      iterate: async (context) => {
        started.push(context.intendedStartMs);
        return { state: 'completed' };
      },
      metrics: new CountingMetrics(),
      stopSignal: new AbortController().signal,
      iterationSignal: new AbortController().signal,
      onSlip: (ms) => slips.push(ms),
    });
    await clock.run(run);
    expect(started).toEqual(Array.from({ length: 100 }, (_, i) => i * 10));
    expect(Math.max(...slips)).toBeGreaterThanOrEqual(35);
    expect(slips.filter((ms) => ms === 0).length).toBeLessThan(100);
  });

  it('yields to the event loop between batches of a backlog instead of starting it all in one go', async () => {
    const clock = new FakeClock();
    const batches: number[] = [0];
    // Every timer fires 500 ms late: a generator far behind its schedule.
    const lateClock = {
      now: () => clock.now(),
      monotonic: () => clock.monotonic(),
      sleep: (ms: number, signal?: AbortSignal) => {
        batches.push(0);
        return clock.sleep(ms > 0 ? ms + 500 : 0, signal);
      },
    };
    const run = execute(plan([{ kind: 'arrival', durationMs: 1_000, arrivalRate: 1_000 }]), {
      clock: lateClock,
      testZeroMs: 0,
      iterate: async () => {
        batches[batches.length - 1] = (batches.at(-1) ?? 0) + 1;
        return { state: 'completed' };
      },
      metrics: new CountingMetrics(),
      stopSignal: new AbortController().signal,
      iterationSignal: new AbortController().signal,
    });
    const summary = await clock.run(run);
    expect(summary.started).toBe(1_000);
    expect(Math.max(...batches)).toBe(MAX_ARRIVALS_PER_TURN);
  });
});
