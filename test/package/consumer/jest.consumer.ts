// The same project as CommonJS under Jest 30's defaults (package.json "jest": only
// setupFilesAfterEnv: ["perfgate/jest"]), written in strict TypeScript and compiled by tsc:
// require('perfgate') and the matchers come from the package's CommonJS build.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkSlos, type LoadResults, loadConfig, type PerfgateConfig, runLoadTest, useSlos } from 'perfgate';
import type {} from 'perfgate/jest';

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
  results = await runLoadTest('load/api.yml', { target: url });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('perfgate from its tarball, in CommonJS with Jest', () => {
  it('loads the config and runs a short load test against its own server', () => {
    expect(config.services).toMatchObject([{ name: 'api', url }]);
    expect(results.aggregate.counters['http.codes.200']).toBe(40);
  });

  it('checks the SLOs', () => {
    expect(checkSlos(results, config.slos).passed).toBe(true);
  });

  it('meets the SLOs with toMeetSLO from perfgate/jest', () => {
    expect(results).toMeetSLO('api_latency_p95');
    expect(results).toMeetSLO('api_availability');
    expect(() => expect(results).toMeetSLO('api_typo')).toThrow(/unknown SLO "api_typo"/);
  });
});

/** Never called: what strict TypeScript must refuse (checked by tsc through @ts-expect-error). */
function _typeChecks(): void {
  // @ts-expect-error toMeetSLO takes the SLO's name
  expect(results).toMeetSLO(42);
}
