import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runBinary, runInProcess } from '../../helpers/cli.js';
import { type RecordingServer, startRecordingServer } from '../flow/recording-server.js';

let server: RecordingServer;
const dir = mkdtempSync(join(tmpdir(), 'perfgate-flags-'));
/** These tests are about what is sent, not the generator's health on a busy CI machine. */
const BASE = ['--workers', '1', '--quiet', '--allow-saturated'];

beforeAll(async () => {
  server = await startRecordingServer();
});
beforeEach(() => {
  server.received.length = 0;
});
afterAll(() => server.close());

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

const twoScenarios = () => `config:
  target: ${server.url}
  phases:
    - duration: 1
      arrivalRate: 20
  variables:
    tenant: from-script
scenarios:
  - name: a
    weight: 1
    flow:
      - get:
          url: "/a/{{ tenant }}/{{ $env.REGION }}"
  - name: b
    weight: 5
    flow:
      - get:
          url: /b
`;

describe("perfgate load with Artillery's run flags", () => {
  it('--overrides replaces phases, --variables wins, --dotenv feeds $env, --scenario-name picks one', async () => {
    const script = file('flags.yml', twoScenarios());
    file('.env', 'REGION=eu-west\n# a comment\nOTHER="x y"\n');
    const run = await runInProcess(
      [
        'load',
        script,
        ...BASE,
        '--overrides',
        '{"config":{"phases":[{"duration":1,"arrivalCount":3}]}}',
        '--variables',
        '{"tenant":"acme"}',
        '--dotenv',
        '.env',
        '--scenario-name',
        'a',
      ],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(server.received.map((request) => request.url)).toEqual([
      '/a/acme/eu-west',
      '/a/acme/eu-west',
      '/a/acme/eu-west',
    ]);
  });

  it('--solo sends one VU; the environment given wins over --dotenv', async () => {
    const script = file('solo.yml', twoScenarios());
    file('solo.env', 'REGION=from-file\n');
    const run = await runInProcess(
      ['load', script, ...BASE, '--solo', '--scenario-name', 'a', '--dotenv', 'solo.env'],
      { cwd: dir, env: { REGION: 'from-env' } },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(server.received.map((request) => request.url)).toEqual(['/a/from-script/from-env']);
  });

  it('exits 2 naming the flag for bad JSON, a missing .env file or an unknown scenario', async () => {
    const script = file('bad-flags.yml', twoScenarios());
    const badJson = await runInProcess(['load', script, '--overrides', '{phases: 1}'], { cwd: dir });
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain('--overrides: not valid JSON');
    const list = await runInProcess(['load', script, '--variables', '[1]'], { cwd: dir });
    expect(list.stderr).toContain('--variables: expected a JSON object');
    const noEnv = await runInProcess(['load', script, '--dotenv', 'missing.env'], { cwd: dir });
    expect(noEnv.stderr).toContain('--dotenv missing.env: ENOENT');
    const noScenario = await runInProcess(['load', script, '--scenario-name', 'zzz'], { cwd: dir });
    expect(noScenario.code).toBe(2);
    expect(noScenario.stderr).toContain('--scenario-name "zzz": no such scenario (have: "a", "b")');
    const empty = file('empty.mjs', 'export const unrelated = 1;\n');
    const noScript = await runInProcess(['load', empty], { cwd: dir });
    expect(noScript.code).toBe(2);
    expect(noScript.stderr).toContain('the module exports no script');
    expect(server.received).toHaveLength(0);
  });

  it('runs a script written as a JS module with an inline processor (on 2 workers) and as a TypeScript module (built CLI)', async () => {
    const js = file(
      'script.mjs',
      `export const config = {
  target: '${server.url}',
  phases: [{ duration: 1, arrivalCount: 2 }],
  processor: { stamp(req, context, events, done) { req.headers = { ...req.headers, 'x-from': 'js' }; done(); } },
};
export const scenarios = [{ flow: [{ get: { url: '/js', beforeRequest: 'stamp' } }] }];
`,
    );
    const ts = file(
      'script.ts',
      `interface Phase { duration: number; arrivalCount: number }
const phases: Phase[] = [{ duration: 1, arrivalCount: 1 }];
export default {
  config: { target: '${server.url}', phases },
  scenarios: [{ flow: [{ post: { url: '/ts', json: { typed: true } satisfies Record<string, boolean> } }] }],
};
`,
    );
    // Two worker threads: each must import the module again for its processor functions.
    const jsRun = await runBinary(['load', js, '--workers', '2', '--quiet', '--allow-saturated'], {
      cwd: dir,
    });
    expect(jsRun.code, jsRun.stderr).toBe(0);
    const tsRun = await runBinary(['load', ts, ...BASE], { cwd: dir });
    expect(tsRun.code, tsRun.stderr).toBe(0);
    const sent = server.received.map((request) => [request.url, request.headers['x-from'] ?? request.body]);
    expect(sent).toEqual([
      ['/js', 'js'],
      ['/js', 'js'],
      ['/ts', '{"typed":true}'],
    ]);
  }, 30_000);
});
