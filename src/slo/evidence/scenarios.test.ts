import { describe, expect, it } from 'vitest';
import { loadEvidenceFromArtillery } from './artillery.js';

const summary = (p95: number) => ({
  min: 100,
  max: p95 + 10,
  count: 20,
  mean: p95 / 2,
  p50: 120,
  median: 120,
  p75: 130,
  p90: p95 - 5,
  p95,
  p99: p95 + 5,
  p999: p95 + 10,
});

describe('scenario evidence from per-scenario session metrics', () => {
  it('counts each session once: completed are good, failed are bad, the session length is the latency', () => {
    const report = {
      aggregate: {
        counters: {
          'http.requests': 60,
          'http.codes.200': 60,
          'perfgate.scenario.workflow.completed': 18,
          'perfgate.scenario.workflow.failed': 2,
          'perfgate.scenario.browse.completed': 5,
        },
        summaries: {
          'perfgate.scenario.workflow.session_length': summary(900),
          'perfgate.scenario.browse.session_length': summary(300),
        },
      },
    };
    const evidence = loadEvidenceFromArtillery(report, 'run.json');
    expect(Object.keys(evidence.scenarios).sort()).toEqual(['browse', 'workflow']);
    const workflow = evidence.scenarios.workflow;
    expect(workflow?.requests).toBe(20);
    expect(workflow?.errors).toEqual({ failed: 2 });
    expect(workflow?.latency['perfgate.http.duration']?.percentiles.p95).toBe(900);
    expect(evidence.scenarios.browse?.errors).toEqual({});
  });

  it('has no scenarios when the results carry no per-scenario metrics', () => {
    const report = { aggregate: { counters: { 'http.requests': 1, 'http.codes.200': 1 }, summaries: {} } };
    expect(loadEvidenceFromArtillery(report, 'old.json').scenarios).toEqual({});
  });
});
