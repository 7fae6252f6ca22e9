// The public library API (src/api) in-process, as a project importing 'perfgate' uses it: a config
// loaded and checked as `perfgate validate` checks it, a load test against a server of its own on
// 127.0.0.1, its SLOs judged, a report written. test/package/ runs the same from the packed tarball.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  buildReport,
  checkSlos,
  isPerfgateError,
  type LoadResults,
  loadConfig,
  runLoadTest,
  type SloDefinitions,
  toMeetSLO,
  useSlos,
  writeReports,
} from '../../src/index.js';
import { runInProcess } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'perfgate-api-'));
let server: Server;
let url = '';

const CONFIG = (port: number) => `services:
  api: { url: "http://127.0.0.1:\${API_PORT:-${port}}" }
slos:
  - name: api_latency_p95
    service: api
    sli: { type: latency, percentile: 95, endpoint: GET /items }
    slo: { target: 300, operator: "<=", unit: ms }
    errorBudget: { period: 30d }
  - name: api_availability
    service: api
    sli: { type: availability }
    slo: { target: 99.9, operator: ">=", unit: "%" }
load:
  scripts: [{ path: load/api.yml, service: api }]
`;

const SCRIPT = `config:
  target: http://127.0.0.1:1
  phases: [{ duration: 1, arrivalRate: 20 }]
scenarios:
  - flow:
      - get: { url: /items }
`;

async function errorOf(run: () => Promise<unknown>) {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isPerfgateError(error)) throw new Error(`expected a PerfgateError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    response.statusCode = request.url === '/broken' ? 500 : 200;
    response.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(join(dir, 'perfgate.config.yaml'), CONFIG((server.address() as AddressInfo).port));
  mkdirSync(join(dir, 'load'));
  writeFileSync(join(dir, 'load', 'api.yml'), SCRIPT);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('resolves the config for an environment, relative to the working directory', async () => {
    const config = await loadConfig('perfgate.config.yaml', { cwd: dir, environment: 'staging', env: {} });
    expect(config.environment.name).toBe('staging');
    expect(config.services.map((service) => service.url)).toEqual([url]);
    expect(config.slos[0]?.errorBudget?.period).toBe(30 * 86_400_000);
    expect(config.load.scripts[0]?.path).toBe(join(dir, 'load', 'api.yml'));
  });

  it('fails with every problem as FILE:LINE:COL, the lines `perfgate validate` prints', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'services:\n  api: { url: "http://127.0.0.1:1", readyTimeout: soon }\nregresion: {}\n',
    );
    const error = await errorOf(() => loadConfig('bad.yaml', { cwd: dir }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.details).toEqual([
      'bad.yaml:2:51 services.api.readyTimeout: invalid duration "soon": expected a number or a string such as 500ms, 30s, 5m, 1h, 7d',
      'bad.yaml:3:1 regresion: unknown key "regresion" — did you mean "regression"?',
    ]);
    expect(error.message).toBe(`bad.yaml: 2 problems\n${error.details.join('\n')}`);
    const validate = await runInProcess(['--config', 'bad.yaml', 'validate'], { cwd: dir });
    expect(validate.stdout.trim().split('\n')).toEqual(error.details);
  });

  it('checks the load scripts it names, as `perfgate validate` does', async () => {
    writeFileSync(join(dir, 'load', 'broken.yml'), 'config:\n  target: http://127.0.0.1:1\nscenarios: 3\n');
    writeFileSync(join(dir, 'scripts.yaml'), 'load:\n  scripts: [load/broken.yml]\n');
    const error = await errorOf(() => loadConfig('scripts.yaml', { cwd: dir }));
    expect(error.message).toMatch(/^the load scripts of scripts\.yaml: 1 problem\n/);
    expect(error.details[0]).toMatch(/^load\/broken\.yml:3:12 scenarios: /);
  });

  it('names a missing file', async () => {
    expect((await errorOf(() => loadConfig('nope.yaml', { cwd: dir }))).code).toBe('FILE_NOT_FOUND');
  });
});

describe('runLoadTest, checkSlos and the matchers on the loaded SLOs', () => {
  let results: LoadResults;

  beforeAll(async () => {
    results = await runLoadTest('load/api.yml', { cwd: dir, target: url });
  });

  it('runs the script against the given target and returns Artillery-layout results', () => {
    expect(results.aggregate.counters['http.codes.200']).toBe(20);
    expect(results.perfgate.unreachable).toBe(false);
  });

  it('judges the SLOs of the loaded config: passed, with budget terms', async () => {
    const config = await loadConfig(join(dir, 'perfgate.config.yaml'));
    const gate = checkSlos(results, config);
    expect(gate.passed).toBe(true);
    expect(gate.checks.map((check) => [check.slo, check.verdict])).toEqual([
      ['api_latency_p95', 'pass'],
      ['api_availability', 'pass'],
    ]);
    expect(gate.checks[1]?.budget?.errorRatio).toBe(0);
    useSlos(config.slos);
    expect(toMeetSLO(results, 'api_latency_p95').pass).toBe(true);
  });

  it('takes the SLO entries as written in the YAML too (period: 30d), as the README shows', () => {
    const written = parse(CONFIG(1)) as { slos: unknown[] };
    useSlos(written.slos as SloDefinitions);
    expect(toMeetSLO(results, 'api_availability').pass).toBe(true);
    const bad = [{ ...(written.slos[0] as object), sli: { type: 'latancy' } }] as unknown as SloDefinitions;
    expect(() => useSlos(bad)).toThrow(/slos\[0\]\.sli\.type: expected one of .* — did you mean "latency"\?/);
  });

  it('fails the gate when the service fails, and a report says so', async () => {
    const broken = await runLoadTest(
      {
        config: { target: url, phases: [{ duration: 1, arrivalRate: 10 }] },
        scenarios: [{ flow: [{ get: { url: '/broken' } }] }],
      },
      {},
    );
    const config = await loadConfig(join(dir, 'perfgate.config.yaml'));
    const gate = checkSlos(broken, config.slos);
    expect(gate.passed).toBe(false);
    expect(gate.checks.find((check) => check.slo === 'api_availability')).toMatchObject({
      verdict: 'fail',
      measured: { value: 0 },
    });
    const report = buildReport([broken, gate], { title: 'api' });
    expect(report.verdict.status).toBe('failed');
    const written = writeReports(report, { html: 'out/r.html', junit: 'out/r.xml' }, { cwd: dir });
    expect(written.sort()).toEqual([join(dir, 'out', 'r.html'), join(dir, 'out', 'r.xml')]);
    expect(readFileSync(join(dir, 'out', 'r.html'), 'utf8')).toContain('<td>api_availability</td>');
    expect(readFileSync(join(dir, 'out', 'r.xml'), 'utf8')).toContain(
      '<failure message="availability measured 0 % vs target &gt;= 99.9 %"',
    );
  });

  it('rejects an invalid script with every problem located', async () => {
    writeFileSync(join(dir, 'load', 'bad.yml'), 'config:\n  phases: [{ duration: soon }]\nscenarios: []\n');
    const error = await errorOf(() => runLoadTest('load/bad.yml', { cwd: dir }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.details.every((line) => /^load\/bad\.yml:\d+:\d+ /.test(line))).toBe(true);
  });
});
