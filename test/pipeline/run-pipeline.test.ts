import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/cli/clock.js';
import type { LoadResults } from '../../src/load/index.js';
import type { RunPlan } from '../../src/pipeline/plan.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import type { PipelineSteps, StartedServices } from '../../src/pipeline/steps.js';

const plan: RunPlan = {
  environment: 'ci',
  loadProfileName: 'tiny',
  loadProfile: { users: 1, duration: 1_000 },
  timeBudgetMs: 60_000,
  requireConfirmation: false,
  startServices: true,
  services: [{ name: 'api', url: 'http://127.0.0.1:9', managed: true }],
  runBenchmarks: false,
  loadRuns: [
    { name: 'first', path: '/first.yml', service: 'api', phases: [] },
    { name: 'second', path: '/second.yml', service: 'api', phases: [] },
  ],
  checkSlos: false,
  notes: [],
};

/** Steps that record what ran; each may be replaced. */
function recordingSteps(overrides: Partial<PipelineSteps> = {}) {
  const calls: string[] = [];
  const services: StartedServices = {
    urls: { api: 'http://127.0.0.1:9' },
    managed: 1,
    problems: async () => [],
    stop: async () => {
      calls.push('stop');
    },
  };
  const steps: PipelineSteps = {
    startServices: async () => {
      calls.push('start');
      return services;
    },
    runBenchmarks: async () => undefined,
    runLoad: async (run) => {
      calls.push(`load ${run.name}`);
      throw new Error(`${run.name} exploded`);
    },
    writeReports: async () => {
      calls.push('reports');
      return { dir: '/results', files: [] };
    },
    notify: async () => {
      calls.push('notify');
      return [];
    },
    ...overrides,
  };
  return { steps, calls };
}

describe('runPipeline', () => {
  it('stops at a failed step, still writes reports and notifies, and always stops the services', async () => {
    const { steps, calls } = recordingSteps();
    const outcome = await runPipeline(plan, steps, { clock: systemClock, slos: [] });
    expect(calls).toEqual(['start', 'load first', 'reports', 'notify', 'stop']);
    expect(outcome.verdict).toMatchObject({ status: 'could-not-run', failures: ['first exploded'] });
    expect(outcome.report.verdict.status).toBe('untrusted');
    expect(outcome.report.warnings).toContain('could not finish: first exploded');
  });

  it('runs no suite when the services cannot start, and reports why', async () => {
    const { steps, calls } = recordingSteps({
      startServices: async () => {
        throw new Error("service 'api' exited with code 1 before it was healthy");
      },
    });
    const outcome = await runPipeline(plan, steps, { clock: systemClock, slos: [] });
    expect(calls).toEqual(['reports', 'notify']);
    expect(outcome.verdict.failures).toEqual(["service 'api' exited with code 1 before it was healthy"]);
  });

  it('abandons a step that ignores the abort once the budget and grace are spent, then stops the services', async () => {
    const { steps, calls } = recordingSteps({ runLoad: () => new Promise<never>(() => {}) });
    const outcome = await runPipeline({ ...plan, timeBudgetMs: 30 }, steps, {
      clock: systemClock,
      slos: [],
      hardAbortGraceMs: 30,
    });
    expect(calls).toEqual(['start', 'reports', 'notify', 'stop']);
    expect(outcome.verdict.status).toBe('could-not-run');
    expect(outcome.verdict.failures).toEqual(['time budget of 0.03s exceeded']);
  });

  it('stops before the next load test on SIGINT and reports the run as interrupted', async () => {
    const interrupt = new AbortController();
    const partial = {
      aggregate: { counters: {}, rates: {}, summaries: {}, histograms: {} },
      intermediate: [],
      perfgate: {
        status: 'interrupted',
        unreachable: false,
        health: { verdict: 'trusted', reasons: [], warnings: [] },
        ensure: { passed: true, verdicts: [] },
      },
    } as unknown as LoadResults;
    const { steps, calls } = recordingSteps({
      runLoad: async (run, _variables, signal) => {
        calls.push(`load ${run.name}`);
        interrupt.abort();
        expect(signal.aborted).toBe(true);
        return { run, source: 'load-first.json', results: partial, scenarios: [] };
      },
    });
    const outcome = await runPipeline(plan, steps, {
      clock: systemClock,
      slos: [],
      signal: interrupt.signal,
    });
    expect(calls).toEqual(['start', 'load first', 'reports', 'notify', 'stop']);
    expect(outcome.verdict.status).toBe('interrupted');
  });
});
