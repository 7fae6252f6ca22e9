import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/cli/clock.js';
import { loadProcessor, missingFunctions } from '../../../src/load/flow/load-processor.js';
import type { ProcessorModule } from '../../../src/load/flow/processor.js';
import { runFlowOnce } from '../../../src/load/flow/run-once.js';
import { formatScriptIssue } from '../../../src/load/script/issues.js';
import { parseScriptObject } from '../../../src/load/script/parse.js';
import { createTestClient, parseOk, runVus, seededRandom } from './harness.js';
import { MemoryMetrics } from './memory-metrics.js';
import { type RecordingServer, sendJson, startRecordingServer } from './recording-server.js';

const fixtureFile = (name: string) => fileURLToPath(new URL(`../../fixtures/load/${name}`, import.meta.url));
const importModule = (path: string) => import(path);

let server: RecordingServer;
beforeEach(async () => {
  server = await startRecordingServer((request, response) => {
    if (request.url === '/token') return sendJson(response, 200, { token: 'shared-token' });
    sendJson(response, 201, { seen: request.url });
  });
});
afterEach(async () => {
  await server.close();
});

function hookScript(flow: string, scenarioExtra = '', processor = 'hooks.mjs') {
  return parseOk(
    `config:
  target: "{{ $env.TARGET }}"
  processor: ./${processor}
  variables: { who: ada, n: 3 }
scenarios:
  - name: hooked
${scenarioExtra}
    flow:
${flow}`,
    fixtureFile('script.yml'),
    { TARGET: server.url },
  );
}

async function processorFor(script: ReturnType<typeof hookScript>): Promise<ProcessorModule> {
  const loaded = await loadProcessor(script, importModule);
  if (loaded.state !== 'ok' || !loaded.processor)
    throw new Error(loaded.state === 'invalid' ? loaded.message : 'no processor');
  return loaded.processor;
}

describe('processor hooks', () => {
  it('runs callback and async hooks: function steps, beforeRequest (templated after), afterResponse, custom metrics', async () => {
    const script = hookScript(`      - function: setGreeting
      - post:
          url: /signed
          beforeRequest: addSignature
          afterResponse: readStatus
      - get: { url: "/status/{{ lastStatus }}/{{ lastBody.seen }}" }`);
    const { outcomes, metrics } = await runVus(script, { processor: await processorFor(script) });
    expect(outcomes).toEqual([{ state: 'completed' }]);
    const [signed, status] = server.received;
    expect(signed?.headers['x-signature']).toBe('sig-ada-hello-ada');
    expect(JSON.parse(signed?.body ?? '')).toEqual({ templated: 'ada', count: 3 });
    expect(status?.url).toBe('/status/201//signed');
    expect(metrics.count('custom.greetings')).toBe(1);
    expect(metrics.summaries.get('custom.latency')).toEqual([12]);
  });

  it('runs beforeScenario and afterScenario around the flow', async () => {
    const script = hookScript(
      '      - get: { url: "/started/{{ started }}" }\n      - function: markEnd\n      - get: { url: "/ended/{{ ended }}" }',
      '    beforeScenario: markStart\n    afterScenario: [markEnd]',
    );
    const { outcomes } = await runVus(script, { processor: await processorFor(script) });
    expect(outcomes).toEqual([{ state: 'completed' }]);
    expect(server.received.map((request) => request.url)).toEqual(['/started/true', '/ended/true']);
  });

  it('runs scenario-level beforeRequest on every request; an ifTrue function gets vars, and its throw lets the request go', async () => {
    const script = hookScript(
      '      - get: { url: /odd, ifTrue: isEven }\n      - get: { url: /always }',
      '    beforeRequest: stampScenario',
    );
    await runVus(script, { processor: await processorFor(script) });
    // isEven(context) reads context.vars.n, but Artillery calls an ifTrue function with the VU's
    // vars: it throws, and Artillery sends the request anyway (checked against Artillery 2.0.21).
    expect(server.received.map((request) => [request.url, request.headers['x-scenario-hook']])).toEqual([
      ['/odd', 'yes'],
      ['/always', 'yes'],
    ]);
  });

  it('gives up on a hook that never calls done when the test stops', async () => {
    const script = hookScript('      - function: neverDone\n      - get: { url: /never }');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const { outcomes, metrics } = await runVus(script, {
      processor: await processorFor(script),
      signal: controller.signal,
    });
    expect(outcomes).toEqual([{ state: 'failed', errorCode: 'ABORTED' }]);
    expect(metrics.count('perfgate.vusers.interrupted')).toBe(1);
    expect(server.received).toEqual([]);
  });

  it('calls onError hooks with the error code when a request gets no response', async () => {
    const closed = await startRecordingServer();
    await closed.close();
    const script = parseOk(
      `config:\n  target: ${closed.url}\n  processor: ./hooks.mjs\nscenarios:\n  - onError: recordError\n    flow:\n      - get: { url: /down }`,
      fixtureFile('script.yml'),
    );
    const { outcomes, metrics } = await runVus(script, { processor: await processorFor(script) });
    expect(outcomes).toEqual([{ state: 'failed', errorCode: 'ECONNREFUSED' }]);
    expect(metrics.count('custom.onError.ECONNREFUSED')).toBe(1);
  });

  it('loads a TypeScript processor module', async () => {
    const script = hookScript(
      '      - function: tagFromTs\n      - get: { url: "/{{ tsTag }}" }',
      '',
      'hooks.ts',
    );
    await runVus(script, { processor: await processorFor(script) });
    expect(server.received.map((request) => request.url)).toEqual(['/ts-ada']);
  });

  it('fails the VU with the hook error and lists functions the module does not export', async () => {
    const script = hookScript('      - function: failing\n      - get: { url: /never }');
    const { outcomes, metrics } = await runVus(script, { processor: await processorFor(script) });
    expect(outcomes).toEqual([{ state: 'failed', errorCode: 'hook broke' }]);
    expect(metrics.count('errors.hook broke')).toBe(1);
    expect(server.received).toEqual([]);
    const missing = hookScript('      - function: notThere');
    const loaded = await loadProcessor(missing, importModule);
    // Artillery runs such a script (the step counts an error), so loading succeeds and lists the name.
    expect(loaded).toMatchObject({ state: 'ok', missing: ['notThere'] });
  });
});

describe('before and after flows', () => {
  it('runs before once and shares what it captured with every VU', async () => {
    const script = parseOk(
      `config:
  target: "{{ $env.TARGET }}"
before:
  flow:
    - get: { url: /token, capture: { json: "$.token", as: token } }
after:
  flow:
    - post: { url: "/cleanup/{{ token }}" }
scenarios:
  - flow:
      - get: { url: /work, headers: { authorization: "Bearer {{ token }}" } }`,
      undefined,
      { TARGET: server.url },
    );
    const zero = systemClock.monotonic();
    const deps = {
      http: createTestClient(zero),
      metrics: new MemoryMetrics(),
      clock: systemClock,
      testZeroMs: zero,
      random: seededRandom(2),
      signal: new AbortController().signal,
    };
    const before = await runFlowOnce(script, 'before', deps);
    expect(before).toEqual({ state: 'ok', vars: { token: 'shared-token' } });
    const sharedVars = before.state === 'ok' ? before.vars : {};
    await runVus(script, { vus: 2, extra: { sharedVars } });
    expect(await runFlowOnce(script, 'after', { ...deps, sharedVars })).toMatchObject({ state: 'ok' });
    await deps.http.close();
    expect(server.received.map((request) => [request.url, request.headers.authorization])).toEqual([
      ['/token', undefined],
      ['/work', 'Bearer shared-token'],
      ['/work', 'Bearer shared-token'],
      ['/cleanup/shared-token', undefined],
    ]);
  });
});

describe('a script given as an object (library use)', () => {
  it('accepts inline processor functions and runs them', async () => {
    const parsed = parseScriptObject(
      {
        config: {
          target: server.url,
          processor: {
            addTag: async (context: { vars: Record<string, unknown> }) => {
              context.vars.tag = 'inline';
            },
          },
        },
        scenarios: [{ flow: [{ function: 'addTag' }, { get: { url: '/{{ tag }}' } }] }],
      },
      '/virtual/inline.js',
      { env: {} },
    );
    if (parsed.state !== 'ok') throw new Error('should parse');
    expect(missingFunctions(parsed.script, parsed.inlineProcessor)).toEqual([]);
    await runVus(parsed.script, { processor: parsed.inlineProcessor });
    expect(server.received.map((request) => request.url)).toEqual(['/inline']);
  });

  it('reports problems of an object script without line numbers', () => {
    const parsed = parseScriptObject(
      { config: { target: 'http://x' }, scenarios: [{ flow: [{ get: {} }] }] },
      'inline',
      {
        env: {},
      },
    );
    expect(parsed.state === 'invalid' && parsed.issues.map(formatScriptIssue)).toEqual([
      'inline scenarios[0].flow[0].get.url: expected a non-empty string, got nothing',
    ]);
  });
});
