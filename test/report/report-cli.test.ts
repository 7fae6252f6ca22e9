import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBinary, runInProcess } from '../helpers/cli.js';
import { FIXTURE_FILES, FIXTURES } from './sample-report.js';

const workdir = () => mkdtempSync(join(tmpdir(), 'perfgate-report-cli-'));
const fixturePaths = FIXTURE_FILES.map((name) => join(FIXTURES, name));

/** A passing load result whose headline p95 is `p95` (one per "run" of a history). */
function loadResults(dir: string, run: number, p95: number): string {
  const json = JSON.parse(readFileSync(join(FIXTURES, 'load-results.json'), 'utf8'));
  json.perfgate.name = 'checkout';
  json.perfgate.ensure = [];
  json.perfgate.run = run;
  json.aggregate.summaries['perfgate.http.duration'].p95 = p95;
  const path = join(dir, `run-${run}.json`);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

describe('perfgate report', () => {
  it('writes all four reports, records the run, and exits 1 when a gate failed', async () => {
    const dir = workdir();
    const run = await runInProcess(
      [
        'report',
        ...fixturePaths,
        '--html',
        'out/r.html',
        '--markdown',
        'out/r.md',
        '--junit',
        'out/r.xml',
        '--json',
        'out/r.json',
      ],
      { cwd: dir, env: { GITHUB_SHA: 'abc123', GITHUB_REF_NAME: 'main' } },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('failed: 4 of 10 gates failed\n');
    for (const file of ['r.html', 'r.md', 'r.xml', 'r.json'])
      expect(existsSync(join(dir, 'out', file))).toBe(true);
    expect(run.stderr).toContain(`recorded as run #1 in ${join(dir, '.perfgate', 'history.db')}`);
    const json = JSON.parse(readFileSync(join(dir, 'out', 'r.json'), 'utf8'));
    expect(json.run).toEqual({ commit: 'abc123', branch: 'main' });
    const html = readFileSync(join(dir, 'out', 'r.html'), 'utf8');
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);

    const again = await runInProcess(['report', ...fixturePaths, '--json', 'again.json'], { cwd: dir });
    expect(again.stderr).toContain('already recorded as run #1');
  });

  it('prints the Markdown summary when no file is asked for, and exits 0 when every gate passed', async () => {
    const dir = workdir();
    const run = await runInProcess(['report', loadResults(dir, 1, 120), '--no-history'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('## ✅ PASSED — perfgate run');
    expect(run.stdout).toContain('passed: 0 of 1 gates failed');
    expect(existsSync(join(dir, '.perfgate'))).toBe(false);
  });

  it('appends to $GITHUB_STEP_SUMMARY instead of overwriting earlier steps', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'summary.md'), '# earlier step\n');
    const env = { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
    await runInProcess(['report', loadResults(dir, 1, 120), '--markdown', 'summary.md', '--no-history'], {
      cwd: dir,
      env,
    });
    const text = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(text.startsWith('# earlier step\n## ✅ PASSED')).toBe(true);
  });

  it('accepts its own JSON output as input', async () => {
    const dir = workdir();
    await runInProcess(['report', ...fixturePaths, '--json', 'r.json', '--no-history'], { cwd: dir });
    const run = await runInProcess(['report', 'r.json', '--markdown', 'r.md', '--no-history'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain('model\\_router\\_availability');
  });

  it('rejects unknown and malformed input with exit 2', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'odd.json'), '{"hello": 1}');
    writeFileSync(join(dir, 'broken.json'), '{"aggregate": ');
    const odd = await runInProcess(['report', 'odd.json'], { cwd: dir });
    expect(odd.code).toBe(2);
    expect(odd.stderr).toContain('odd.json: not perfgate load, bench or SLO results');
    const broken = await runInProcess(['report', 'broken.json'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.json is not valid JSON');
    expect((await runInProcess(['report', 'missing.json'], { cwd: dir })).code).toBe(2);
  });

  it('stops with a clear error on a corrupt history database and leaves it untouched', async () => {
    const dir = workdir();
    const db = join(dir, 'history.db');
    writeFileSync(db, 'garbage '.repeat(1000));
    const run = await runInProcess(
      ['report', ...fixturePaths, '--history-db', 'history.db', '--json', 'r.json'],
      {
        cwd: dir,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${db} is not a readable perfgate history database`);
    expect(run.stderr).toContain('perfgate left the file untouched');
    expect(readFileSync(db, 'utf8')).toBe('garbage '.repeat(1000));
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
  });
});

describe('perfgate report where SQLite cannot load (node --jitless: no WebAssembly)', () => {
  it('writes the reports, keeps the verdict as the exit code, and says in one line that history is off', async () => {
    const dir = workdir();
    const env = { NODE_OPTIONS: '--jitless' };
    const run = await runBinary(['report', ...fixturePaths, '--html', 'r.html', '--junit', 'r.xml'], {
      cwd: dir,
      env,
    });
    expect(run.code).toBe(1);
    expect(existsSync(join(dir, 'r.html'))).toBe(true);
    expect(existsSync(join(dir, 'r.xml'))).toBe(true);
    expect(existsSync(join(dir, '.perfgate'))).toBe(false);
    const warnings = run.stderr.split('\n').filter((line) => line.includes('history'));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^warning history off for this run: SQLite could not load: WebAssembly is not defined — /,
      ),
    ]);
    const history = await runBinary(['history'], {
      cwd: dir,
      env: { ...env, PERFGATE_HISTORY_DB: join(dir, 'r.xml') },
    });
    expect(history.code).toBe(3);
    expect(history.stderr).toContain('SQLite could not load');
  });
});

describe('perfgate history', () => {
  it('lists, shows, and finds the run where a +25 % step in p95 began', async () => {
    const dir = workdir();
    const env = { PERFGATE_HISTORY_DB: join(dir, 'h.db') };
    for (let i = 1; i <= 16; i++) {
      const p95 = (i <= 8 ? 120 : 150) + (i % 3);
      const run = await runInProcess(['report', loadResults(dir, i, p95)], { cwd: dir, env });
      expect(run.code).toBe(0);
    }
    const list = await runInProcess(['history', '--limit', '3'], { cwd: dir, env });
    expect(list.code).toBe(0);
    expect(
      list.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(' ')[0]),
    ).toEqual(['#16', '#15', '#14']);

    const show = await runInProcess(['history', 'show', '9'], { cwd: dir, env });
    expect(show.stdout).toContain('load/checkout/p95 = 150 ms (lower is better)');

    const changes = await runInProcess(['history', '--changes'], { cwd: dir, env });
    expect(changes.code).toBe(0);
    // Means of runs 1–8 (121.125) and 9–16 (150.875); 16 runs: the short-series t-test.
    expect(changes.stdout).toContain(
      'load/checkout/p95: step change at run #9: 121.1 → 150.9 ms (+24.6 %), worse, p < 0.001\n',
    );
    expect(changes.stdout).not.toContain('load/checkout/p50');

    // The HTML of the last run carries the trend with its change point.
    await runInProcess(['report', loadResults(dir, 16, 151), '--json', 'last.json'], { cwd: dir, env });
    const last = JSON.parse(readFileSync(join(dir, 'last.json'), 'utf8'));
    const trend = last.trends.find((t: { metric: string }) => t.metric === 'load/checkout/p95');
    expect(trend.changes.map((c: { runId: number }) => c.runId)).toEqual([9]);
  });

  it('explains a missing database, an unknown run and a bad action with exit 2', async () => {
    const dir = workdir();
    const missing = await runInProcess(['history'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no history database at');
    await runInProcess(['report', ...fixturePaths, '--json', 'r.json'], { cwd: dir });
    expect((await runInProcess(['history', 'show', '42'], { cwd: dir })).stderr).toContain('no run #42');
    expect((await runInProcess(['history', 'drop'], { cwd: dir })).code).toBe(2);
    expect((await runInProcess(['history', '--limit', '0'], { cwd: dir })).code).toBe(2);
  });
});
