import { describe, expect, it } from 'vitest';
import { fakeMeasurement } from '../../test/helpers/bench-measurements.js';
import { mulberry32 } from '../stats/random.js';
import { type ProcessRequest, type SessionPlan, sampleSuite } from './session.js';
import type { VerdictPolicy } from './verdict.js';

const policy: VerdictPolicy = { minor: 10, major: 20, critical: 50, falseDiscovery: 'holm' };

/** A fake process runner: `clear` has 1 % noise, `noisy` 40 %; the candidate of `clear` is 30 % slower. */
function fakeRunner(log: ProcessRequest[]) {
  const random = mulberry32(3);
  const noise = (cv: number) => Math.exp(cv * (random() * 2 - 1) * 1.7);
  return async (request: ProcessRequest) => {
    log.push(request);
    const names = request.only ?? ['clear', 'noisy'];
    const slow = request.side === 'candidate' ? 1.3 : 1;
    return {
      measurements: names.map((name) =>
        fakeMeasurement(name, name === 'clear' ? 1000 * slow * noise(0.01) : 1000 * noise(0.4)),
      ),
      calibration: { computeNs: 3400, memoryNs: 4700 },
    };
  };
}

describe('sampleSuite', () => {
  it('interleaves base and candidate with alternating order, then reruns only unclear benchmarks', async () => {
    const log: ProcessRequest[] = [];
    const plan: SessionPlan = { processes: 5, maxProcesses: 8, policy, base: { kind: 'measured' } };
    const result = await sampleSuite(fakeRunner(log), plan);
    expect(log.slice(0, 4).map((r) => r.side)).toEqual(['candidate', 'base', 'base', 'candidate']);
    expect(result.rounds).toBe(8);
    expect(log.slice(10).every((r) => r.only?.join() === 'noisy')).toBe(true);
    const byName = Object.fromEntries(result.benchmarks.map((b) => [b.name, b]));
    expect(byName.clear?.candidate).toHaveLength(5);
    expect(byName.noisy?.candidate).toHaveLength(8);
    expect(byName.noisy?.baseValues).toHaveLength(8);
    expect(byName.clear?.sessionSpread).toBe(0);
    expect(result.calibration.base).toHaveLength(8);
  });

  it('runs only the candidate against a stored baseline, and no extra rounds without a base', async () => {
    const log: ProcessRequest[] = [];
    const stored = new Map([['clear', [1000, 1001, 999, 1000, 1002]]]);
    const calibration = { computeNs: 3400, memoryNs: 4700 };
    const withBaseline = await sampleSuite(fakeRunner(log), {
      processes: 2,
      maxProcesses: 2,
      policy,
      base: { kind: 'stored', values: stored, sessionSpread: new Map([['clear', 0.03]]), calibration },
    });
    expect(log.every((r) => r.side === 'candidate')).toBe(true);
    const clear = withBaseline.benchmarks.find((b) => b.name === 'clear');
    expect(clear).toMatchObject({ baseValues: stored.get('clear'), sessionSpread: 0.03 });
    expect(withBaseline.benchmarks.find((b) => b.name === 'noisy')?.baseValues).toEqual([]);
    expect(withBaseline.calibration.stored).toEqual(calibration);

    const none = await sampleSuite(fakeRunner([]), {
      processes: 2,
      maxProcesses: 9,
      policy,
      base: { kind: 'none' },
    });
    expect(none.rounds).toBe(2);
  });
});

describe('adaptive reruns', () => {
  it('skip a benchmark whose unclear verdict more processes could not change (error beyond processes)', async () => {
    const log: ProcessRequest[] = [];
    const runner = async (request: ProcessRequest) => {
      log.push(request);
      return { measurements: [fakeMeasurement('wide', 1060 * (1 + request.round * 0.001))] };
    };
    // A 25 % session spread: the interval around +6 % spans ±50 % however many processes run.
    const stored = {
      values: new Map([['wide', [1000, 1001, 1002]]]),
      sessionSpread: new Map([['wide', 0.25]]),
    };
    const result = await sampleSuite(runner, {
      processes: 4,
      maxProcesses: 10,
      policy,
      base: { kind: 'stored', ...stored },
    });
    expect(result.rounds).toBe(4);
  });
});
