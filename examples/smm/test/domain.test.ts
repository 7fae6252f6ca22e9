import { describe, expect, it } from 'vitest';
import { createRandom } from '../services/lib/prng.js';
import { pickCheapestModel, SEED_MODELS } from '../services/model-router/catalog.js';
import { ROUTING_LATENCY, sampleRoutingLatencyMs } from '../services/model-router/latency.js';
import { planSimulation } from '../services/simulation/engine.js';
import { searchTopK } from '../services/toolhub/top-k.js';
import { buildVectorIndex, vectorOf } from '../services/toolhub/vector-index.js';

describe('toolhub top-k', () => {
  const index = buildVectorIndex(600, createRandom(7), 32);

  it('matches a full sort of all scores, for several k', () => {
    const query = vectorOf(index, 123);
    const all = index.tools.map((tool, position) => {
      const row = vectorOf(index, position);
      let dot = 0;
      for (let d = 0; d < row.length; d++) dot += (row[d] as number) * (query[d] as number);
      return { id: tool.id, score: dot };
    });
    all.sort((a, b) => b.score - a.score);
    for (const k of [1, 5, 50, 600, 1_000]) {
      const hits = searchTopK(index, query, k);
      expect(hits.map((hit) => hit.id)).toEqual(all.slice(0, k).map((entry) => entry.id));
    }
  });

  it('is deterministic for a seed', () => {
    const again = buildVectorIndex(600, createRandom(7), 32);
    expect(again.vectors).toEqual(index.vectors);
  });
});

describe('model routing latency', () => {
  it('has a ~120 ms median and a ~1 % tail between 800 and 1500 ms', () => {
    const random = createRandom(42);
    const samples = Array.from({ length: 20_000 }, () => sampleRoutingLatencyMs(random)).sort(
      (a, b) => a - b,
    );
    const median = samples[samples.length / 2] ?? 0;
    expect(median).toBeGreaterThan(110);
    expect(median).toBeLessThan(130);
    const tail = samples.filter((ms) => ms >= ROUTING_LATENCY.tailMinMs).length / samples.length;
    expect(tail).toBeGreaterThan(0.006);
    expect(tail).toBeLessThan(0.014);
    expect(samples.at(-1)).toBeLessThanOrEqual(ROUTING_LATENCY.tailMaxMs);
  });
});

describe('model choice', () => {
  const models = SEED_MODELS.map((model, i) => ({ ...model, id: `m${i}`, createdAt: '' }));

  it('prefers the larger window when prices tie', () => {
    const twin = {
      ...models[3],
      id: 'twin',
      name: 'swift-max',
      contextWindow: 16_000,
    } as (typeof models)[number];
    expect(pickCheapestModel([...models, twin], { prompt: 'hi' })?.id).toBe('twin');
  });
});

describe('simulation plan', () => {
  it('fails the configured share of runs, at a step inside the run', () => {
    const random = createRandom(1);
    const plans = Array.from({ length: 10_000 }, () => planSimulation(50, 0.02, random));
    const failed = plans.filter((plan) => plan.failAtStep !== undefined);
    expect(failed.length).toBeGreaterThan(150);
    expect(failed.length).toBeLessThan(250);
    for (const plan of failed) expect(plan.failAtStep).toBeGreaterThanOrEqual(1);
    for (const plan of failed) expect(plan.failAtStep).toBeLessThanOrEqual(50);
  });
});
