import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, isRunning, serverCommand } from '../fixtures/services/helpers.js';
import { CLI_BIN, REPO_ROOT } from '../helpers/cli.js';

const DEMO_CONFIG = join(REPO_ROOT, 'examples', 'smm', 'perfgate.config.yaml');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the built CLI; `finished` resolves when it exits. */
function startCli(
  argv: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; finished: Promise<Finished>; output: () => string } {
  const child = spawn(process.execPath, [CLI_BIN, ...argv], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const finished = new Promise<Finished>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, finished, output: () => stdout + stderr };
}

async function demoPorts(): Promise<Record<string, string>> {
  const names = ['SMM_MODEL_ROUTER_PORT', 'SMM_TOOLHUB_PORT', 'SMM_WORKSPACE_PORT', 'SMM_SIMULATION_PORT'];
  const entries = [];
  for (const name of names) entries.push([name, String(await freePort())]);
  return Object.fromEntries(entries);
}

const pidsIn = (text: string) => [
  ...new Set([...text.matchAll(/\(pid (\d+)\)/g)].map((match) => Number(match[1]))),
];

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('perfgate services on the demo system', () => {
  it('starts all four services, reports them healthy, stops them and leaves nothing behind', async () => {
    const run = startCli(['--config', DEMO_CONFIG, 'services'], await demoPorts());
    const result = await run.finished;
    expect(result.code).toBe(0);
    for (const name of ['model-router', 'toolhub', 'workspace', 'simulation']) {
      expect(result.stdout).toMatch(
        new RegExp(`^${name}\\s+healthy\\s+http://127\\.0\\.0\\.1:\\d+/health\\s+200 in`, 'm'),
      );
    }
    const pids = pidsIn(result.stdout);
    expect(pids).toHaveLength(4);
    for (const pid of pids) expect(isRunning(pid)).toBe(false);
  }, 60_000);

  it('stops every service group on SIGINT in the middle of --hold and exits 130', async () => {
    const run = startCli(['--config', DEMO_CONFIG, 'services', '--hold'], await demoPorts());
    try {
      await waitFor(() => run.output().includes('press Ctrl-C'), 45_000);
      const pids = pidsIn(run.output());
      expect(pids).toHaveLength(4);
      for (const pid of pids) expect(isRunning(pid)).toBe(true);
      run.child.kill('SIGINT');
      const result = await run.finished;
      expect(result.code).toBe(130);
      expect(result.stderr).toContain('SIGINT: stopping services');
      expect(result.stderr).toContain('services stopped');
      for (const pid of pids) expect(isRunning(pid)).toBe(false);
    } finally {
      // If an assertion failed before the SIGINT, still stop the CLI (it stops its services).
      if (run.child.exitCode === null) {
        run.child.kill('SIGINT');
        await run.finished;
      }
    }
  }, 60_000);
});

describe('perfgate services when a service cannot start', () => {
  it('reports a start command that dies, with its output, exits 3 and stops the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfgate-services-'));
    const [good, bad] = [await freePort(), await freePort()];
    writeFileSync(
      join(dir, 'perfgate.config.yaml'),
      `services:
  first:
    url: http://127.0.0.1:${good}
    start: ${JSON.stringify(serverCommand(good))}
  broken:
    url: http://127.0.0.1:${bad}
    start: ${JSON.stringify(serverCommand(bad, '--exit', '4', '--stderr', "'fatal: DATABASE_URL missing'"))}
`,
    );
    const run = startCli(['--config', join(dir, 'perfgate.config.yaml'), 'services']);
    const result = await run.finished;
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("service 'broken' exited with code 4 before it became healthy");
    expect(result.stderr).toContain('fatal: DATABASE_URL missing');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const firstPid = Number(
      /service 'first' is healthy after [\d.]+s \(pid (\d+)\)/.exec(result.stderr)?.[1],
    );
    expect(firstPid).toBeGreaterThan(0);
    expect(isRunning(firstPid)).toBe(false);
  }, 60_000);

  it('reports a port that is already taken and exits 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfgate-services-'));
    const port = await freePort();
    const squatter = spawn(
      process.execPath,
      [join(REPO_ROOT, 'test/fixtures/services/server.mjs'), '--port', String(port)],
      {
        stdio: 'ignore',
      },
    );
    try {
      writeFileSync(
        join(dir, 'perfgate.config.yaml'),
        `services:\n  api:\n    url: http://127.0.0.1:${port}\n    start: ${JSON.stringify(serverCommand(port))}\n`,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const result = await startCli(['--config', join(dir, 'perfgate.config.yaml'), 'services']).finished;
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(
        `service 'api': 127.0.0.1:${port} is already in use by another process`,
      );
      expect(result.stderr).toContain('reuseExisting: true');
    } finally {
      squatter.kill('SIGKILL');
    }
  }, 30_000);

  it('refuses an invalid config with every problem and exits 2 without starting anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfgate-services-'));
    writeFileSync(
      join(dir, 'perfgate.config.yaml'),
      'services:\n  api:\n    url: http://127.0.0.1:1\n    readyTimeout: soon\n    strat: x\n',
    );
    const result = await startCli(['--config', join(dir, 'perfgate.config.yaml'), 'services']).finished;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('services.api.readyTimeout: invalid duration "soon"');
    expect(result.stderr).toContain('services.api.strat: unknown key "strat" — did you mean "start"?');
    expect(result.stderr).not.toContain('starting');
  });
});
