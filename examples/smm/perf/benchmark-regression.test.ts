/**
 * The spec's benchmark suite: ToolHub's vector search and query embedding measured by
 * `perfgate bench` (separate processes, against the baselines in .perfgate/baselines, which the
 * first run creates and UPDATE_BASELINES=true refreshes), then gated like `perfgate run` does:
 * no critical regression.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { processIo } from '../../../src/cli/io.js';
import { runCli } from '../../../src/cli/run-cli.js';
import 'perfgate/vitest';
import { DEMO_DIR } from './harness.js';

let results: unknown;
let exitCode: number;
let output = '';

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'perfgate-bench-')), 'bench.json');
  exitCode = await runCli({
    ...processIo(),
    argv: [
      '--config',
      'perfgate.config.yaml',
      '--env',
      'ci',
      'bench',
      'bench/toolhub.bench.ts',
      '--processes',
      '4',
      '-o',
      file,
    ],
    cwd: DEMO_DIR,
    stdout: { write: (text: string) => (output += text) },
    stderr: { write: (text: string) => (output += text) },
  });
  if (exitCode > 1) throw new Error(`perfgate bench exited ${exitCode}:\n${output}`);
  results = JSON.parse(readFileSync(file, 'utf8'));
}, 120_000);

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
