import { formatDuration } from '../../core/duration.js';
import { arrivalOffset, type LoadPlan, type PlannedPhase } from './plan.js';
import { formatSegment } from './segment.js';

/** How many first arrivals of each open phase `--dry-run` lists. */
export const DRY_RUN_SHOWN_ARRIVALS = 5;

/** `--dry-run`: the plan as text, one line per phase and its first arrival offsets. */
export function describePlan(plan: LoadPlan): string[] {
  const lines = [
    `segment ${formatSegment(plan.segment)}: ${plan.phases.length} phase(s), ${formatDuration(plan.durationMs)}, ${plan.arrivals} arrivals`,
  ];
  for (const phase of plan.phases) lines.push(describePhase(plan, phase));
  return lines;
}

function describePhase(plan: LoadPlan, phase: PlannedPhase): string {
  const head = `phase ${phase.phaseIndex}${phase.name ? ` (${phase.name})` : ''} at ${formatDuration(phase.startMs)} for ${formatDuration(phase.durationMs)}:`;
  switch (phase.kind) {
    case 'pause':
      return `${head} pause`;
    case 'closed':
      return `${head} ${phase.vus} of ${phase.totalVus} VUs back to back (closed model)`;
    case 'open': {
      const rate =
        phase.rateStart === phase.rateEnd
          ? `${round(phase.rateStart)}/s`
          : `${round(phase.rateStart)}→${round(phase.rateEnd)}/s`;
      const shown = Math.min(DRY_RUN_SHOWN_ARRIVALS, phase.arrivals);
      const offsets = Array.from({ length: shown }, (_, k) =>
        round(arrivalOffset(phase, plan.segment.index + k * plan.segment.count)),
      );
      const more = phase.arrivals > shown ? ', …' : '';
      const cap = phase.maxVusers === undefined ? '' : `, at most ${phase.maxVusers} VUs`;
      return `${head} ${phase.source} ${rate}, ${phase.arrivals} of ${phase.totalArrivals} arrivals${cap}; first at ${offsets.join(', ')}${more} ms`;
    }
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Caps a split cannot keep: a phase's `maxVusers` below the number of segments still lets every
 * segment run one VU, so the split test allows more VUs at once than the whole one.
 */
export function splitWarnings(phases: LoadPlan['phases'], segments: number): string[] {
  return phases.flatMap((phase) =>
    phase.kind === 'open' && phase.maxVusers !== undefined && phase.maxVusers < segments
      ? [
          `phase ${phase.phaseIndex}: maxVusers ${phase.maxVusers} is fewer than the ${segments} segments; each segment allows 1 VU (${segments} in all)`,
        ]
      : [],
  );
}
