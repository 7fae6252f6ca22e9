import { describe, expect, it } from 'vitest';
import { runGenerator } from '../../../src/load/run/generator.js';
import { WHOLE_TEST } from '../../../src/load/schedule/segment.js';
import { parseOk } from '../flow/harness.js';
import { FakeClock } from './fake-clock.js';

/** A clock whose timers fire 0.7 ms early, as real timers may. */
class EarlyClock extends FakeClock {
  override sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return super.sleep(ms > 1 ? ms - 0.7 : ms, signal);
  }
}

describe('reporting windows', () => {
  it('close on their boundaries even when timers fire early: one window per period, none merged', async () => {
    const clock = new EarlyClock();
    const script = parseOk(
      'config:\n  target: http://127.0.0.1:9\n  phases: [{ duration: 3, arrivalRate: 10 }]\nscenarios:\n  - flow: [{ think: 0 }]\n',
    );
    const run = await clock.run(
      runGenerator(script, {
        clock,
        segment: WHOLE_TEST,
        intervalMs: 500,
        graceMs: 0,
        stopSignal: new AbortController().signal,
        createIteration:
          ({ metrics }) =>
          () => {
            metrics.counter('http.requests');
            return Promise.resolve({ state: 'completed' });
          },
      }),
    );
    const periods = run.windows.map((w) => w.period - run.startedAt);
    expect(new Set(periods).size).toBe(periods.length);
    expect(periods).toEqual(periods.map((_, i) => (periods[0] as number) + i * 500));
    expect(run.windows.reduce((sum, w) => sum + (w.counters['http.requests'] ?? 0), 0)).toBe(30);
    expect(periods.length).toBeGreaterThanOrEqual(6);
  });
});
