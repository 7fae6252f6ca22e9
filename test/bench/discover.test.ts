import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suiteNames } from '../../src/cli/bench/bench-inputs.js';
import { discoverEveryPattern, discoverFiles } from '../../src/cli/bench/discover.js';
import { DEFAULT_BENCHMARK_FILES } from '../../src/config/schema/benchmarks.js';

describe('bench file discovery', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'perfgate-discover-'));
    for (const file of [
      'bench/a.bench.ts',
      'bench/deep/b.bench.mjs',
      'bench/c.bench.js',
      'bench/helper.ts',
      'bench/node_modules/x.bench.ts',
      'other/d.bench.ts',
    ]) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), '');
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const rel = (files: string[]) => files.map((f) => f.slice(root.length + 1));

  it('expands braces, matches ** across directories and * within one', () => {
    expect(rel(discoverFiles(root, ['bench/*.{ts,js}']))).toEqual([
      'bench/a.bench.ts',
      'bench/c.bench.js',
      'bench/helper.ts',
    ]);
    expect(rel(discoverFiles(root, ['**/*.bench.ts']))).toEqual(['bench/a.bench.ts', 'other/d.bench.ts']);
  });

  it('understands character classes and negation (picomatch syntax)', () => {
    expect(rel(discoverFiles(root, ['bench/[a-b]*.bench.ts']))).toEqual(['bench/a.bench.ts']);
    expect(rel(discoverFiles(root, ['bench/!(helper)*.ts']))).toEqual(['bench/a.bench.ts']);
    expect(rel(discoverFiles(root, ['bench/[!a]*.bench.js']))).toEqual(['bench/c.bench.js']);
  });

  it('rejects a pattern that matches no file, naming it, even beside one that does', () => {
    expect(() => discoverEveryPattern(root, ['bench/*.bench.ts', 'bench/[x-z]*.bench.ts'])).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('"bench/[x-z]*.bench.ts" matches no file'),
      }),
    );
    expect(rel(discoverEveryPattern(root, ['bench/*.bench.ts']))).toEqual(['bench/a.bench.ts']);
  });

  it('finds the default pattern’s files, skipping node_modules', () => {
    const found = discoverFiles(root, DEFAULT_BENCHMARK_FILES).map((f) => f.slice(root.length + 1));
    expect(found).toEqual(['bench/a.bench.ts', 'bench/c.bench.js', 'bench/deep/b.bench.mjs']);
  });

  it('names suites after files and rejects two files with one name', () => {
    expect([...suiteNames(['/x/toolhub.bench.ts', '/x/json.mjs']).values()]).toEqual(['toolhub', 'json']);
    expect(() => suiteNames(['/a/x.bench.ts', '/b/x.bench.js'])).toThrow(
      /two bench files give the suite name "x"/,
    );
  });
});
