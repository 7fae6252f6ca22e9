import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runBinary } from '../helpers/cli.js';

// Wall mode settling what a disturbed machine leaves open by instruction counts (src/bench/tie-break.ts),
// with the real valgrind. The baseline is recorded for real (times and counts); its stored machine
// states are then divided by 4 — as if it had been recorded on a far quieter machine — so every
// process of the next runs reads as disturbed, whatever this machine is doing (by 1.5 was not
// enough once in CI: the recording had run busier than the later runs, which then read quiet). Needs valgrind
// (`npm test` provisions it: test/setup/system-tools.ts).
const FIXTURE = join(REPO_ROOT, 'test', 'bench', 'fixtures', 'counted.bench.mjs');
const LIGHT = ['--processes', '5', '--max-processes', '5', '--no-history'];
const REFUSED = 'not recorded: the machine was visibly disturbed';
// Counting runs one process under callgrind (~50× slower): 10–20 s here, more while other suites run.
const RUN_LIMIT_MS = 150_000;

interface StoredEntry {
  processP10: number[];
  processStates?: number[];
  time: number;
  instructions?: { perCall: number[] };
}

describe('perfgate bench: disturbed verdicts settled by instruction counts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfgate-tie-break-'));
  const baselineFile = join(dir, '.perfgate', 'baselines', 'counted.json');
  let recorded: { benchmarks: Record<string, StoredEntry> };

  /** The recorded baseline, with `change` applied to every entry. */
  function storeBaseline(change: (entry: StoredEntry) => StoredEntry) {
    const copy = structuredClone(recorded);
    for (const [name, entry] of Object.entries(copy.benchmarks)) copy.benchmarks[name] = change(entry);
    writeFileSync(baselineFile, JSON.stringify(copy));
  }
  const quieter = (entry: StoredEntry): StoredEntry => ({
    ...entry,
    processStates: entry.processStates?.map((state) => state / 4),
  });
  const hash = (file: string) =>
    JSON.parse(readFileSync(join(dir, file), 'utf8')).suites[0].benchmarks.find(
      (b: { name: string }) => b.name === 'hash chain',
    );

  beforeAll(async () => {
    // The first run counts into the baseline (`auto` would too; explicit, so the test does not
    // lean on the default).
    const record = ['bench', FIXTURE, ...LIGHT, '--tie-break', 'instructions'];
    let run = await runBinary(record, { cwd: dir, timeoutMs: RUN_LIMIT_MS });
    for (let attempt = 2; attempt <= 4 && run.stderr.includes(REFUSED); attempt++)
      run = await runBinary(record, { cwd: dir, timeoutMs: RUN_LIMIT_MS });
    expect(run.stderr).toContain('counted: counting instructions under callgrind for the baseline');
    expect(run.stderr).toContain('created baseline');
    recorded = JSON.parse(readFileSync(baselineFile, 'utf8'));
  }, 4 * RUN_LIMIT_MS);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records instruction counts into a wall-mode baseline (not for asynchronous benchmarks)', () => {
    const counted = recorded.benchmarks['hash chain']?.instructions?.perCall[0] ?? 0;
    expect(counted).toBeGreaterThan(50_000);
    expect(counted).toBeLessThan(1_000_000);
    expect(recorded.benchmarks['async tick']?.instructions).toBeUndefined();
    expect(recorded.benchmarks['hash chain']?.processStates?.length).toBeGreaterThanOrEqual(5);
  });

  it(
    'flags a real 30 % slowdown on a disturbed machine when the counts show 30 % more work',
    async () => {
      storeBaseline(quieter);
      const run = await runBinary(['bench', FIXTURE, ...LIGHT, '-o', 'slowed.json'], {
        cwd: dir,
        env: { PERFGATE_FIXTURE_SLOWDOWN: '1.3' },
        timeoutMs: RUN_LIMIT_MS,
      });
      const bench = hash('slowed.json');
      expect(bench.wall.verdict).toEqual({ kind: 'inconclusive', reason: 'disturbed' });
      // Wall time read a slowdown (how much of it depends on how busy the machine is: [+8 %, …] once in CI).
      expect(bench.wall.comparison.ratio.lower).toBeGreaterThan(1);
      expect(bench.settledBy).toBe('instructions');
      expect(bench.verdict).toEqual({ kind: 'regression', severity: 'major' });
      expect(bench.comparison.changePct).toBeGreaterThan(29);
      expect(bench.comparison.changePct).toBeLessThan(31);
      expect(run.stderr).toContain('counted: counting instructions under callgrind to settle hash chain');
      expect(run.stderr).toMatch(
        /hash chain: major regression \+\d\d\.\d % \[.*\] in instructions per call \(wall time .* on a disturbed machine\)/,
      );
      expect(run.stdout).toMatch(/counted › hash chain .* instr .*regression \(major\) by instructions/);
      expect(run.code).toBe(0);
    },
    RUN_LIMIT_MS,
  );

  it(
    'counts unchanged code only when wall time read a change, and stays inconclusive when the counts disagree',
    async () => {
      storeBaseline(quieter);
      const same = await runBinary(['bench', FIXTURE, ...LIGHT, '-o', 'same.json'], {
        cwd: dir,
        timeoutMs: RUN_LIMIT_MS,
      });
      const unchanged = hash('same.json');
      expect(unchanged.verdict.kind).not.toBe('regression');
      // Unchanged code is counted only when wall time read a change anyway (a machine busier than
      // during the recording moments ago can make it), and the counts then do not confirm it.
      if (same.stderr.includes('counting instructions')) {
        const { lower, upper } = unchanged.comparison.ratio;
        expect(lower > 1 || upper < 1).toBe(true);
        expect(unchanged.settledBy).toBeUndefined();
      }
      // The baseline claims 30 % faster times for the same code: wall time reads a regression the
      // disturbance could cause, and the counts show the same work.
      storeBaseline((entry) => {
        const faster = quieter(entry);
        return { ...faster, time: entry.time * 0.7, processP10: entry.processP10.map((t) => t * 0.7) };
      });
      const faked = await runBinary(['bench', FIXTURE, ...LIGHT, '-o', 'faked.json'], {
        cwd: dir,
        timeoutMs: RUN_LIMIT_MS,
      });
      const bench = hash('faked.json');
      expect(bench.verdict).toEqual({ kind: 'inconclusive', reason: 'disturbed' });
      expect(bench.settledBy).toBeUndefined();
      expect(faked.stderr).toMatch(
        /hash chain: instruction counts [+-]\d\.\d % .* do not settle what wall time left open/,
      );
      expect(faked.code).toBe(0);
    },
    2 * RUN_LIMIT_MS,
  );
});
