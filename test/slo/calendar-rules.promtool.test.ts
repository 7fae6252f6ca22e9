// Calendar periods mean the same in the rules as in `perfgate monitor`: the period so far, from
// local midnight on its first day. promtool's clock starts on Thursday 1970-01-01 00:00 UTC, so the
// recorded period start, length and elapsed share are checked against calendar.ts (what the monitor
// uses) at days that cross week, month and quarter boundaries.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfigText } from '../../src/config/index.js';
import { calendarPeriodEnd, calendarPeriodStart } from '../../src/slo/calendar.js';
import { hasBudget } from '../../src/slo/model.js';
import { generateRules, groupNames } from '../../src/slo/rules/rules.js';
import { slosFromSpecs } from '../../src/slo/spec.js';

const DAY = 86_400_000;
const CASES = [
  { period: 'month', timezone: 'UTC', days: [10, 40, 59.5] },
  { period: 'week', timezone: 'UTC', days: [3, 4.5, 12] },
  { period: 'quarter', timezone: 'UTC', days: [45, 100] },
  { period: 'month', timezone: 'Asia/Kolkata', days: [31, 40] },
] as const;

const config = CASES.map(
  ({ period, timezone }, index) => `
  - name: c${index}
    service: cal
    sli:
      type: availability
      prometheus:
        bad: sum(rate(x_total{code="500"}[{{window}}]))
        total: sum(rate(x_total[{{window}}]))
    slo: { target: 99, operator: ">=" }
    errorBudget: { period: ${period}, timezone: ${timezone} }`,
).join('');

describe('calendar periods in the rules', () => {
  it('start, last and elapse as the monitor counts them', { timeout: 120_000 }, async () => {
    const loaded = loadConfigText(`slos:${config}\n`, 'perfgate.config.yaml', { env: {}, dir: '/' });
    if (loaded.state !== 'ok') throw new Error(loaded.issues.map((issue) => issue.message).join('\n'));
    const slos = slosFromSpecs(loaded.config.slos).filter(hasBudget);
    const dir = mkdtempSync(join(tmpdir(), 'perfgate-calendar-'));
    writeFileSync(join(dir, 'rules.yml'), stringify(generateRules(slos), { lineWidth: 0 }));
    const near = (expr: string, at: number, want: number) => ({
      expr: `abs(${expr} - ${want}) < bool 1e-6`,
      eval_time: `${Math.round(at / 60_000)}m`,
      exp_samples: [{ labels: '{}', value: 1 }],
    });
    const checks = CASES.flatMap(({ period, timezone, days }, index) =>
      days.flatMap((day) => {
        const at = day * DAY;
        const unit = period as 'month' | 'week' | 'quarter';
        const start = calendarPeriodStart(at, unit, timezone);
        const length = calendarPeriodEnd(at, unit, timezone) - start;
        const only = `{slo_id="cal-c${index}"}`;
        return [
          near(`sum(slo:period_start:timestamp${only})`, at, start / 1_000),
          near(`sum(slo:period_length:seconds${only})`, at, length / 1_000),
          near(`sum(slo:period_elapsed:ratio${only})`, at, (at - start) / length),
        ];
      }),
    );
    const tests = {
      rule_files: ['rules.yml'],
      evaluation_interval: '6h',
      group_eval_order: slos.flatMap((slo) => Object.values(groupNames(slo))),
      tests: [
        {
          interval: '6h',
          input_series: [{ series: 'x_total{code="200"}', values: '0+1000x400' }],
          promql_expr_test: checks,
        },
      ],
    };
    writeFileSync(join(dir, 'rules.test.yml'), stringify(tests, { lineWidth: 0 }));
    const output = await new Promise<string>((resolve) => {
      execFile(
        'promtool',
        ['test', 'rules', join(dir, 'rules.test.yml')],
        { timeout: 100_000 },
        (_error, stdout, stderr) => resolve(stdout + stderr),
      );
    });
    expect(output).toContain('SUCCESS');
  });
});
