import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, metricValue, record, scrapeMetrics } from './helpers/http.js';
import { type ServiceProcess, startService } from './helpers/service-process.js';

interface Hit {
  id: string;
  name: string;
  score: number;
}

describe('toolhub', () => {
  let service: ServiceProcess;
  const search = (body: unknown) => call(service.baseUrl, 'POST', '/api/tools/search', body);
  const hitsOf = (body: unknown) => record(body).results as Hit[];

  beforeAll(async () => {
    service = await startService('toolhub');
  });
  afterAll(async () => {
    await service.stop();
  });

  it('finds an indexed vector first, with cosine similarity ~1', async () => {
    for (const id of ['tool-00001', 'tool-02500', 'tool-05000']) {
      const tool = record((await call(service.baseUrl, 'GET', `/api/tools/${id}`)).body);
      const vector = tool.vector as number[];
      expect(vector).toHaveLength(384);
      const reply = await search({ query: vector, k: 3 });
      expect(reply.status).toBe(200);
      const [first, second] = hitsOf(reply.body);
      expect(first?.id).toBe(id);
      expect(first?.name).toBe(tool.name);
      expect(first?.score).toBeCloseTo(1, 5);
      expect(second?.score).toBeLessThan(0.95);
    }
  });

  it('scales a numeric query to unit length before comparing', async () => {
    const vector = record((await call(service.baseUrl, 'GET', '/api/tools/tool-00042')).body)
      .vector as number[];
    const [first] = hitsOf((await search({ query: vector.map((value) => value * 7) })).body);
    expect(first).toMatchObject({ id: 'tool-00042' });
    expect(first?.score).toBeCloseTo(1, 5);
  });

  it('returns k results sorted by score (default 5, at most 50)', async () => {
    for (const [k, expected] of [
      [undefined, 5],
      [1, 1],
      [17, 17],
      [50, 50],
    ] as const) {
      const reply = await search({ query: 'analyze logs', k });
      expect(reply.status).toBe(200);
      const hits = hitsOf(reply.body);
      expect(hits).toHaveLength(expected);
      const scores = hits.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(new Set(hits.map((hit) => hit.id)).size).toBe(expected);
      expect(record(reply.body).tookMs).toBeGreaterThan(0);
    }
  });

  it('embeds text queries so that similar tool names rank first', async () => {
    const hits = hitsOf((await search({ query: 'search files', k: 5 })).body);
    for (const hit of hits) expect(hit.name).toMatch(/^search-files-/);
  });

  it('rejects wrong dimensions, bad k and empty queries with 400', async () => {
    const wrongDims = await search({ query: new Array(383).fill(0.1) });
    expect(wrongDims.status).toBe(400);
    expect(record(wrongDims.body).issues).toEqual(['query: must have 384 dimensions, got 383']);
    for (const bad of [
      { query: 'x', k: 0 },
      { query: 'x', k: 51 },
      { query: 'x', k: 2.5 },
      { query: '  !! ' },
      { query: new Array(384).fill(0) },
      { query: [...new Array(383).fill(0.1), 'a'] },
      { k: 5 },
    ]) {
      expect((await search(bad)).status, JSON.stringify(bad).slice(0, 60)).toBe(400);
    }
    expect((await call(service.baseUrl, 'GET', '/api/tools/tool-99999')).status).toBe(404);
  });

  it('observes search durations in its histogram', async () => {
    const text = await scrapeMetrics(service.baseUrl);
    const count = metricValue(text, 'toolhub_vector_search_duration_seconds_count') ?? 0;
    expect(count).toBe(9);
    for (const le of ['0.01', '0.05', '0.1', '0.3', '1']) {
      expect(metricValue(text, 'toolhub_vector_search_duration_seconds_bucket', { le })).toBeDefined();
    }
    expect(metricValue(text, 'toolhub_vector_search_duration_seconds_bucket', { le: '1' })).toBe(count);
    const searches = { route: '/api/tools/search', method: 'POST', status: '200' };
    expect(metricValue(text, 'toolhub_requests_total', searches)).toBe(9);
  });
});
