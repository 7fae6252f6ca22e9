/**
 * SLO compliance results → SLO rows and one gate each. Read as written by
 * `perfgate slo check --json` (src/slo/compliance/check.ts, read 03:40 UTC): a top-level array
 * (or `{ slos | compliance | checks: [...] }`) of rows
 * `{ slo: NAME, service, source, scope, verdict: pass|fail|no-data|not-covered,
 *    measured?: { label, value, unit }, budget?: { errorRatio, burnRate, periodShare, level,
 *    firingTiers: [{ name }] }, notes[] }`.
 * Also accepted: `name` for `slo`; `measured` | `value` | `actual` as a number; `target` as a
 * number, or `target` | `objective` | `slo` as `{ value | target, operator, unit }` (the config's
 * shape; `slo check` rows carry no target yet: shown as "—" until they do);
 * verdicts met/violated/ok/breached; `budgetConsumed` | `budgetShare` for `budget.periodShare`.
 * Gates follow `slo check`: no-data fails, not-covered is skipped.
 */
import type { Gate, ReportPart, SloRow } from '../model.js';
import { emptyPart } from '../model.js';
import {
  arrayAt,
  firstNumber,
  firstString,
  isObject,
  type JsonObject,
  numberAt,
  objectAt,
  stringAt,
} from './json-fields.js';

const OPERATORS = ['<=', '>=', '<', '>'] as const;
const ROW_KEYS = ['slos', 'compliance', 'checks'];

function rowsOf(json: unknown): JsonObject[] {
  const rows = Array.isArray(json) ? json : ROW_KEYS.flatMap((key) => arrayAt(json, key));
  return rows.filter(isObject);
}

export function isSloResults(json: unknown): boolean {
  const rows = rowsOf(json);
  return (
    rows.length > 0 &&
    rows.every(
      (row) =>
        firstString(row, ['slo', 'name']) !== undefined &&
        firstString(row, ['verdict', 'status', 'state']) !== undefined,
    )
  );
}

export function adaptSloResults(json: unknown, source: string): ReportPart {
  const part = emptyPart();
  for (const entry of rowsOf(json)) {
    const row = toSloRow(entry);
    if (row === undefined) {
      part.warnings.push(`${source}: an SLO row without a name was skipped`);
      continue;
    }
    part.slos.push(row);
    part.gates.push(sloGate(row, stringAt(entry, 'scope')));
    for (const note of arrayAt(entry, 'notes')) {
      if (typeof note === 'string') part.warnings.push(`SLO ${row.name}: ${note}`);
    }
  }
  return part;
}

function toSloRow(entry: JsonObject): SloRow | undefined {
  const name = firstString(entry, ['slo', 'name']);
  if (name === undefined) return undefined;
  // `slo` is the name in `slo check` rows, the objective object in the config's shape.
  const target = objectAt(entry, 'target') ?? objectAt(entry, 'objective') ?? objectAt(entry, 'slo');
  const measured = objectAt(entry, 'measured');
  const budget = objectAt(entry, 'budget');
  const operatorText = stringAt(entry, 'operator') ?? stringAt(target, 'operator');
  const firstTier = arrayAt(budget, 'firingTiers').find(isObject);
  return {
    name,
    service: stringAt(entry, 'service'),
    sli: stringAt(measured, 'label') ?? stringAt(entry, 'sli') ?? stringAt(objectAt(entry, 'sli'), 'type'),
    tier: stringAt(entry, 'tier') ?? stringAt(firstTier, 'name') ?? stringAt(budget, 'level'),
    measured: firstNumber(entry, ['measured', 'value', 'actual']) ?? numberAt(measured, 'value'),
    target: numberAt(entry, 'target') ?? firstNumber(target, ['value', 'target']),
    operator: OPERATORS.find((op) => op === operatorText),
    unit: stringAt(measured, 'unit') ?? stringAt(entry, 'unit') ?? stringAt(target, 'unit'),
    verdict: parseVerdict(firstString(entry, ['verdict', 'status', 'state'])),
    errorRatio: numberAt(entry, 'errorRatio') ?? numberAt(budget, 'errorRatio'),
    burnRate: numberAt(entry, 'burnRate') ?? numberAt(budget, 'burnRate'),
    budgetConsumed:
      firstNumber(entry, ['budgetConsumed', 'budgetShare']) ??
      firstNumber(budget, ['periodShare', 'consumed']),
    source: stringAt(entry, 'source'),
  };
}

function parseVerdict(text: string | undefined): SloRow['verdict'] {
  const word = (text ?? '').toLowerCase();
  if (['met', 'pass', 'passed', 'ok', 'compliant'].includes(word)) return 'met';
  if (['violated', 'fail', 'failed', 'breached'].includes(word)) return 'violated';
  if (word === 'not-covered') return 'not-covered';
  return 'no-data';
}

export function sloTargetText(row: SloRow): string | undefined {
  if (row.target === undefined) return undefined;
  return `${row.operator ?? '<='} ${row.target}${row.unit === undefined ? '' : ` ${row.unit}`}`;
}

function sloGate(row: SloRow, scope: string | undefined): Gate {
  const messages: Record<SloRow['verdict'], string | undefined> = {
    met: undefined,
    violated: undefined,
    'no-data': 'no data: the SLO’s scope saw no traffic in these results',
    'not-covered': 'not covered: these results hold nothing this SLO judges',
  };
  return {
    kind: 'slo',
    name: row.name,
    source: row.service ?? scope,
    status: row.verdict === 'met' ? 'passed' : row.verdict === 'not-covered' ? 'skipped' : 'failed',
    measured: row.measured,
    target: sloTargetText(row),
    unit: row.unit,
    ...(row.sli === undefined ? {} : { metric: row.sli }),
    message: messages[row.verdict],
  };
}
