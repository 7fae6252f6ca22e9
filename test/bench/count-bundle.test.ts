import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleForCount } from '../../src/cli/bench/count-bundle.js';

// The bundle a TypeScript bench file is counted from (src/cli/bench/count-bundle.ts), with the real esbuild.
describe('bundling a TypeScript bench file for counting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfgate-count-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes plain JavaScript beside the file, packages left to resolve from there, and removes it', async () => {
    const file = join(dir, 'typed.bench.ts');
    writeFileSync(join(dir, 'lib.ts'), 'export const twice = (n: number): number => 2 * n;\n');
    writeFileSync(
      file,
      "import { benchmark } from 'perfgate/bench';\nimport { twice } from './lib.js';\n" +
        'interface Point { x: number }\nconst p: Point = { x: 1 };\nbenchmark("b", () => twice(p.x));\n',
    );
    const bundle = await bundleForCount(file);
    if (bundle === undefined) throw new Error('no bundle');
    expect(dirname(bundle.file)).toBe(dirname(file));
    const code = readFileSync(bundle.file, 'utf8');
    expect(code).toMatch(/from "perfgate\/bench"/);
    expect(code).toMatch(/2 \* n/);
    expect(code).not.toMatch(/interface Point/);
    bundle.remove();
    expect(existsSync(bundle.file)).toBe(false);
  });

  it('leaves a file whose imports read their own location, a file esbuild rejects, and JavaScript alone', async () => {
    writeFileSync(join(dir, 'where.ts'), 'export const here: string = import.meta.url;\n');
    writeFileSync(join(dir, 'a.bench.ts'), "import { here } from './where.js';\nconsole.log(here);\n");
    writeFileSync(join(dir, 'broken.bench.ts'), 'const = ;\n');
    writeFileSync(join(dir, 'plain.bench.mjs'), 'export {};\n');
    expect(await bundleForCount(join(dir, 'a.bench.ts'))).toBeUndefined();
    expect(await bundleForCount(join(dir, 'broken.bench.ts'))).toBeUndefined();
    expect(await bundleForCount(join(dir, 'plain.bench.mjs'))).toBeUndefined();
    expect(readdirSync(dir).filter((name) => name.startsWith('.perfgate-count-'))).toEqual([]);
  });

  it("removes what a killed count left behind, not a live process's bundle", async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const stale = `.perfgate-count-${gone}-1733350000000.mjs`;
    const live = `.perfgate-count-${process.ppid}-1733350000000.mjs`;
    for (const name of [stale, live, '.perfgate-count-notes.txt']) writeFileSync(join(dir, name), '');
    writeFileSync(join(dir, 'next.bench.ts'), 'const n: number = 1;\nconsole.log(n);\n');
    (await bundleForCount(join(dir, 'next.bench.ts')))?.remove();
    expect(
      readdirSync(dir)
        .filter((name) => name.startsWith('.perfgate-count-'))
        .sort(),
    ).toEqual([live, '.perfgate-count-notes.txt'].sort());
  });
});
