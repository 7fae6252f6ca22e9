/**
 * SLO compliance results (`perfgate slo check`) → SLO rows and one gate each. What is read, per
 * entry of `slos[]` (or `compliance[]` / `results[]`):
 * `name`, `service`, `sli` (string, or `{ type }`), `tier`, `measured` | `value`, `target` (number,
 * or `{ target, operator, unit }` as in the config), `operator`, `unit`,
 * `verdict` | `status` (met | violated | no-data; also pass/fail/ok/breached),
 * `errorRatio`, `burnRate`, `budgetConsumed` | `budgetShare` | `budget.consumed`, `source`.
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

export function isSloResults(json: unknown): boolean {
  return isObject(json) && ['slos', 'compliance'].some((key) => Array.isArray(json[key]));
}

export function adaptSloResults(json: unknown, source: string): ReportPart {
  const part = emptyPart();
  const entries = ['slos', 'compliance', 'results'].flatMap((key) => arrayAt(json, key)).filter(isObject);
  for (const entry of entries) {
    const row = toSloRow(entry);
    if (row === undefined) {
      part.warnings.push(`${source}: an SLO without a name or target was skipped`);
      continue;
    }
    part.slos.push(row);
    part.gates.push(sloGate(row));
  }
  return part;
}

function toSloRow(entry: JsonObject): SloRow | undefined {
  const objective = objectAt(entry, 'slo') ?? objectAt(entry, 'objective') ?? objectAt(entry, 'target');
  const name = stringAt(entry, 'name');
  const target = numberAt(entry, 'target') ?? numberAt(objective, 'target');
  if (name === undefined || target === undefined) return undefined;
  const operatorText = stringAt(entry, 'operator') ?? stringAt(objective, 'operator') ?? '<=';
  const budget = objectAt(entry, 'budget');
  return {
    name,
    service: stringAt(entry, 'service'),
    sli: stringAt(entry, 'sli') ?? stringAt(objectAt(entry, 'sli'), 'type'),
    tier: stringAt(entry, 'tier'),
    measured: firstNumber(entry, ['measured', 'value', 'actual']),
    target,
    operator: OPERATORS.find((op) => op === operatorText) ?? '<=',
    unit: stringAt(entry, 'unit') ?? stringAt(objective, 'unit'),
    verdict: parseVerdict(firstString(entry, ['verdict', 'status', 'state'])),
    errorRatio: numberAt(entry, 'errorRatio') ?? numberAt(budget, 'errorRatio'),
    burnRate: numberAt(entry, 'burnRate') ?? numberAt(budget, 'burnRate'),
    budgetConsumed: firstNumber(entry, ['budgetConsumed', 'budgetShare']) ?? numberAt(budget, 'consumed'),
    source: stringAt(entry, 'source'),
  };
}

function parseVerdict(text: string | undefined): SloRow['verdict'] {
  const word = (text ?? '').toLowerCase();
  if (['met', 'pass', 'passed', 'ok', 'compliant'].includes(word)) return 'met';
  if (['violated', 'fail', 'failed', 'breached'].includes(word)) return 'violated';
  return 'no-data';
}

function sloGate(row: SloRow): Gate {
  const unit = row.unit === undefined ? '' : ` ${row.unit}`;
  return {
    kind: 'slo',
    name: row.name,
    source: row.service,
    status: row.verdict === 'met' ? 'passed' : row.verdict === 'violated' ? 'failed' : 'skipped',
    measured: row.measured,
    target: `${row.operator} ${row.target}${unit}`,
    unit: row.unit,
    message: row.verdict === 'no-data' ? 'no data for this SLO in these results' : undefined,
  };
}
