/**
 * simulation: runs scenario simulations with a realistic failure rate (2 % by default,
 * SMM_SIMULATION_FAILURE_RATE). A failed run is still HTTP 200 with `status: 'failed'`: the HTTP
 * call worked, the simulation did not, and `simulation_runs_total{status}` counts both.
 * Start: `node --import tsx ./services/simulation.ts`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Counter, Histogram } from 'prom-client';
import { HttpError, json } from './lib/http-json.js';
import { createServiceMetrics } from './lib/metrics.js';
import { randomFromEnv, sampleUniform } from './lib/prng.js';
import { createIdGenerator, RecentStore } from './lib/recent-store.js';
import type { Route } from './lib/router.js';
import { exitWithStartupError, startService } from './lib/server.js';
import { BodyReader, readNumberEnv } from './lib/validate.js';
import { planSimulation, runSimulation, type SimulationOutcome } from './simulation/engine.js';

const DEFAULT_FAILURE_RATE = 0.02;
const DEFAULT_STEPS = 100;
/** Bounds the CPU one request can take (~10 ms), so a load test measures the service, not a hog. */
const MAX_STEPS = 10_000;
/** Queueing for a worker and writing results: a short wait around the CPU part. */
const OVERHEAD_MS = { min: 5, max: 25 } as const;
const MAX_STORED_RUNS = 10_000;

type SimulationRun = { id: string; scenario: string; steps: number; durationMs: number } & SimulationOutcome;

function readFailureRate(): number {
  try {
    return readNumberEnv(process.env, 'SMM_SIMULATION_FAILURE_RATE', DEFAULT_FAILURE_RATE, {
      min: 0,
      max: 1,
    });
  } catch (error) {
    exitWithStartupError('simulation', (error as Error).message);
  }
}

const failureRate = readFailureRate();
const metrics = createServiceMetrics('simulation');
const runsTotal = new Counter({
  name: 'simulation_runs_total',
  help: 'Finished simulation runs by outcome (succeeded or failed).',
  labelNames: ['status'] as const,
  registers: [metrics.registry],
});
const runDuration = new Histogram({
  name: 'simulation_run_duration_seconds',
  help: 'Time from accepting a simulation to its outcome.',
  labelNames: ['status'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60, 300],
  registers: [metrics.registry],
});
// Both series exist from the start, so a failure ratio can be computed before the first failure.
runsTotal.inc({ status: 'succeeded' }, 0);
runsTotal.inc({ status: 'failed' }, 0);

const runs = new RecentStore<SimulationRun>(MAX_STORED_RUNS);
const nextRunId = createIdGenerator('sim', randomFromEnv(process.env, 'simulation/ids'));
const outcomeRandom = randomFromEnv(process.env, 'simulation/outcomes');
const physicsRandom = randomFromEnv(process.env, 'simulation/physics');

function parseSimulationRequest(body: unknown): { scenario: string; steps: number } {
  const reader = new BodyReader(body).allowOnly(['scenario', 'steps']);
  const scenario = reader.requiredString('scenario', 200);
  const steps = reader.optionalNumber('steps', { min: 1, max: MAX_STEPS, integer: true }) ?? DEFAULT_STEPS;
  reader.finish();
  return { scenario, steps };
}

async function simulate(scenario: string, steps: number): Promise<SimulationRun> {
  const startedAt = performance.now();
  const plan = planSimulation(steps, failureRate, outcomeRandom);
  await sleep(sampleUniform(physicsRandom, OVERHEAD_MS.min, OVERHEAD_MS.max));
  const outcome = runSimulation(plan, physicsRandom);
  const durationMs = performance.now() - startedAt;
  runsTotal.inc({ status: outcome.status });
  runDuration.observe({ status: outcome.status }, durationMs / 1000);
  const run: SimulationRun = {
    id: nextRunId(),
    scenario,
    steps,
    ...outcome,
    durationMs: Number(durationMs.toFixed(3)),
  };
  runs.set(run.id, run);
  return run;
}

const routes: Route[] = [
  {
    method: 'POST',
    path: '/api/simulations',
    handler: async (context) => {
      const { scenario, steps } = parseSimulationRequest(await context.readJson());
      return json(200, await simulate(scenario, steps));
    },
  },
  {
    method: 'GET',
    path: '/api/simulations/:id',
    handler: (context) => {
      const run = runs.get(context.params.id ?? '');
      if (run === undefined) throw new HttpError(404, `simulation ${context.params.id} not found`);
      return json(200, run);
    },
  },
];

startService({ name: 'simulation', defaultPort: 4104, metrics, routes });
