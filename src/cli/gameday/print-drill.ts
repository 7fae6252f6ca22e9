/** The drill for people: the plan before it starts, the verdict after. */
import { formatDuration } from '../../core/duration.js';
import { describeFault } from '../../load/faults/model.js';
import type { DrillPlan, DrillVerdict, ExpectationResult } from '../../pipeline/gameday/index.js';
import { promDuration } from '../../slo/rules/promql.js';
import type { Output } from '../output.js';

/** Whole seconds at production scale: polls are `interval` apart, finer digits mean nothing there. */
const drillTime = (ms: number, scale: number) =>
  scale === 1
    ? formatDuration(ms)
    : `${formatDuration(ms)} (≙ ${formatDuration(Math.round((ms * scale) / 1000) * 1000)} at ${scale}×)`;

/** States the time scale and what it did to the windows: a drill never shortens them silently. */
export function describeScale(plan: DrillPlan): string[] {
  if (plan.timeScale === 1) return ["time scale 1: the rules use the SLOs' own windows"];
  const lines = [
    `time scale ${plan.timeScale}: every alert window and period is divided by ${plan.timeScale} for this drill; burn-rate factors are unchanged`,
  ];
  const slo = plan.expectations[0]?.slo ?? plan.slos[0];
  if (slo !== undefined) {
    const tiers = slo.tiers
      .map(
        (tier) =>
          `${tier.name} ${promDuration(tier.longWindowMs * plan.timeScale)}/${promDuration(tier.shortWindowMs * plan.timeScale)} → ${promDuration(tier.longWindowMs)}/${promDuration(tier.shortWindowMs)} (factor ${tier.factor})`,
      )
      .join(', ');
    lines.push(
      `  ${slo.id}: ${tiers}; period ${promDuration(slo.period.nominalMs * plan.timeScale)} → ${promDuration(slo.period.nominalMs)}`,
    );
  }
  lines.push(
    `  Prometheus scrapes and evaluates every ${formatDuration(plan.intervalMs)} (this delay is not scaled)`,
  );
  return lines;
}

export function printPlan(output: Output, plan: DrillPlan, control: boolean, rules: string): void {
  output.info(
    `game day: ${plan.scripts.length} load script(s) at ${plan.load.rps} rps each, at most ${formatDuration(plan.durationMs)}`,
  );
  for (const line of describeScale(plan)) output.info(line);
  output.info(`rules: ${rules}`);
  for (const fault of plan.faults) {
    output.info(
      `fault ${describeFault(fault)} on ${fault.service ?? 'every service'}${control ? ' — NOT injected (control run)' : ''}`,
    );
  }
}

function expectationLines(result: ExpectationResult, scale: number): string[] {
  const e = result.expectation;
  const lines = [
    `${result.held ? '✓' : '✗'} ${e.slo.name} · ${e.alert} ${e.severity}${e.tier === undefined ? '' : ` ${e.tier}`} · fault ${e.fault.name}`,
  ];
  const fireDeadline = `deadline ${formatDuration(e.fireWithinMs)}${scale === 1 ? '' : ` (drill ${formatDuration(e.fireDeadlineMs)})`}`;
  lines.push(
    result.timeToFireMs === undefined
      ? `    fired    never — ${fireDeadline}`
      : `    fired    after ${drillTime(result.timeToFireMs, scale)} — ${fireDeadline}`,
  );
  if (e.resolveWithinMs !== undefined && result.fired) {
    const deadline = `deadline ${formatDuration(e.resolveWithinMs)}${scale === 1 ? '' : ` (drill ${formatDuration(e.resolveDeadlineMs ?? 0)})`}`;
    lines.push(
      result.timeToResolveMs === undefined
        ? `    resolved never — ${deadline}`
        : `    resolved ${drillTime(result.timeToResolveMs, scale)} after the fault ended — ${deadline}`,
    );
  }
  if (result.budgetSpent !== undefined) {
    lines.push(
      `    budget spent by the fault: ${(result.budgetSpent * 100).toFixed(2)} % of the ${promDuration(e.slo.period.nominalMs * scale)} error budget`,
    );
  }
  if (e.gate !== undefined)
    lines.push(`    SLO gate: ${result.gateVerdict ?? 'no verdict'} (expected ${e.gate})`);
  for (const problem of result.problems) lines.push(`    ✗ ${problem}`);
  return lines;
}

export function printVerdict(output: Output, plan: DrillPlan, verdict: DrillVerdict): void {
  for (const result of verdict.results)
    for (const line of expectationLines(result, plan.timeScale)) output.result(line);
  for (const page of verdict.falsePages) {
    output.result(
      `✗ false page: ${page.alertname} ${page.sloId} (${page.severity}) fired at ${formatDuration(page.startMs)} with no fault on ${page.service}`,
    );
  }
  const held = verdict.results.filter((r) => r.held).length;
  output.result(
    `game day ${verdict.passed ? 'PASSED' : 'FAILED'}: ${held}/${verdict.results.length} expectations held, ${verdict.falsePages.length} false page(s)`,
  );
}
