/**
 * Three segments of one test as three `perfgate load` processes on this machine, started with one
 * `--start-at`, then `perfgate merge`: every arrival present once, the schedules started together,
 * and the verdict that of the whole test — and a segment killed mid-run makes the merge exit 3.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoadResults } from '../../src/load/metrics/results.js';
import { CLI_BIN, runBinary } from '../helpers/cli.js';
import {
  ARRIVALS,
  ENSURE,
  type RecordingTarget,
  startRecordingTarget,
  writeTestDir,
} from './distributed-test.js';

let target: RecordingTarget;

beforeEach(async () => {
  target = await startRecordingTarget();
});

afterEach(async () => {
  await target.close();
});

/** Starts segment i/3 as its own process; `extra` flags after the common ones. */
function startSegment(dir: string, index: number, startAt: string, extra: string[] = []): ChildProcess {
  const args = ['load', 'tests/load.yml', '--segment', `${index}/3`, '--start-at', startAt];
  return spawn(
    process.execPath,
    [CLI_BIN, ...args, '--workers', '1', '-o', `seg-${index}.json`, '--quiet', ...extra],
    { cwd: dir, env: { PATH: process.env.PATH ?? '' }, stdio: 'ignore' },
  );
}

const exitOf = async (child: ChildProcess) => ((await once(child, 'exit')) as [number | null])[0];
const read = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as LoadResults;
/** Eight seconds for three Node processes to start and read the test on a busy two-core machine. */
const startInEightSeconds = () => new Date(Date.now() + 8_000).toISOString();

describe('segments that start together (--start-at) and their merge', () => {
  it('merges every arrival of three segments exactly; the verdict is the whole test’s', async () => {
    // ensure http.requests > 20: each third (13) fails it alone, the whole test (39) passes.
    const dir = writeTestDir(target.url, ENSURE.moreThan20);
    const startAt = startInEightSeconds();
    const segments = [1, 2, 3].map((i) => startSegment(dir, i, startAt, ['--defer-verdict']));
    expect(await Promise.all(segments.map(exitOf))).toEqual([0, 0, 0]);
    expect(read(dir, 'seg-1.json').perfgate.ensure.passed).toBe(false);
    const merge = await runBinary(
      ['merge', 'seg-1.json', 'seg-2.json', 'seg-3.json', '-o', 'all.json', '--allow-saturated'],
      { cwd: dir },
    );
    expect(merge.code, merge.stderr).toBe(0);
    const all = read(dir, 'all.json');
    expect(all.aggregate.counters['vusers.created']).toBe(ARRIVALS);
    expect(all.perfgate.ensure.passed).toBe(true);
    expect(target.users).toHaveLength(ARRIVALS);
    expect(new Set(target.users).size).toBe(ARRIVALS);
    const generators = all.perfgate.generators ?? [];
    expect(generators.map((g) => g.startAt)).toEqual(Array(3).fill(Date.parse(startAt)));
    const starts = generators.map((g) => g.startedAt);
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(500);
    expect(merge.stdout).toMatch(/schedules started within [\d.]+ ms of each other \(one --start-at\)/);
  }, 60_000);

  it('exits 3 when a segment was killed: its share is missing, not a smaller pass', async () => {
    const dir = writeTestDir(target.url);
    const startAt = startInEightSeconds();
    const segments = [1, 2, 3].map((i) => startSegment(dir, i, startAt, ['--defer-verdict']));
    setTimeout(() => segments[1]?.kill('SIGKILL'), Date.parse(startAt) + 1_000 - Date.now());
    const codes = await Promise.all(segments.map(exitOf));
    expect(codes[1]).toBeNull();
    expect(existsSync(join(dir, 'seg-2.json'))).toBe(false);
    const merge = await runBinary(
      ['merge', 'seg-1.json', 'seg-3.json', '-o', 'all.json', '--allow-saturated'],
      {
        cwd: dir,
      },
    );
    expect(merge.code).toBe(3);
    expect(merge.stderr).toMatch(/segment\(s\) 2\/3 of the test handed over no results/);
    expect(read(dir, 'all.json').perfgate.missingSegments).toEqual(['2/3']);
  }, 60_000);

  it('refuses a start time that has passed (exit 2)', async () => {
    const dir = writeTestDir(target.url);
    const late = await runBinary(['load', 'tests/load.yml', '--start-at', '2020-01-01T00:00:00Z'], {
      cwd: dir,
    });
    expect(late.code).toBe(2);
    expect(late.stderr).toMatch(
      /--start-at 2020-01-01T00:00:00\.000Z: that time passed .* ago \(more than 1s\)/,
    );
    expect(target.users).toHaveLength(0);
  });
});
