// A project that installed the packed perfgate tarball, in ESM and strict TypeScript, tested with
// Vitest: it loads its config, load-tests its own server on 127.0.0.1, checks the SLOs, uses the
// matchers and writes a report — through 'perfgate' and 'perfgate/vitest' only.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as perfgate from 'perfgate';
import {
  BenchmarkFramework,
  buildReport,
  checkSlos,
  type LoadResults,
  loadConfig,
  type PerfgateConfig,
  runLoadTest,
  writeReports,
} from 'perfgate';
import { useSlos } from 'perfgate/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const server = createServer((request, response) => {
  response.setHeader('content-type', 'application/json');
  response.end(request.url === '/items' ? '[1,2,3]' : '{"status":"ok"}');
});
let url = '';
let config: PerfgateConfig;
let results: LoadResults;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config = await loadConfig('perfgate.config.yaml', { env: { ...process.env, API_URL: url } });
  useSlos(config.slos);
  const script = config.load.scripts[0];
  if (script === undefined) throw new Error('the config names no load script');
  results = await runLoadTest(script.path, { target: url });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('perfgate from its tarball, in ESM with Vitest', () => {
  it('loads and resolves the config', () => {
    expect(config.environment.name).toBe('ci');
    expect(config.services).toMatchObject([{ name: 'api', url }]);
    expect(config.slos.map((slo) => slo.name)).toEqual(['api_latency_p95', 'api_availability']);
  });

  it('fails on a bad config with FILE:LINE:COL lines', async () => {
    const error = await loadConfig('bad.yaml').catch((caught: unknown) => caught);
    expect(perfgate.isPerfgateError(error) && error.code).toBe('CONFIG_INVALID');
    expect(perfgate.isPerfgateError(error) && error.details).toEqual([
      expect.stringMatching(/^bad\.yaml:2:\d+ services\.api\.readyTimeout: invalid duration "soon"/),
    ]);
  });

  it('ran a short load test against its own server', () => {
    expect(results.aggregate.counters['http.codes.200']).toBe(40);
    expect(results.perfgate.ensure.passed).toBe(true);
  });

  it('checks the SLOs of the config', () => {
    const gate = checkSlos(results, config);
    expect(gate.passed).toBe(true);
    expect(gate.checks.map((check) => `${check.slo}: ${check.verdict}`)).toEqual([
      'api_latency_p95: pass',
      'api_availability: pass',
    ]);
  });

  it('meets the SLOs with toMeetSLO, and says why when one is unknown', () => {
    expect(results).toMeetSLO('api_latency_p95');
    expect(results).toMeetSLO('api_availability');
    expect(() => expect(results).toMeetSLO('api_typo')).toThrow(/unknown SLO "api_typo"/);
  });

  it('measures with the benchmark API', async () => {
    const result = await new BenchmarkFramework().benchmark('sum', () => [1, 2, 3].reduce((a, b) => a + b), {
      iterations: 20,
      warmupIterations: 2,
    });
    expect(result.median).toBeGreaterThan(0);
    expect(result).toHaveNoRegression({ baseline: result.median * 10 });
  });

  it('writes the reports', () => {
    const report = buildReport([results, checkSlos(results, config)], { title: 'consumer' });
    expect(report.slos.map((slo) => `${slo.name}: ${slo.verdict}`)).toContain('api_availability: met');
    expect(writeReports(report, { html: 'out/report.html', junit: 'out/junit.xml' })).toHaveLength(2);
  });

  it('exports the documented API and nothing else', () => {
    expect(Object.keys(perfgate).sort()).toEqual([
      'BenchmarkFramework',
      'PerfgateError',
      'benchmark',
      'buildReport',
      'checkSlos',
      'isPerfgateError',
      'loadConfig',
      'perfgateMatchers',
      'renderHtml',
      'renderJson',
      'renderJunit',
      'renderMarkdown',
      'runLoadTest',
      'toHaveNoRegression',
      'toMeetSLO',
      'useSlos',
      'writeReports',
    ]);
  });
});

// @ts-expect-error internals are not part of the package's exports
type _Internal = typeof import('perfgate/dist/cli/main.js');

/** Never called: what strict TypeScript must refuse (checked by tsc through @ts-expect-error). */
async function _typeChecks(): Promise<void> {
  // @ts-expect-error toMeetSLO takes the SLO's name
  expect(results).toMeetSLO(42);
  // @ts-expect-error the severity is minor, major or critical
  expect(results).toHaveNoRegression({ severity: 'huge' });
  // @ts-expect-error runLoadTest's options are typed
  await runLoadTest('load/api.yml', { targt: url });
}
