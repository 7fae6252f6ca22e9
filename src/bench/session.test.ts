import { describe, expect, it } from 'vitest';
import { describeSamples } from '../stats/describe.js';
import { mulberry32 } from '../stats/random.js';
import { sortSamples } from '../stats/sorted.js';
import { type ProcessRequest, type SessionPlan, sampleSuite } from './session.js';
import type { BenchmarkMeasurement } from './types.js';
import type { VerdictPolicy } from './verdict.js';

const policy: VerdictPolicy = { minor: 10, major: 20, critical: 50, falseDiscovery: 'holm' };

function measurement(name: string, medianNs: number): BenchmarkMeasurement {
  const samplesNs = [medianNs * 0.99, medianNs, medianNs * 1.01];
  return {
    name,
    metadata: {},
    unit: 'ns',
    async: false,
    batchSize: 1,
    samplesNs,
    stats: describeSamples(sortSamples(samplesNs)),
    heapDeltaBytes: undefined,
    warnings: [],
  };
}

/** A fake process runner: `clear` has 1 % noise, `noisy` 40 %; the candidate of `clear` is 30 % slower. */
function fakeRunner(log: ProcessRequest[]) {
  const random = mulberry32(3);
  const noise = (cv: number) => Math.exp(cv * (random() * 2 - 1) * 1.7);
  return async (request: ProcessRequest) => {
    log.push(request);
    const names = request.only ?? ['clear', 'noisy'];
    const slow = request.side === 'candidate' ? 1.3 : 1;
    return names.map((name) =>
      measurement(name, name === 'clear' ? 1000 * slow * noise(0.01) : 1000 * noise(0.4)),
    );
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
    expect(byName.noisy?.baseMedians).toHaveLength(8);
  });

  it('runs only the candidate against a stored baseline, and no extra rounds without a base', async () => {
    const log: ProcessRequest[] = [];
    const stored = new Map([['clear', [1000, 1001, 999, 1000, 1002]]]);
    const withBaseline = await sampleSuite(fakeRunner(log), {
      processes: 2,
      maxProcesses: 2,
      policy,
      base: { kind: 'stored', processMedians: stored },
    });
    expect(log.every((r) => r.side === 'candidate')).toBe(true);
    expect(withBaseline.benchmarks.find((b) => b.name === 'clear')?.baseMedians).toEqual(stored.get('clear'));
    expect(withBaseline.benchmarks.find((b) => b.name === 'noisy')?.baseMedians).toEqual([]);

    const none = await sampleSuite(fakeRunner([]), {
      processes: 2,
      maxProcesses: 9,
      policy,
      base: { kind: 'none' },
    });
    expect(none.rounds).toBe(2);
  });
});
