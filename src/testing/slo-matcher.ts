/**
 * `expect(results).toMeetSLO(name)`: the SLO, as defined once in the config, judged on finished
 * results with the same maths as `perfgate slo check` and `perfgate run`. `results` may be load
 * results (`perfgate load -o`, `runLoadTest`), benchmark results, a run report (`report.json`),
 * the SLO rows of a run (`slo.json`) or a `runPipeline` outcome. The SLO definitions come from
 * `useSlos(...)` (once, e.g. in a setup file) or the matcher's `{ slos }` option. As in
 * `perfgate run`, the requests of a single-scenario load test are that scenario's.
 */

import { type SloDefinitions, slosFromDefinitions } from '../config/slo-entries.js';
import { scenariosRun, withSingleScenario } from '../pipeline/slo-gate.js';
import { checkSlo, type SloCheck } from '../slo/compliance/check.js';
import { evidenceFromResult } from '../slo/evidence/index.js';
import type { Slo } from '../slo/model.js';
import { formatJudgement, formatValue, isObject, type Judgement, type MatcherResult } from './judgement.js';

let registered: Slo[] = [];

/**
 * Registers the SLOs `toMeetSLO` looks names up in: `useSlos(loadConfig(path).slos)`, or the
 * config's `slos:` entries as written (validated as the config file is). Throws on an invalid one.
 */
export function useSlos(slos: SloDefinitions): void {
  registered = slosFromDefinitions(slos);
}

export interface MeetSloOptions {
  /** SLOs for this assertion only, instead of those given to `useSlos`. */
  slos?: SloDefinitions;
}

function fromCheck(check: SloCheck): Judgement {
  const { slo } = check;
  const threshold = slo.indicator.kind === 'latency' ? slo.indicator.thresholdMs : slo.target.value;
  const unit = slo.indicator.kind === 'latency' ? 'ms' : slo.target.unit;
  return {
    subject: slo.name,
    passed: check.verdict === 'pass',
    covered: check.verdict !== 'not-covered',
    ...(check.measured
      ? { measured: `${check.measured.label} ${formatValue(check.measured.value, check.measured.unit)}` }
      : {}),
    target: `${slo.target.operator} ${formatValue(threshold, unit)}`,
    where: `${check.scope}${check.source ? ` (${check.source})` : ''}`,
    ...(check.verdict === 'no-data' ? { detail: `no data: ${check.notes[0] ?? 'no requests'}` } : {}),
    ...(check.verdict === 'not-covered' ? { detail: `not covered: ${check.scope}` } : {}),
  };
}

/** Rows of a report (`slos: [{ name, verdict: met|violated… }]`) or of slo.json (`[{ slo, verdict: pass|fail… }]`). */
function fromRow(row: Record<string, unknown>, name: string): Judgement {
  const verdict = String(row.verdict);
  const measuredObject = isObject(row.measured) ? row.measured : undefined;
  const targetObject = isObject(row.target) ? row.target : undefined;
  const measuredValue = typeof row.measured === 'number' ? row.measured : measuredObject?.value;
  const targetValue = typeof row.target === 'number' ? row.target : targetObject?.value;
  const unit = String(measuredObject?.unit ?? row.unit ?? targetObject?.unit ?? '');
  const operator = String(row.operator ?? targetObject?.operator ?? '');
  return {
    subject: name,
    passed: verdict === 'met' || verdict === 'pass',
    covered: verdict !== 'not-covered',
    ...(typeof measuredValue === 'number'
      ? { measured: `${measuredObject?.label ?? row.sli ?? ''} ${formatValue(measuredValue, unit)}`.trim() }
      : {}),
    ...(typeof targetValue === 'number'
      ? { target: `${operator} ${formatValue(targetValue, unit)}`.trim() }
      : {}),
    ...(typeof row.source === 'string' && row.source ? { where: row.source } : {}),
    ...(verdict === 'no-data' ? { detail: 'no data: the scope saw no traffic' } : {}),
  };
}

function rowsOf(received: unknown): Record<string, unknown>[] | undefined {
  if (Array.isArray(received) && received.every((row) => isObject(row) && 'verdict' in row)) return received;
  if (isObject(received) && Array.isArray(received.slos) && 'verdict' in received) {
    return received.slos.filter(isObject);
  }
  return undefined;
}

function judge(received: unknown, name: string, slos: readonly Slo[]): Judgement[] | string {
  if (isObject(received) && Array.isArray(received.sloChecks)) {
    const checks = (received.sloChecks as SloCheck[]).filter((check) => check.slo.name === name);
    return checks.length > 0 ? checks.map(fromCheck) : `the run judged no SLO named "${name}"`;
  }
  const rows = rowsOf(received);
  if (rows !== undefined) {
    const matching = rows.filter((row) => row.slo === name || row.name === name);
    return matching.length > 0
      ? matching.map((row) => fromRow(row, name))
      : `no row for SLO "${name}" in these results`;
  }
  const slo = slos.find((candidate) => candidate.name === name);
  if (slo === undefined) {
    const known =
      slos.map((candidate) => candidate.name).join(', ') || 'none: call useSlos(config.slos) first';
    return `unknown SLO "${name}" (known: ${known})`;
  }
  const evidence = evidenceFromResult(received, 'results');
  const judged = evidence.kind === 'load' ? withSingleScenario(evidence, scenariosRun(received)) : evidence;
  return [fromCheck(checkSlo(slo, judged))];
}

/** The matcher function (Vitest/Jest `this` is not needed: `.not` flips `pass`). */
export function toMeetSLO(received: unknown, name: string, options: MeetSloOptions = {}): MatcherResult {
  const slos = options.slos === undefined ? registered : slosFromDefinitions(options.slos);
  const judged = judge(received, name, slos);
  if (typeof judged === 'string') {
    return { pass: false, message: () => `expected results to meet SLO ${name}, but ${judged}` };
  }
  const covered = judged.filter((judgement) => judgement.covered);
  const pass = covered.length > 0 && covered.every((judgement) => judgement.passed);
  const details = judged.map(formatJudgement).join('\n');
  if (pass)
    return { pass, message: () => `expected results not to meet SLO ${name}, but they do:\n${details}` };
  const why =
    covered.length === 0 ? 'these results do not cover it' : 'it is violated (measured vs target below)';
  return { pass, message: () => `expected results to meet SLO ${name}, but ${why}:\n${details}` };
}
