/**
 * The spec's load test suite: the cross-service workflow (workspace → ToolHub → model router →
 * simulation) under load, gated on its scenario SLO and on the script's own `ensure` checks.
 */

import type { LoadResults } from 'perfgate';
import { useSlos } from 'perfgate/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, loadTest, startDemo } from './harness.js';

let demo: Demo;
let workflow: LoadResults;

beforeAll(async () => {
  demo = await startDemo(['model-router', 'toolhub', 'workspace', 'simulation']);
  useSlos(demo.config.slos);
  workflow = await loadTest(demo, 'workflow', 'workspace');
}, 60_000);

afterAll(() => demo?.stop());

describe('the workflow under load', () => {
  it('completes without errors and passes the script ensure checks', () => {
    expect(workflow.perfgate.unreachable).toBe(false);
    expect(workflow.aggregate.counters['vusers.failed'] ?? 0).toBe(0);
    expect(workflow.perfgate.ensure.passed).toBe(true);
  });

  it('completes the workflow within 10 s at p95 (the scenario SLO)', () => {
    expect(workflow).toMeetSLO('workflow_latency_p95');
  });

  it('meets the workspace creation SLO on the workflow traffic', () => {
    expect(workflow).toMeetSLO('workspace_creation_p95');
  });
});
