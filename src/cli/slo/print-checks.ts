import type { SloCheck, Verdict } from '../../slo/compliance/check.js';
import type { Output } from '../output.js';

const short = (value: number): string =>
  Number.isFinite(value) ? String(Number(value.toPrecision(4))) : value > 0 ? '∞' : '−∞';

function verdictText(output: Output, verdict: Verdict): string {
  const { colors } = output;
  switch (verdict) {
    case 'pass':
      return colors.green('✓ pass');
    case 'fail':
      return colors.red('✗ FAIL');
    case 'no-data':
      return colors.red('✗ no data');
    case 'not-covered':
      return colors.dim('– not covered');
  }
}

function budgetText(check: SloCheck): string {
  const { budget } = check;
  if (budget === undefined) return '';
  const share =
    budget.periodShare === undefined
      ? ''
      : `, ${short(budget.periodShare * 100)} % of period budget${budget.periodCapped ? ' (run longer than the period: capped)' : ''}`;
  const left = budget.remaining === undefined ? '' : `, ${short(budget.remaining * 100)} % left`;
  const tier = budget.firingTiers[0];
  const fired = tier === undefined ? 'no tier fires' : `${tier.name} (${tier.severity}) would fire`;
  const approx = budget.approximate ? '≈' : '';
  return `E ${approx}${short(budget.errorRatio * 100)} %, burn ${approx}${short(budget.burnRate)}×${share}${left}, ${fired}`;
}

/** One line per check (not-covered ones only with --verbose), then the explanation when asked. */
export function printChecks(output: Output, checks: readonly SloCheck[], explain: boolean): void {
  for (const check of checks) {
    if (check.verdict === 'not-covered' && !output.verbose) continue;
    const measured =
      check.measured === undefined
        ? ''
        : `${check.measured.label} ${short(check.measured.value)} ${check.measured.unit}`;
    const target = `target ${check.slo.target.operator} ${check.slo.target.value}${check.slo.target.unit ?? ''}`;
    const parts = [measured, check.measured ? target : '', budgetText(check)].filter((part) => part !== '');
    output.result(
      `${verdictText(output, check.verdict)}  ${check.slo.name} [${check.scope}] ${parts.join('; ')}`,
    );
    printRegions(output, check);
    for (const note of check.notes) output.result(`    ${output.colors.dim(`note: ${note}`)}`);
    if (!explain) continue;
    for (const line of check.explain) {
      output.result(`    ${line.name.padEnd(18)} = ${line.formula}  →  ${output.colors.bold(line.value)}`);
    }
  }
}

/** A distributed run's regions under the whole run's line: the same SLO judged on each. */
function printRegions(output: Output, check: SloCheck): void {
  for (const { region, verdict, measured } of check.regions ?? []) {
    const value = measured ? ` ${measured.label} ${short(measured.value)} ${measured.unit}` : '';
    output.result(`    ${verdictText(output, verdict)}  region ${region}${value}`);
  }
}

/** The summary line; counts by verdict. */
export function summarizeChecks(checks: readonly SloCheck[]): string {
  const count = (verdict: Verdict) => checks.filter((check) => check.verdict === verdict).length;
  return `${count('pass')} passed, ${count('fail')} failed, ${count('no-data')} without data, ${count('not-covered')} not covered`;
}
