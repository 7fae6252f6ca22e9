/**
 * A game day as a plan: the faults, the drill-scaled SLOs, and each expectation with its deadlines
 * in drill (wall-clock) time. Pure: every problem with the config is reported at once.
 */
import { faultsFromConfig } from '../../config/faults.js';
import type { GamedayConfig } from '../../config/index.js';
import { PerfgateError } from '../../core/errors.js';
import type { Fault } from '../../load/faults/model.js';
import { scaleSloForDrill } from '../../slo/drill.js';
import { type BudgetSlo, hasBudget, type Slo } from '../../slo/model.js';

export interface DrillExpectation {
  /** The SLO as the drill runs it (windows scaled). */
  slo: BudgetSlo;
  alert: string;
  severity: 'critical' | 'warning';
  /** Only this burn tier; undefined: any. */
  tier?: string;
  fault: Fault;
  /** As written, in the SLO's own time. */
  fireWithinMs: number;
  resolveWithinMs?: number;
  /** The same divided by the time scale: what the drill's clock is held to. */
  fireDeadlineMs: number;
  resolveDeadlineMs?: number;
  gate?: 'fail' | 'pass';
}

export interface DrillScript {
  path: string;
  service: string;
}

export interface DrillPlan {
  timeScale: number;
  intervalMs: number;
  faults: Fault[];
  /** Every SLO with a budget and a prometheus: source, scaled: the rules Prometheus gets. */
  slos: BudgetSlo[];
  expectations: DrillExpectation[];
  scripts: DrillScript[];
  load: { users: number; rps: number };
  /** The longest the load runs; the drill ends sooner once every expectation is decided. */
  durationMs: number;
  notify: string[];
  rulesFile?: string;
}

export interface PlanInput {
  gameday: GamedayConfig;
  slos: readonly Slo[];
  services: readonly string[];
  /** `load.scripts` entries that name a service: the default load. */
  defaultScripts: readonly DrillScript[];
  /** Where the config came from, for messages. */
  source: string;
}

/** Extra time after the last deadline, for the last scrape and evaluation to land. */
const SETTLE_INTERVALS = 3;

function expectationOf(
  entry: GamedayConfig['expect'][number],
  index: number,
  context: { slos: BudgetSlo[]; faults: Fault[]; timeScale: number; issues: string[] },
): DrillExpectation | undefined {
  const where = `gameday.expect[${index}]`;
  const slo = context.slos.find((candidate) => candidate.name === entry.slo || candidate.id === entry.slo);
  if (slo === undefined) {
    context.issues.push(`${where}.slo: no SLO ${entry.slo} with an error budget and a prometheus: source`);
    return undefined;
  }
  const fault =
    entry.fault === undefined
      ? context.faults.find(
          (candidate) => candidate.service === undefined || candidate.service === slo.service,
        )
      : context.faults.find((candidate) => candidate.name === entry.fault);
  if (fault === undefined) {
    context.issues.push(
      `${where}.fault: ${entry.fault === undefined ? `no fault on service ${slo.service}` : `no fault named ${entry.fault}`} (faults: ${context.faults.map((f) => f.name).join(', ')})`,
    );
    return undefined;
  }
  if (entry.resolveWithin !== undefined && !Number.isFinite(fault.toMs)) {
    context.issues.push(`${where}.resolveWithin: fault ${fault.name} never ends (give it a \`to\`)`);
  }
  return {
    slo,
    alert: entry.alert,
    severity: entry.severity,
    ...(entry.tier === undefined ? {} : { tier: entry.tier }),
    fault,
    fireWithinMs: entry.fireWithin,
    fireDeadlineMs: entry.fireWithin / context.timeScale,
    ...(entry.resolveWithin === undefined
      ? {}
      : { resolveWithinMs: entry.resolveWithin, resolveDeadlineMs: entry.resolveWithin / context.timeScale }),
    ...(entry.gate === undefined ? {} : { gate: entry.gate }),
  };
}

/** When the last expectation is decided: its fault's end plus the resolve deadline (or start plus fire deadline). */
function lastDeadline(expectations: readonly DrillExpectation[], faults: readonly Fault[]): number {
  const ends = expectations.map((e) =>
    e.resolveDeadlineMs !== undefined
      ? e.fault.toMs + e.resolveDeadlineMs
      : e.fault.fromMs + e.fireDeadlineMs,
  );
  const faultEnds = faults.map((fault) => (Number.isFinite(fault.toMs) ? fault.toMs : fault.fromMs));
  return Math.max(...ends, ...faultEnds);
}

export function planDrill(input: PlanInput): DrillPlan {
  const { gameday } = input;
  const issues: string[] = [];
  const faults = faultsFromConfig(gameday.faults);
  faults.forEach((fault, index) => {
    if (fault.service !== undefined && !input.services.includes(fault.service)) {
      issues.push(
        `gameday.faults[${index}].service: no service ${fault.service} (services: ${input.services.join(', ')})`,
      );
    }
  });
  let slos: BudgetSlo[] = [];
  try {
    slos = input.slos
      .filter(hasBudget)
      .filter((slo) => slo.prometheus !== undefined)
      .map((slo) => scaleSloForDrill(slo, gameday.timeScale, gameday.interval));
  } catch (error) {
    issues.push(`gameday.timeScale: ${(error as Error).message}`);
  }
  const context = { slos, faults, timeScale: gameday.timeScale, issues };
  const expectations = gameday.expect
    .map((entry, index) => expectationOf(entry, index, context))
    .filter((entry): entry is DrillExpectation => entry !== undefined);
  const scripts = gameday.scripts ?? [...input.defaultScripts];
  if (scripts.length === 0)
    issues.push('gameday.scripts: no load script (and no load.scripts entry names a service)');
  scripts.forEach((script, index) => {
    if (!input.services.includes(script.service)) {
      issues.push(`gameday.scripts[${index}].service: no service ${script.service}`);
    }
  });
  if (issues.length > 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `${input.source}: ${issues.length} problem(s) in gameday:`, {
      details: issues,
    });
  }
  const settle = SETTLE_INTERVALS * gameday.interval;
  return {
    timeScale: gameday.timeScale,
    intervalMs: gameday.interval,
    faults,
    slos,
    expectations,
    scripts,
    load: gameday.load,
    durationMs: gameday.duration ?? lastDeadline(expectations, faults) + settle,
    notify: gameday.notify,
    ...(gameday.rules === undefined ? {} : { rulesFile: gameday.rules }),
  };
}
