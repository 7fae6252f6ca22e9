import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, runBinary, runInProcess } from '../../helpers/cli.js';

let server: Server;
let port: number;
const dir = mkdtempSync(join(tmpdir(), 'perfgate-load-'));

beforeAll(async () => {
  server = createServer((_req, res) => res.end('{"ok":true}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

function script(name: string, body: string): string {
  writeFileSync(join(dir, name), body);
  return name;
}

/**
 * A shared CI machine can starve the generator (the untrusted verdict, exit 3); these tests are
 * about the other exit codes, so they accept a saturated generator.
 */
const TOLERATE_BUSY_MACHINE = ['--allow-saturated'];

const simple = (target: string, extra = '') => `config:
  target: ${target}
  phases:
    - duration: 1
      arrivalRate: 20
${extra}scenarios:
  - flow:
      - get:
          url: /
`;

describe('perfgate load', () => {
  it('exits 2 with FILE:LINE:COL messages for a bad script', async () => {
    const file = script(
      'bad.yml',
      'config:\n  target: http://127.0.0.1:1\n  phases:\n    - duration: 1\n      arrivalRat: 5\nscenarios: []\n',
    );
    const run = await runInProcess(['load', file], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /bad\.yml:4:\d+ config\.phases\[0\]: a phase needs arrivalRate.*; got "arrivalRat"/,
    );
  });

  it('prints the schedule with --dry-run and sends nothing', async () => {
    const file = script('dry.yml', simple('http://127.0.0.1:1'));
    const run = await runInProcess(['load', file, '--dry-run', '--segment', '2/2'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('segment 2/2');
    expect(run.stdout).toContain('10 of 20 arrivals; first at 50, 150, 250');
  });

  it('exits 0 with results in Artillery layout, and 1 when ensure fails', async () => {
    const ok = script('ok.yml', simple(`http://127.0.0.1:${port}`, '  perfgate:\n    traceparent: true\n'));
    const passed = await runInProcess(
      ['load', ok, '-o', 'ok.json', '--workers', '1', '--quiet', ...TOLERATE_BUSY_MACHINE],
      {
        cwd: dir,
      },
    );
    expect(passed.code).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'ok.json'), 'utf8'));
    expect(results.aggregate.counters['http.codes.200']).toBe(20);
    expect(results.aggregate.summaries['perfgate.http.duration'].count).toBe(20);
    expect(results.perfgate.status).toBe('completed');
    expect(results.perfgate.samples.slowest).toHaveLength(10);
    expect(results.perfgate.samples.slowest[0]).toMatchObject({
      method: 'GET',
      status: 200,
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    // The failing run also writes every report (--report: the older spelling of --html) and keeps exit 1.
    const failing = script(
      'fail <&>.yml',
      simple(
        `http://127.0.0.1:${port}`,
        // As in Artillery 2, ensure checks run when the ensure plugin is on.
        '  plugins:\n    ensure: {}\n  ensure:\n    thresholds:\n      - http.codes.200: 5\n',
      ),
    );
    const reports = [
      '--report',
      'r/f.html',
      '--markdown',
      'r/f.md',
      '--junit',
      'r/f.xml',
      '--json',
      'r/f.json',
    ];
    const failed = await runInProcess(
      ['load', failing, '--workers', '1', ...reports, ...TOLERATE_BUSY_MACHINE],
      { cwd: dir },
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('ensure fail: http.codes.200 < 5');
    expect(failed.stderr).toContain(`wrote ${join(dir, 'r', 'f.xml')}`);
    expect(failed.stderr).toContain(`recorded as run #1 in ${join(dir, '.perfgate', 'history.db')}`);
    const read = (file: string) => readFileSync(join(dir, 'r', file), 'utf8');
    expect(read('f.html')).toContain('fail &lt;&amp;&gt;.yml: http.codes.200 &lt; 5');
    expect(read('f.html')).not.toContain('fail <&>');
    const report = JSON.parse(read('f.json'));
    expect(report.verdict.status).toBe('failed');
    const testcases = read('f.xml').match(/<testcase /g) ?? [];
    expect(testcases).toHaveLength(report.verdict.gates.length);
    expect(report.verdict.gates.length).toBeGreaterThanOrEqual(2);
    expect(read('f.md')).toMatch(/FAILED/);
  });

  it('exits 3 when the target is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const deadPort = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const file = script('dead.yml', simple(`http://127.0.0.1:${deadPort}`));
    const run = await runInProcess(['load', file, '--workers', '1'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('unreachable');
  });

  it('merges two segment runs exactly with perfgate merge', async () => {
    const file = script('seg.yml', simple(`http://127.0.0.1:${port}`));
    for (const segment of ['1/2', '2/2']) {
      const out = `seg-${segment[0]}.json`;
      const run = await runInProcess(
        [
          'load',
          file,
          '--segment',
          segment,
          '-o',
          out,
          '--workers',
          '1',
          '--quiet',
          ...TOLERATE_BUSY_MACHINE,
        ],
        { cwd: dir },
      );
      expect(run.code).toBe(0);
    }
    const merged = await runInProcess(
      ['merge', 'seg-1.json', 'seg-2.json', '-o', 'merged.json', '--quiet', ...TOLERATE_BUSY_MACHINE],
      {
        cwd: dir,
      },
    );
    expect(merged.code).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'merged.json'), 'utf8'));
    expect(results.aggregate.counters['http.requests']).toBe(20);
    expect(results.aggregate.summaries['perfgate.http.duration'].count).toBe(20);
    expect(results.perfgate.segments).toEqual(['1/2', '2/2']);
  });

  it('splits the load across worker threads and merges their results exactly (built CLI)', async () => {
    const file = script('workers.yml', simple(`http://127.0.0.1:${port}`));
    const run = await runBinary(
      ['load', file, '--workers', '2', '-o', 'workers.json', '--quiet', ...TOLERATE_BUSY_MACHINE],
      {
        cwd: dir,
      },
    );
    expect(run.code).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'workers.json'), 'utf8'));
    expect(results.perfgate.health.generators).toBe(2);
    expect(results.aggregate.counters['http.requests']).toBe(20);
    expect(results.aggregate.summaries['perfgate.http.duration'].count).toBe(20);
  });

  it.each([1, 2])(
    'on SIGINT stops, writes results marked interrupted and exits 3, with %i worker(s) (built CLI)',
    async (workers) => {
      const file = script(
        `long-${workers}.yml`,
        `config:\n  target: http://127.0.0.1:${port}\n  phases:\n    - duration: 60\n      arrivalRate: 20\nscenarios:\n  - flow:\n      - get:\n          url: /\n`,
      );
      const out = `long-${workers}.json`;
      const child = spawn(
        process.execPath,
        [CLI_BIN, 'load', file, '-o', out, '--interval', '1s', '--workers', String(workers)],
        { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      let interrupted = false;
      child.stderr.on('data', (chunk) => {
        stderr += String(chunk);
        if (!interrupted && /\d+ requests sent · /.test(stderr)) {
          interrupted = true;
          child.kill('SIGINT');
        }
      });
      const [code] = (await once(child, 'exit')) as [number];
      expect(code).toBe(3);
      const results = JSON.parse(readFileSync(join(dir, out), 'utf8'));
      expect(results.perfgate.status).toBe('interrupted');
      expect(results.perfgate.health.generators).toBe(workers);
      expect(results.aggregate.counters['http.requests']).toBeGreaterThan(0);
      expect(results.aggregate.counters['http.requests']).toBeLessThan(200);
      // Every request sent was answered or counted: none lost between the workers and the merge.
      expect(results.aggregate.summaries['perfgate.http.duration'].count).toBe(
        results.aggregate.counters['http.responses'],
      );
    },
    20_000,
  );
});
