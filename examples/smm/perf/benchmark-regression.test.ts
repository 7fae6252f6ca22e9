/**
 * The spec's benchmark suite: ToolHub's vector search and query embedding measured by
 * `perfgate bench` (separate processes, against the baselines in .perfgate/baselines, which the
 * first run creates and UPDATE_BASELINES=true refreshes), then gated like `perfgate run` does:
 * no critical regression.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import 'perfgate/vitest';
import { DEMO_DIR } from './harness.js';

/** The installed perfgate CLI (what `npx perfgate` runs). */
const require = createRequire(import.meta.url);
const manifest = require.resolve('perfgate/package.json');
const CLI = join(dirname(manifest), (require(manifest) as { bin: { perfgate: string } }).bin.perfgate);

let results: unknown;
let exitCode: number;
let output = '';

// 21 s on a quiet machine; on a busy one the session adds processes (up to 12) to find quiet
// ones: 70–84 s seen in CI.
beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'perfgate-bench-')), 'bench.json');
  const args = ['--config', 'perfgate.config.yaml', '--env', 'ci', 'bench', 'bench/toolhub.bench.ts'];
  exitCode = await new Promise<number>((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args, '--processes', '4', '-o', file],
      { cwd: DEMO_DIR, timeout: 170_000 },
      (error, stdout, stderr) => {
        output = stdout + stderr;
        resolve(error === null ? 0 : typeof error.code === 'number' ? error.code : 3);
      },
    );
  });
  if (exitCode > 1) throw new Error(`perfgate bench exited ${exitCode}:\n${output}`);
  results = JSON.parse(readFileSync(file, 'utf8'));
}, 180_000);

describe('ToolHub benchmarks against their baseline', () => {
  it('ran every benchmark of the suite', () => {
    expect(output).toContain('ToolHub Vector Search');
    expect(results).toMatchObject({ kind: 'perfgate-bench', suites: [{ name: 'toolhub' }] });
  });

  it('has no critical regression (the deploy gate)', () => {
    expect(results).toHaveNoRegression({ severity: 'critical' });
    expect(exitCode).toBe(0);
  });
});
