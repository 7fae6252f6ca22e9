import type { Phase } from '../../load/script/model.js';

/**
 * Phases as an Artillery script writes them, the inverse of the script reader: `perfgate run`
 * hands a profile's phases to generator pods through `--overrides`. Durations are written in ms
 * (`"1500ms"`) so nothing is rounded on the way.
 */
export function artilleryPhases(phases: readonly Phase[]): Record<string, unknown>[] {
  return phases.map(artilleryPhase);
}

function artilleryPhase(phase: Phase): Record<string, unknown> {
  const named = phase.name === undefined ? {} : { name: phase.name };
  switch (phase.kind) {
    case 'pause':
      return { pause: `${phase.pauseMs}ms`, ...named };
    case 'closed':
      return { duration: `${phase.durationMs}ms`, concurrency: phase.concurrency, ...named };
    case 'constant-rps':
      return { duration: `${phase.durationMs}ms`, rps: phase.rps, ...capOf(phase), ...named };
    case 'count':
      return {
        duration: `${phase.durationMs}ms`,
        arrivalCount: phase.arrivalCount,
        ...capOf(phase),
        ...named,
      };
    case 'arrival':
      return {
        duration: `${phase.durationMs}ms`,
        arrivalRate: phase.arrivalRate,
        ...(phase.rampTo === undefined ? {} : { rampTo: phase.rampTo }),
        ...capOf(phase),
        ...named,
      };
  }
}

function capOf(phase: { readonly maxVusers?: number }): { maxVusers?: number } {
  return phase.maxVusers === undefined ? {} : { maxVusers: phase.maxVusers };
}
