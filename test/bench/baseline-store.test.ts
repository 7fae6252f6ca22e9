import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeBaseline } from '../../src/bench/baseline.js';
import { readBaseline, writeBaseline, writeFileAtomic } from '../../src/cli/bench/baseline-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'perfgate-baseline-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const baseline = mergeBaseline(undefined, {
  suite: 'toolhub',
  updatedAt: '2026-11-27T00:00:00.000Z',
  fingerprint: { cpuModel: 'cpu', cores: 2, node: 'v20', platform: 'linux', arch: 'x64' },
  calibration: [{ computeNs: 3400, memoryNs: 4700 }],
  entries: {
    search: {
      unit: 'ns',
      median: 100,
      ci: { lower: 99, upper: 101 },
      mean: 100.5,
      p95: 110,
      p99: 120,
      processMedians: [99, 100, 101],
      processP10: [97, 98, 99],
      time: 97,
      sessions: [97],
      sessionSpread: 0.02,
      iterations: 50,
      batchSize: 1,
      metadata: {},
    },
  },
});

describe('baseline store', () => {
  it('round-trips a baseline through a new directory', () => {
    const path = join(dir, 'nested', 'baselines', 'toolhub.json');
    expect(readBaseline(path)).toBeUndefined();
    writeBaseline(path, baseline);
    expect(readBaseline(path)).toEqual(baseline);
  });

  it('replaces a file atomically and leaves no temp file behind', () => {
    const path = join(dir, 'a.json');
    writeFileAtomic(path, 'one');
    writeFileAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('keeps the old file and removes the temp file when the rename fails', () => {
    const target = join(dir, 'taken');
    mkdirSync(join(target, 'occupied'), { recursive: true });
    expect(() => writeFileAtomic(target, 'new')).toThrow();
    expect(existsSync(join(target, 'occupied'))).toBe(true);
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('throws BASELINE_INVALID naming a corrupt file', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{"schemaVersion": 2}');
    expect(() => readBaseline(path)).toThrow(`corrupt baseline ${path}`);
  });
});
