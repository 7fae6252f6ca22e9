/**
 * The spec's SLO compliance suite: the demo's model router and ToolHub under the ci profile's
 * load, judged against the SLOs of perfgate.config.yaml (the same definitions `perfgate run`
 * gates deploys on and the Prometheus rules alert on).
 */

import type { LoadResults } from 'perfgate';
import { useSlos } from 'perfgate/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, loadTest, startDemo } from './harness.js';

let demo: Demo;
let router: LoadResults;
let toolhub: LoadResults;

beforeAll(async () => {
  demo = await startDemo(['model-router', 'toolhub']);
  useSlos(demo.config.slos);
  router = await loadTest(demo, 'model-router', 'model-router');
  toolhub = await loadTest(demo, 'toolhub', 'toolhub');
}, 60_000);

afterAll(() => demo?.stop());

describe('SLO compliance under the ci load profile', () => {
  it('model routing answers within 2 s at p95', () => {
    expect(router).toMeetSLO('model_router_latency_p95');
  });

  it('the model router stays available and below 1 % errors', () => {
    expect(router).toMeetSLO('model_router_availability');
    expect(router).toMeetSLO('model_router_error_rate');
  });

  it('ToolHub vector search answers within 300 ms at p95', () => {
    expect(toolhub).toMeetSLO('toolhub_vector_search_p95');
  });
});
