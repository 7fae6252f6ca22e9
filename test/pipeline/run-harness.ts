/**
 * Helpers for `perfgate run` end-to-end tests: the built CLI as a child process, the demo
 * services on free ports, and a config of the demo services with a given load profile.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, isRunning } from '../fixtures/services/helpers.js';
import { CLI_BIN, REPO_ROOT } from '../helpers/cli.js';

export const DEMO_DIR = join(REPO_ROOT, 'examples', 'smm');
export const DEMO_CONFIG = join(DEMO_DIR, 'perfgate.config.yaml');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliChild {
  child: ChildProcess;
  finished: Promise<Finished>;
  output(): string;
}

/** Starts the built CLI in `cwd` with only PATH, HOME and `env` in its environment. */
export function startCli(argv: string[], cwd: string, env: Record<string, string> = {}): CliChild {
  const child = spawn(process.execPath, [CLI_BIN, ...argv], {
    cwd,
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

/** The demo config's port variables, each set to a free port. */
export async function demoPorts(): Promise<Record<string, string>> {
  const names = ['SMM_MODEL_ROUTER_PORT', 'SMM_TOOLHUB_PORT', 'SMM_WORKSPACE_PORT', 'SMM_SIMULATION_PORT'];
  const entries: [string, string][] = [];
  for (const name of names) entries.push([name, String(await freePort())]);
  return Object.fromEntries(entries);
}

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `perfgate-${prefix}-`));

/** True when something accepts connections on 127.0.0.1:port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export const pidsIn = (text: string) => [
  ...new Set([...text.matchAll(/\(pid (\d+)\)/g)].map((match) => Number(match[1]))),
];

export const anyRunning = (pids: readonly number[]) => pids.filter((pid) => isRunning(pid));

export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface TestConfigOptions {
  /** service name → port; each runs the demo service of that name. */
  ports: Record<string, number>;
  /** Extra services written as YAML lines under `services:` (e.g. one that cannot start). */
  extraServices?: string;
  duration: string;
  timeBudget?: string;
  /** Top-level YAML appended to the config (e.g. `notifications:`). */
  extra?: string;
}

/** A config in a temp dir: the demo's model-router and toolhub with their scripts and SLOs. */
export function writeTestConfig(dir: string, options: TestConfigOptions): string {
  const services = Object.entries(options.ports)
    .map(
      ([name, port]) => `  ${name}:
    url: http://127.0.0.1:${port}
    start: node --import tsx ./services/${name}.ts
    cwd: ${DEMO_DIR}
    env: { PORT: "${port}" }
    healthcheck: /health
    readyTimeout: 30s`,
    )
    .join('\n');
  const scripts = Object.keys(options.ports)
    .map((name) => `    - { path: ${join(DEMO_DIR, 'load', `${name}.yml`)}, service: ${name} }`)
    .join('\n');
  const text = `version: 1
services:
${services}
${options.extraServices ?? ''}
slos:
  - name: toolhub_vector_search_p95
    service: toolhub
    sli: { type: latency, percentile: 95, endpoint: POST /api/tools/search }
    slo: { target: 300, operator: "<=", unit: ms }
load:
  scripts:
${scripts}
  profiles:
    test: { users: 2, rps: 5, duration: ${options.duration} }
environments:
  ci:
    loadProfile: test
    timeBudget: ${options.timeBudget ?? '2m'}
    benchmarks: { files: [] }
  production:
    loadProfile: test
    requireConfirmation: true
    benchmarks: { files: [] }
${options.extra ?? ''}
`;
  const path = join(dir, 'perfgate.config.yaml');
  writeFileSync(path, text);
  return path;
}

/** The run's results directory, read from `perf-results/latest` under `cwd`. */
export function latestResults(cwd: string): string {
  const latest = join(cwd, 'perf-results', 'latest');
  if (!existsSync(latest)) throw new Error(`no ${latest}`);
  return latest;
}

export const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
