// `perfgate init` as a team starting from its own service would use it (~45 s, real processes):
// in an empty folder, then `perfgate validate` and `perfgate run --env ci` against a service of
// the test's own on 127.0.0.1 — benchmark, load test and SLO gate — with the built CLI.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBinary } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'perfgate-init-'));
const STARTER = ['bench/example.bench.mjs', 'load/api.yml', 'perfgate.config.yaml'];
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const files = () =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();

describe('perfgate init in an empty folder', { timeout: 150_000 }, () => {
  it('points at `perfgate init` when there is no config yet', async () => {
    const run = await runBinary(['validate'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('run `npx perfgate init` to write a starter perfgate.config.yaml');
  });

  it('writes the starter: one service at --url, two SLOs, a load script, a benchmark', async () => {
    const run = await runBinary(['init', '--url', `${url}/`], { cwd: dir });
    expect(run.code).toBe(0);
    expect(files()).toEqual(STARTER);
    const config = readFileSync(join(dir, 'perfgate.config.yaml'), 'utf8');
    expect(config).toContain(`url: \${PERFGATE_API_URL:-${url}}`);
    expect(config).toMatch(/name: api_latency_p95[\s\S]*name: api_availability/);
  });

  it('never overwrites: a second init changes nothing and exits 2', async () => {
    writeFileSync(join(dir, 'load', 'api.yml'), '# mine\n');
    const run = await runBinary(['init'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('perfgate.config.yaml already exists');
    expect(readFileSync(join(dir, 'load', 'api.yml'), 'utf8')).toBe('# mine\n');
    rmSync(join(dir, 'load', 'api.yml'));
    expect((await runBinary(['init'], { cwd: dir })).code).toBe(2);
    expect(files()).toEqual(STARTER.filter((file) => file !== 'load/api.yml'));
  });

  it('is accepted by `perfgate validate` and passes `perfgate run --env ci` against the service', async () => {
    rmSync(join(dir, 'perfgate.config.yaml'));
    rmSync(join(dir, 'bench'), { recursive: true });
    expect((await runBinary(['init', '--url', url], { cwd: dir })).code).toBe(0);
    const validate = await runBinary(['validate'], { cwd: dir });
    expect(validate.stdout).toContain('perfgate.config.yaml is valid');
    expect(validate.code).toBe(0);
    const run = await runBinary(['run', '--env', 'ci'], { cwd: dir, timeoutMs: 140_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/benchmarks\s+1 measured/);
    expect(run.stdout).toMatch(/SLOs\s+2 met, 0 violated/);
  });
});
