import { describe, expect, it } from 'vitest';
import {
  type Baseline,
  DEFAULT_SESSION_SPREAD,
  fingerprintDifferences,
  incomparableBenchmarks,
  MAX_SESSIONS,
  mergeBaseline,
  parseBaseline,
  serializeBaseline,
  sessionSpreadOf,
  storedBaseOf,
  withSession,
} from './baseline.js';

const fingerprint = { cpuModel: 'Xeon', cores: 2, node: 'v20.20.2', platform: 'linux', arch: 'x64' };
const entry = {
  unit: 'ns' as const,
  median: 108_281.123456,
  ci: { lower: 107_000.5, upper: 109_400.25 },
  mean: 108_900,
  p95: 115_000,
  p99: 130_000,
  processMedians: [108_281.123456, 107_999.9, 109_100.1],
  processP10: [105_000.5, 104_800, 106_000],
  time: 104_800,
  sessions: [104_800],
  sessionSpread: DEFAULT_SESSION_SPREAD,
  iterations: 50,
  batchSize: 1,
  metadata: { testType: 'vector_search' },
};
const calibration = [{ computeNs: 3400, memoryNs: 4700 }];

function baseline(): Baseline {
  return mergeBaseline(undefined, {
    suite: 'toolhub',
    updatedAt: '2026-11-27T03:00:00.000Z',
    fingerprint,
    calibration,
    entries: { 'z last': entry, 'a first': { ...entry, median: 5 } },
  });
}

describe('baseline files', () => {
  it('round-trips through canonical JSON with sorted keys and rounded numbers', () => {
    const text = serializeBaseline(baseline());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.indexOf('"a first"')).toBeLessThan(text.indexOf('"z last"'));
    expect(Object.keys(JSON.parse(text))).toEqual([
      'benchmarks',
      'calibration',
      'fingerprint',
      'schemaVersion',
      'suite',
      'updatedAt',
    ]);
    expect(text).toContain('108280');
    const parsed = parseBaseline(text, 'toolhub.json');
    expect(parsed.benchmarks['z last']?.processMedians).toEqual([108_280, 108_000, 109_100]);
    expect(serializeBaseline(parsed)).toBe(text);
  });

  it('names the file and the problem when a baseline is corrupt', () => {
    expect(() => parseBaseline('{ "schemaVersion": 1, ', '.perfgate/baselines/x.json')).toThrow(
      /corrupt baseline \.perfgate\/baselines\/x\.json: not JSON/,
    );
    const broken = JSON.parse(serializeBaseline(baseline()));
    broken.benchmarks['a first'].processMedians = [];
    expect(() => parseBaseline(JSON.stringify(broken), 'b.json')).toThrow(
      /corrupt baseline b\.json: .*benchmarks\.a first\.processMedians/,
    );
    try {
      parseBaseline('[]', 'c.json');
    } catch (error) {
      expect(error).toMatchObject({ code: 'BASELINE_INVALID', kind: 'bad-input' });
    }
  });

  it('keeps benchmarks it did not measure when merging an update', () => {
    const merged = mergeBaseline(baseline(), {
      suite: 'toolhub',
      updatedAt: 'later',
      fingerprint,
      calibration,
      entries: { 'a first': { ...entry, median: 7 } },
    });
    expect(merged.benchmarks['a first']?.median).toBe(7);
    expect(merged.benchmarks['z last']?.median).toBe(entry.median);
  });

  it('lists fingerprint differences', () => {
    expect(fingerprintDifferences(fingerprint, fingerprint)).toEqual([]);
    expect(fingerprintDifferences(fingerprint, { ...fingerprint, cores: 8, node: 'v22.1.0' })).toEqual([
      'cores: 2 → 8',
      'node: v20.20.2 → v22.1.0',
    ]);
  });
});

describe('baselines across sessions', () => {
  it('reads a format-1 file: kept, but its benchmarks are not compared until re-recorded', () => {
    const { processP10, time, sessions, sessionSpread, ...v1Entry } = entry;
    const v1 = { schemaVersion: 1, suite: 's', updatedAt: 'then', fingerprint, benchmarks: { old: v1Entry } };
    const parsed = parseBaseline(JSON.stringify(v1), 'old.json');
    expect(parsed.schemaVersion).toBe(2);
    expect(incomparableBenchmarks(parsed)).toEqual(['old']);
    expect(storedBaseOf(parsed).values.size).toBe(0);
  });

  it('gives the session its values, spread and calibration', () => {
    const stored = storedBaseOf(baseline());
    expect(stored.values.get('z last')).toEqual(entry.processP10);
    expect(stored.sessionSpread.get('z last')).toBe(DEFAULT_SESSION_SPREAD);
    expect(stored.calibration).toEqual(calibration[0]);
  });

  it('keeps the sessions of unchanged code (at most five) and restarts after a change', () => {
    let current = withSession({ ...entry, time: 100 }, undefined, true);
    for (const time of [101, 99, 104, 100, 102]) current = withSession({ ...entry, time }, current, true);
    expect(current.sessions).toEqual([101, 99, 104, 100, 102]);
    expect(current.sessions).toHaveLength(MAX_SESSIONS);
    expect(current.sessionSpread).toBeCloseTo(Math.max(DEFAULT_SESSION_SPREAD, 0.0192), 3);
    expect(withSession({ ...entry, time: 80 }, current, false).sessions).toEqual([80]);
  });

  it('never lets the spread fall under the default, and needs three sessions to measure it', () => {
    expect(sessionSpreadOf([100, 100, 100])).toBe(DEFAULT_SESSION_SPREAD);
    expect(sessionSpreadOf([100, 130])).toBe(DEFAULT_SESSION_SPREAD);
    expect(sessionSpreadOf([100, 110, 90])).toBeGreaterThan(0.09);
  });
});
