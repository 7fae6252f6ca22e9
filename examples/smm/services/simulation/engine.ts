import { type Random, sampleStandardNormal } from '../lib/prng.js';

/** Particles moved per step: 10,000 steps × 256 particles is ~10 ms of real CPU on one core. */
const PARTICLES = 256;

export interface SimulationPlan {
  readonly steps: number;
  /** When set, the run diverges at this step (1-based) and stops: a failed simulation. */
  readonly failAtStep?: number;
}

export type SimulationOutcome =
  | { status: 'succeeded'; stepsCompleted: number; meanDisplacement: number }
  | { status: 'failed'; stepsCompleted: number; error: string };

/** Decides up front whether a run fails, and where, so failed runs are shorter as real ones are. */
export function planSimulation(steps: number, failureRate: number, random: Random): SimulationPlan {
  if (random() >= failureRate) return { steps };
  return { steps, failAtStep: 1 + Math.floor(random() * steps) };
}

/**
 * A Brownian-motion run: each step moves every particle by a Gaussian kick. Real work that grows
 * linearly with `steps`; the result is the particles' mean distance from where they started.
 */
export function runSimulation(plan: SimulationPlan, random: Random): SimulationOutcome {
  const positions = new Float64Array(PARTICLES);
  const lastStep = plan.failAtStep ?? plan.steps;
  for (let step = 1; step <= lastStep; step++) {
    for (let p = 0; p < PARTICLES; p++)
      positions[p] = (positions[p] as number) + sampleStandardNormal(random);
  }
  if (plan.failAtStep !== undefined) {
    return {
      status: 'failed',
      stepsCompleted: plan.failAtStep,
      error: `solver diverged at step ${plan.failAtStep}`,
    };
  }
  let totalDisplacement = 0;
  for (const position of positions) totalDisplacement += Math.abs(position);
  return { status: 'succeeded', stepsCompleted: plan.steps, meanDisplacement: totalDisplacement / PARTICLES };
}
