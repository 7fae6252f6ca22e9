import { describe, expect, it } from 'vitest';
import {
  type Baseline,
  fingerprintDifferences,
  mergeBaseline,
  parseBaseline,
  serializeBaseline,
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
  iterations: 50,
  batchSize: 1,
  metadata: { testType: 'vector_search' },
};

function baseline(): Baseline {
  return mergeBaseline(undefined, {
    suite: 'toolhub',
    updatedAt: '2026-11-27T03:00:00.000Z',
    fingerprint,
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
      /corrupt baseline b\.json: benchmarks\.a first\.processMedians/,
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
