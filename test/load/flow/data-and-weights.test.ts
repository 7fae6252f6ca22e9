import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScriptAssets } from '../../../src/load/data/assets.js';
import { formatScriptIssue } from '../../../src/load/script/issues.js';
import { parseScript } from '../../../src/load/script/parse.js';
import { parseOk, runVus, seededRandom } from './harness.js';
import { type RecordingServer, startRecordingServer } from './recording-server.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/load/${name}`, import.meta.url));
const readText = (path: string) => readFile(path, 'utf8');

let server: RecordingServer;
beforeEach(async () => {
  server = await startRecordingServer();
});
afterEach(async () => {
  await server.close();
});

async function csvScript(order: 'sequence' | 'random' = 'sequence') {
  const text = (await readText(fixture('csv-script.yml'))).replace('order: sequence', `order: ${order}`);
  const result = parseScript(text, fixture('csv-script.yml'), { env: { TARGET: server.url } });
  if (result.state !== 'ok') throw new Error('fixture should parse');
  return result.script;
}

describe('CSV payloads', () => {
  it('gives VUs rows in sequence, wrapping around, with cells cast as Artillery casts them (quoted too)', async () => {
    await runVus(await csvScript(), { vus: 4, readFile: readText });
    const posted = server.received
      .filter((request) => request.url === '/users')
      .map((request) => JSON.parse(request.body));
    expect(posted).toEqual([
      { name: 'alice', age: 30, code: 7 },
      { name: 'bob', age: 41, code: 8 },
      { name: 'carol', age: 25.5, code: 9 },
      { name: 'alice', age: 30, code: 7 },
    ]);
  });

  it('loads a whole file with loadAll and loops over it with $loopElement and $loopCount', async () => {
    await runVus(await csvScript(), { vus: 1, readFile: readText });
    expect(server.received.map((request) => request.url)).toEqual([
      '/users',
      '/a?i=0&who=alice',
      '/b?i=1&who=alice',
    ]);
  });

  it('picks random rows reproducibly from a seeded source, covering every row', async () => {
    const script = await csvScript('random');
    const names = async (seed: number) => {
      server.received.length = 0;
      await runVus(script, { vus: 12, readFile: readText, random: seededRandom(seed) });
      return server.received
        .filter((request) => request.url === '/users')
        .map((request) => JSON.parse(request.body).name);
    };
    const first = await names(7);
    expect(await names(7)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['alice', 'bob', 'carol']));
    expect(first.slice(0, 3)).not.toEqual(['alice', 'bob', 'carol']);
  });

  it('stripes sequence rows by segment so two segments never share a row', async () => {
    const script = await csvScript();
    const rowsOf = async (index: number) => {
      server.received.length = 0;
      await runVus(script, { vus: 3, readFile: readText, extra: { segment: { index, count: 2 } } });
      return server.received
        .filter((request) => request.url === '/users')
        .map((request) => JSON.parse(request.body).name);
    };
    expect(await rowsOf(0)).toEqual(['alice', 'carol', 'alice']);
    expect(await rowsOf(1)).toEqual(['bob', 'bob', 'bob']);
  });

  it('reports a malformed CSV with its file and line', async () => {
    const script = await csvScript();
    const malformed = async (path: string) =>
      path.endsWith('users.csv') ? 'name,age\nalice,"unclosed\n' : readText(path);
    const result = await loadScriptAssets(script, malformed);
    expect(result.state === 'invalid' && result.issues.map(formatScriptIssue)).toEqual([
      expect.stringMatching(/^\/.*\/users\.csv:2:1: CSV error: .*quote/i),
    ]);
  });

  it('reports a missing CSV file as a problem of the script', async () => {
    const script = await csvScript();
    const broken = {
      ...script,
      payloads: [{ ...script.payloads[0], resolvedPath: '/nope/missing.csv' }],
    } as typeof script;
    await expect(runVus(broken, { readFile: readText })).rejects.toThrow(/cannot read \/nope\/missing\.csv/);
  });
});

describe('variables and weights', () => {
  it('gives each VU one random element of a list variable', async () => {
    const text = `
config:
  target: "{{ $env.TARGET }}"
  variables: { region: [eu, us, ap], fixed: 5 }
scenarios:
  - flow:
      - get: { url: "/{{ region }}/{{ fixed }}" }
`;
    await runVus(parseOk(text, undefined, { TARGET: server.url }), { vus: 30, random: seededRandom(3) });
    const urls = new Set(server.received.map((request) => request.url));
    expect(urls).toEqual(new Set(['/eu/5', '/us/5', '/ap/5']));
  });

  it('picks scenarios in proportion to their weights and never a weight-0 one', async () => {
    const text = `
config:
  target: "{{ $env.TARGET }}"
scenarios:
  - { name: heavy, weight: 3, flow: [ { get: { url: /heavy } } ] }
  - { name: light, weight: 1, flow: [ { get: { url: /light } } ] }
  - { name: never, weight: 0, flow: [ { get: { url: /never } } ] }
`;
    const { metrics } = await runVus(parseOk(text, undefined, { TARGET: server.url }), {
      vus: 400,
      random: seededRandom(11),
    });
    const heavy = metrics.count('vusers.created_by_name.heavy');
    const light = metrics.count('vusers.created_by_name.light');
    expect(heavy + light).toBe(400);
    expect(metrics.count('vusers.created_by_name.never')).toBe(0);
    // Binomial(400, 0.75): mean 300, sd ≈ 8.7; ±4 sd.
    expect(heavy).toBeGreaterThan(265);
    expect(heavy).toBeLessThan(335);
  });
});
