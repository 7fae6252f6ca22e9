import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runBinary } from '../helpers/cli.js';

// `--mode instructions` with the real valgrind (callgrind): a count, then the same code with 30 %
// more work counted against it. Needs valgrind (Debian package `valgrind`; `npm test` provisions it:
// test/setup/system-tools.ts).
const FIXTURE = join(REPO_ROOT, 'test', 'bench', 'fixtures', 'counted.bench.mjs');
const COUNT = ['--mode', 'instructions', '--processes', '1', '--max-processes', '1'];
// A counted run is one process under callgrind (~50× slower) plus the wall-time processes beside
// it: 25–30 s here when idle, up to 90 s while the shared machine ran other test suites, where the
// helper's 60 s default killed it mid-run.
const RUN_LIMIT_MS = 110_000;

describe('perfgate bench --mode instructions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfgate-instructions-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts instructions per call into the baseline, then flags a real 30 % slowdown by its count', async () => {
    const first = await runBinary(['bench', FIXTURE, ...COUNT, '-o', 'first.json'], {
      cwd: dir,
      timeoutMs: RUN_LIMIT_MS,
    });
    expect(first.stderr).toContain('created baseline');
    expect(first.code).toBe(0);
    const baseline = JSON.parse(readFileSync(join(dir, '.perfgate', 'baselines', 'counted.json'), 'utf8'));
    const counted = baseline.benchmarks['hash chain'].instructions.perCall[0];
    // A hash-chain round is a handful of instructions: 20,000 rounds are ~100k–300k per call.
    expect(counted).toBeGreaterThan(50_000);
    expect(counted).toBeLessThan(1_000_000);
    expect(baseline.benchmarks['async tick'].instructions).toBeUndefined();

    const slowed = await runBinary(['bench', FIXTURE, ...COUNT, '-o', 'slowed.json'], {
      cwd: dir,
      env: { PERFGATE_FIXTURE_SLOWDOWN: '1.3' },
      timeoutMs: RUN_LIMIT_MS,
    });
    const results = JSON.parse(readFileSync(join(dir, 'slowed.json'), 'utf8'));
    expect(results.settings.mode).toBe('instructions');
    const hash = results.suites[0].benchmarks.find((b: { name: string }) => b.name === 'hash chain');
    expect(hash.verdict).toEqual({ kind: 'regression', severity: 'major' });
    // Exactly 30 % more work is 30 % more instructions, to well under 1 %.
    expect(hash.comparison.changePct).toBeGreaterThan(29);
    expect(hash.comparison.changePct).toBeLessThan(31);
    expect(hash.wall.comparison).not.toBeNull();
    expect(slowed.stdout).toMatch(/counted › hash chain .* instr .*regression \(major\)/);
    expect(slowed.stderr).toMatch(/async tick: not counted: asynchronous/);
    expect(slowed.code).toBe(0);
  }, 240_000);
});
