import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/cli/clock.js';
import { loadScriptAssets } from '../../../src/load/data/assets.js';
import { loadProcessor } from '../../../src/load/flow/load-processor.js';
import { runFlowOnce } from '../../../src/load/flow/run-once.js';
import { parseScript } from '../../../src/load/script/parse.js';
import { createTestClient, runVus, seededRandom } from './harness.js';
import { MemoryMetrics } from './memory-metrics.js';
import { type RecordingServer, sendJson, startRecordingServer } from './recording-server.js';

const FILE = fileURLToPath(new URL('../../fixtures/load/model-router.yml', import.meta.url));

let server: RecordingServer;
let nextId = 100;
beforeEach(async () => {
  server = await startRecordingServer((request, response) => {
    if (request.url === '/api/session') return sendJson(response, 200, { token: 'tok' });
    if (request.method === 'POST') return sendJson(response, 201, { id: nextId++ });
    sendJson(response, 200, { id: 1, models: [] });
  });
});
afterEach(async () => {
  await server.close();
});

describe('the example model-router script', () => {
  it('parses without issues or warnings, and with -e staging', async () => {
    const text = await readFile(FILE, 'utf8');
    const plain = parseScript(text, FILE, { env: { API_KEY: 'k' } });
    expect(plain.state === 'ok' && plain.script.warnings).toEqual([]);
    const staging = parseScript(text, FILE, { env: {}, environment: 'staging' });
    expect(staging.state === 'ok' && [staging.script.target, staging.script.phases.length]).toEqual([
      'https://staging.example',
      1,
    ]);
  });

  it('runs end to end against a real server: before flow, payload rows, captures, expectations', async () => {
    const parsed = parseScript(await readFile(FILE, 'utf8'), FILE, {
      env: { API_KEY: 'k-9' },
      targetOverride: server.url,
    });
    if (parsed.state !== 'ok') throw new Error('should parse');
    const { script } = parsed;
    const assets = await loadScriptAssets(script, (path) => readFile(path, 'utf8'));
    const processor = await loadProcessor(script, (path) => import(path));
    if (assets.state !== 'ok' || processor.state !== 'ok') throw new Error('assets should load');
    const zero = systemClock.monotonic();
    const http = createTestClient(zero);
    const before = await runFlowOnce(script, 'before', {
      http,
      metrics: new MemoryMetrics(),
      clock: systemClock,
      testZeroMs: zero,
      random: seededRandom(5),
      signal: new AbortController().signal,
    });
    await http.close();
    expect(before).toEqual({ state: 'ok', vars: expect.objectContaining({ token: 'tok' }) });
    const { outcomes, metrics } = await runVus(script, {
      vus: 8,
      random: seededRandom(5),
      assets: assets.assets,
      ...(processor.processor ? { processor: processor.processor } : {}),
      extra: { sharedVars: before.state === 'ok' ? before.vars : {} },
    });
    expect(outcomes.every((outcome) => outcome.state === 'completed')).toBe(true);
    const registered = metrics.count('vusers.created_by_name.model-registration');
    expect(registered + metrics.count('vusers.created_by_name.browse')).toBe(8);
    expect(metrics.count('plugins.expect.failed')).toBe(0);
    expect(metrics.count('plugins.expect.ok')).toBe(registered * 2);
    const posts = server.received.filter(
      (request) => request.method === 'POST' && request.url === '/api/models',
    );
    expect(posts.map((request) => JSON.parse(request.body).family).slice(0, 3)).toEqual([
      'llama',
      'mistral',
      'llama',
    ]);
    expect(
      posts.every(
        (request) => request.headers.authorization === 'Bearer tok' && request.headers['x-api-key'] === 'k-9',
      ),
    ).toBe(true);
    const routed = server.received.filter((request) => request.url.startsWith('/api/route'));
    expect(routed).toHaveLength(registered * 2);
  });
});
