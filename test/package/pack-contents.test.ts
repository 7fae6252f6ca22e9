// What `npm pack` would publish: the built library (ESM, CommonJS, types), the schemas, README,
// LICENSE — and no tests, no sources, no source maps pointing at files the package does not have.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

interface Manifest {
  license: string;
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, unknown>;
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
let files: string[] = [];

/** Every file path an "exports" entry (with nested conditions) points at. */
function exportTargets(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (typeof entry !== 'object' || entry === null) return [];
  return Object.values(entry).flatMap(exportTargets);
}

const normal = (path: string) => path.replace(/^\.\//, '');

beforeAll(() => {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  const [packed] = JSON.parse(output.slice(output.indexOf('['))) as { files: { path: string }[] }[];
  files = (packed?.files ?? []).map((file) => file.path);
});

describe('npm pack contents', () => {
  it('ships the README, an MIT LICENSE as package.json says, the schemas and the built library', () => {
    expect(manifest.license).toBe('MIT');
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
    expect(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(files.filter((file) => file.startsWith('schema/')).length).toBeGreaterThanOrEqual(3);
  });

  it('holds every file package.json points at: bin, main, types and each "exports" condition', () => {
    const targets = [
      ...Object.values(manifest.bin),
      manifest.main,
      manifest.types,
      ...exportTargets(manifest.exports).filter((target) => target !== './package.json'),
    ].map(normal);
    expect(targets.length).toBeGreaterThan(10);
    expect(targets.filter((target) => !files.includes(target))).toEqual([]);
  });

  it('has no tests, no sources and no source maps, and no built file refers to a map', () => {
    expect(files.filter((file) => /(^|\/)(test|tests|__tests__)\/|\.test\.|\.spec\./.test(file))).toEqual([]);
    expect(
      files.filter((file) => file.startsWith('src/') || (file.endsWith('.ts') && !file.endsWith('.d.ts'))),
    ).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    const mapped = files
      .filter((file) => /\.(c|m)?js$/.test(file))
      .filter((file) => readFileSync(join(REPO_ROOT, file), 'utf8').includes('sourceMappingURL'));
    expect(mapped).toEqual([]);
  });
});
