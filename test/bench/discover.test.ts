import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suiteNames } from '../../src/cli/bench/bench-inputs.js';
import { discoverFiles, expandBraces, globToRegExp } from '../../src/cli/bench/discover.js';
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

  it('expands braces and matches ** across directories', () => {
    expect(expandBraces('b/*.{ts,js}')).toEqual(['b/*.ts', 'b/*.js']);
    expect(globToRegExp('bench/**/*.bench.ts').test('bench/x/y/z.bench.ts')).toBe(true);
    expect(globToRegExp('bench/**/*.bench.ts').test('bench/z.bench.ts')).toBe(true);
    expect(globToRegExp('bench/*.ts').test('bench/x/z.ts')).toBe(false);
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
