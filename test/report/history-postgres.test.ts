// The shared history store on a real PostgreSQL (Debian's `postgresql`), a cluster this test
// creates in a temporary folder on a free port of 127.0.0.1 and removes afterwards.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../src/report/history/open.js';
import type { RunSummary } from '../../src/report/history/summary.js';
import { freePort } from '../fixtures/services/helpers.js';
import { runInProcess } from '../helpers/cli.js';
import { startTarget } from '../observability/processes.js';

const PASSWORD = 'pg-Secret-0451';
let dir: string;
let server: ChildProcess;
let url: string;

/** Runs a PostgreSQL binary as the `postgres` user when this test runs as root (initdb refuses root). */
function asOwner(binary: string, args: string[]): [string, string[]] {
  const bin = join(
    '/usr/lib/postgresql',
    readdirSync('/usr/lib/postgresql').sort().at(-1) ?? '',
    'bin',
    binary,
  );
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

async function ready(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('PostgreSQL did not start');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perfgate-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  writeFileSync(join(dir, 'pw'), PASSWORD, { mode: 0o644 });
  const [initdb, initArgs] = asOwner('initdb', [
    '-D',
    data,
    '-U',
    'perfgate',
    `--pwfile=${join(dir, 'pw')}`,
    '--auth=scram-sha-256',
    '-E',
    'UTF8',
  ]);
  execFileSync(initdb, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const [postgres, args] = asOwner('postgres', [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
  ]);
  server = spawn(postgres, args, { stdio: 'ignore' });
  url = `postgres://perfgate:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await ready();
}, 60_000);

afterAll(async () => {
  // pg_ctl stops the server itself (a signal to runuser would not reach it).
  const exited = new Promise((resolve) => server?.once('exit', resolve));
  const [pgCtl, args] = asOwner('pg_ctl', ['stop', '-D', join(dir, 'data'), '-m', 'immediate']);
  execFileSync(pgCtl, args, { stdio: 'ignore' });
  await exited;
  rmSync(dir, { recursive: true, force: true });
});

const summary = (title: string, p95: number): RunSummary => ({
  recordedAt: Date.now(),
  title,
  status: 'passed',
  environment: 'ci',
  gatesTotal: 1,
  gatesFailed: 0,
  failedGates: [],
  metrics: [{ name: 'load/api/p95', value: p95, unit: 'ms', better: 'lower' }],
});

/** A folder holding a one-second `smoke.yml` against a target this test starts, for `body`. */
async function inSmokeProject(phase: string, body: (cwd: string) => Promise<void>): Promise<void> {
  const target = await startTarget();
  const cwd = mkdtempSync(join(tmpdir(), 'perfgate-pg-project-'));
  try {
    writeFileSync(
      join(cwd, 'smoke.yml'),
      `config: { target: "${target.url}", phases: [{ duration: 1, ${phase} }] }\nscenarios: [{ flow: [{ get: { url: /api/items } }] }]\n`,
    );
    await body(cwd);
  } finally {
    await target.close();
    rmSync(cwd, { recursive: true, force: true });
  }
}

describe('the PostgreSQL history store', () => {
  it('keeps runs and series as the SQLite file does, once per run key, in its own tables', async () => {
    const store = await openHistoryStore(url, { create: true });
    try {
      expect(store.location).not.toContain(PASSWORD);
      expect(await store.append(summary('first', 16), 'k1')).toEqual({ id: 1, added: true });
      expect(await store.append(summary('second', 56), 'k2')).toEqual({ id: 2, added: true });
      expect(await store.append(summary('second again', 56), 'k2')).toEqual({ id: 2, added: false });
      // The repeated key took no run number.
      expect(await store.append(summary('third', 57), 'k3')).toEqual({ id: 3, added: true });
      expect((await store.listRuns(10)).map((run) => [run.id, run.title, run.environment])).toEqual([
        [3, 'third', 'ci'],
        [2, 'second', 'ci'],
        [1, 'first', 'ci'],
      ]);
      const [series] = await store.series(10);
      expect(series?.points.map((point) => point.value)).toEqual([16, 56, 57]);
      expect((await store.getRun(1)).metrics).toEqual([
        { name: 'load/api/p95', value: 16, unit: 'ms', better: 'lower' },
      ]);
      expect(await store.schemaVersion()).toBe(1);
    } finally {
      await store.close();
    }
    // A second opening (another CI runner) finds the same history and migrates nothing.
    const again = await openHistoryStore(url, { create: false });
    expect((await again.listRuns(10)).length).toBe(3);
    await again.close();
  });

  it('`perfgate load` records into it and `perfgate history` lists it, the password never printed', () =>
    inSmokeProject('arrivalRate: 5', async (cwd) => {
      const env = { PERFGATE_HISTORY_DB: url };
      const load = await runInProcess(['load', 'smoke.yml'], { cwd, env });
      expect(load.code, load.stderr).toBe(0);
      const recorded =
        /recorded as run #(\d+) in postgres:\/\/perfgate:\*\*\*@127\.0\.0\.1:\d+\/postgres/.exec(load.stderr);
      expect(recorded, load.stderr).not.toBeNull();
      const history = await runInProcess(['history'], { cwd, env });
      expect(history.stdout).toMatch(new RegExp(`^#${recorded?.[1]} `, 'm'));
      expect(history.stdout + history.stderr + load.stderr).not.toContain(PASSWORD);
    }));

  it("a team's config names it (history.url): `load` and `history` use it, whatever else the file lacks", () =>
    inSmokeProject('arrivalCount: 2', async (cwd) => {
      // The name's variable is unset in this shell: a problem outside `history` does not stop these commands.
      writeFileSync(
        join(cwd, 'perfgate.config.yaml'),
        'name: ${PROJECT_TITLE}\nhistory:\n  url: ${TEAM_HISTORY_URL}\n',
      );
      const env = { TEAM_HISTORY_URL: url };
      const load = await runInProcess(['load', 'smoke.yml'], { cwd, env });
      expect(load.code, load.stderr).toBe(0);
      const recorded = /recorded as run #(\d+) in postgres:\/\/perfgate:\*\*\*@127\.0\.0\.1/.exec(
        load.stderr,
      );
      expect(recorded, load.stderr).not.toBeNull();
      expect(existsSync(join(cwd, '.perfgate', 'history.db'))).toBe(false);
      const history = await runInProcess(['history'], { cwd, env });
      expect(history.stdout).toMatch(new RegExp(`^#${recorded?.[1]} `, 'm'));
      // Without the variable the command says which field needs it, rather than reading a local file.
      const unset = await runInProcess(['history'], { cwd, env: {} });
      expect(unset.stderr).toMatch(
        /perfgate\.config\.yaml:3:8 history\.url: environment variable TEAM_HISTORY_URL is not set/,
      );
      expect(unset.code).toBe(2);
    }));

  it('an unreachable server turns history off for the run with one warning; the run still passes', () =>
    inSmokeProject('arrivalCount: 1', async (cwd) => {
      const down = `postgres://perfgate:${PASSWORD}@127.0.0.1:${await freePort()}/postgres`;
      const load = await runInProcess(['load', 'smoke.yml'], { cwd, env: { PERFGATE_HISTORY_DB: down } });
      expect(load.code, load.stderr).toBe(0);
      expect(load.stderr).toMatch(
        /history off for this run: history at postgres:\/\/perfgate:\*\*\*@127\.0\.0\.1:\d+\/postgres: .*ECONNREFUSED/,
      );
      expect(load.stderr).not.toContain(PASSWORD);
    }));
});
