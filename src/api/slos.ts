/**
 * `checkSlos(results, slos)`: the SLO gate of `perfgate slo check` and `perfgate run`, in code.
 * Each SLO is judged on each result it covers, with the same maths (budget terms included).
 */
import { type SloDefinitions, slosFromDefinitions } from '../config/slo-entries.js';
import { scenariosRun, withSingleScenario } from '../pipeline/slo-gate.js';
import type { BudgetTerms } from '../slo/compliance/budget-terms.js';
import { checkSlo, gatePassed, type Measured, type SloCheck, type Verdict } from '../slo/compliance/check.js';
import { evidenceFromResult } from '../slo/evidence/index.js';
import type { Operator } from '../slo/model.js';

/** One SLO judged on one result: the row `perfgate slo check --json` prints. */
export interface SloCheckResult {
  slo: string;
  service: string;
  /** `no-data`: the scope saw no traffic (never a pass); `not-covered`: these results do not hold what it judges. */
  verdict: Verdict;
  /** Which result (its script, or `results[i]`) and which part of it (`whole run`, `endpoint GET /x`). */
  source: string;
  scope: string;
  measured?: Measured;
  target: { operator: Operator; value: number; unit?: string };
  /** Error-budget terms for SLOs with a budget: error ratio, burn rate, share of the period's budget. */
  budget?: BudgetTerms;
  notes: string[];
}

export interface SloGateResult {
  /** At least one SLO was judged, and every judged SLO passed (`no-data` fails). */
  passed: boolean;
  checks: SloCheckResult[];
}

function sourceOf(result: unknown, index: number, many: boolean): string {
  const script = (result as { perfgate?: { script?: unknown } } | null)?.perfgate?.script;
  if (typeof script === 'string' && script !== '') return script;
  return many ? `results[${index}]` : 'results';
}

function toRow(check: SloCheck): SloCheckResult {
  const { slo, verdict, source, scope, measured, budget, notes } = check;
  return {
    slo: slo.name,
    service: slo.service,
    verdict,
    source,
    scope,
    ...(measured === undefined ? {} : { measured }),
    target: { ...slo.target },
    ...(budget === undefined ? {} : { budget }),
    notes,
  };
}

/**
 * Judges load-test results (`runLoadTest`, `perfgate load -o`) or benchmark results
 * (`perfgate bench -o`) — one, or a list — against `slos`: a loaded config, its `slos`, or
 * entries as written in perfgate.config.yaml. Throws `INVALID_ARGUMENT` on an invalid SLO.
 */
export function checkSlos(results: unknown, slos: SloDefinitions): SloGateResult {
  const list: readonly unknown[] = Array.isArray(results) ? results : [results];
  const built = slosFromDefinitions(slos);
  const checks = list.flatMap((result, index) => {
    const evidence = evidenceFromResult(result, sourceOf(result, index, list.length > 1));
    const judged = evidence.kind === 'load' ? withSingleScenario(evidence, scenariosRun(result)) : evidence;
    return built.map((slo) => checkSlo(slo, judged));
  });
  const covered = checks.some((check) => check.verdict !== 'not-covered');
  return { passed: covered && gatePassed(checks), checks: checks.map(toRow) };
}
