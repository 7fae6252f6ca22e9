/** The drill's plan, verdict and record as `gameday.json` (report/gameday's model). */
import { describeFault } from '../../load/faults/model.js';
import type { DrillPlan, DrillVerdict } from '../../pipeline/gameday/index.js';
import type { GamedayDocument } from '../../report/gameday/index.js';
import { describeScale } from './print-drill.js';
import type { DrillRecord } from './run-drill.js';

export function drillDocument(
  plan: DrillPlan,
  verdict: DrillVerdict,
  record: DrillRecord,
  extra: { rulesFile: string; control: boolean },
): GamedayDocument {
  const burn = new Map<string, [number, number][]>();
  for (const sample of record.burn) {
    const points = burn.get(sample.sloId) ?? [];
    points.push([Math.round(sample.atMs), sample.burnRate]);
    burn.set(sample.sloId, points);
  }
  return {
    schemaVersion: 1,
    kind: 'perfgate-gameday',
    passed: verdict.passed,
    control: extra.control,
    timeScale: plan.timeScale,
    intervalMs: plan.intervalMs,
    scale: describeScale(plan),
    rulesFile: extra.rulesFile,
    faults: plan.faults.map((fault) => ({
      name: fault.name,
      ...(fault.service === undefined ? {} : { service: fault.service }),
      description: describeFault(fault),
      fromMs: fault.fromMs,
      toMs: Number.isFinite(fault.toMs) ? fault.toMs : null,
    })),
    expectations: verdict.results.map((result) => {
      const e = result.expectation;
      return {
        slo: e.slo.name,
        sloId: e.slo.id,
        alert: e.alert,
        severity: e.severity,
        fault: e.fault.name,
        held: result.held,
        timeToFireMs: result.timeToFireMs ?? null,
        timeToResolveMs: result.timeToResolveMs ?? null,
        fireWithinMs: e.fireWithinMs,
        fireDeadlineMs: e.fireDeadlineMs,
        resolveWithinMs: e.resolveWithinMs ?? null,
        resolveDeadlineMs: e.resolveDeadlineMs ?? null,
        budgetSpent: result.budgetSpent ?? null,
        gate: e.gate ?? null,
        gateVerdict: result.gateVerdict ?? null,
        problems: result.problems,
      };
    }),
    falsePages: verdict.falsePages,
    alerts: record.intervals,
    burn: [...burn].map(([sloId, points]) => ({ sloId, points })),
    endedAtMs: Math.round(record.endedAtMs),
  };
}
