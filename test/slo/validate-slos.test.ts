// `perfgate validate` runs every check `slo rules`, `slo check` and `monitor` run: each of these
// semantically wrong SLOs (schema-valid YAML) fails validate (exit 2) at FILE:LINE:COL of the field,
// and `slo rules` refuses it the same way instead of writing a file promtool would reject.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'perfgate-validate-slos-'));

const RATIO = `{ bad: 'sum(rate(x_total{code="500"}[{{window}}]))', total: 'sum(rate(x_total[{{window}}]))' }`;

/** One SLO; `sli`, `slo` and `extra` lines replace the defaults. */
function config(parts: { sli?: string; slo?: string; extra?: string }): string {
  return [
    'slos:',
    '  - name: api_slo',
    '    service: api',
    `    sli: ${parts.sli ?? `{ type: availability, prometheus: ${RATIO} }`}`,
    `    slo: ${parts.slo ?? '{ target: 99.9, operator: ">=" }'}`,
    ...(parts.extra === undefined ? [] : [`    ${parts.extra}`]),
    '',
  ].join('\n');
}

const CASES: [string, string, RegExp][] = [
  [
    'a negative target',
    config({ slo: '{ target: -5, operator: ">=" }' }),
    /:5:\d+ slos\[0\]\.slo\.target: availability is a percentage in \(0, 100\]/,
  ],
  [
    'a target over 100 %',
    config({ slo: '{ target: 101, operator: ">=" }' }),
    /:5:\d+ slos\[0\]\.slo\.target: .*got 101/,
  ],
  [
    'availability with <=',
    config({ slo: '{ target: 99.9, operator: "<=" }' }),
    /:5:\d+ slos\[0\]\.slo\.operator: availability needs operator >= or >/,
  ],
  [
    'a query without the window placeholder',
    config({
      sli: `{ type: availability, prometheus: { bad: 'sum(x_total)', total: 'sum(rate(x_total[{{window}}]))' } }`,
    }),
    /:4:\d+ slos\[0\]\.sli\.prometheus\.bad: needs \{\{window\}\}/,
  ],
  [
    'a PromQL syntax error',
    config({
      sli: `{ type: availability, prometheus: { bad: 'sum(rate(x_total[{{window}}])', total: 'sum(rate(x_total[{{window}}]))' } }`,
    }),
    /:4:\d+ slos\[0\]\.sli\.prometheus\.bad: PromQL .*syntax error/,
  ],
  [
    'rate() of an aggregation (promtool: ranges only on selectors)',
    config({
      sli: `{ type: availability, prometheus: { bad: 'sum(rate(sum(x_total)[{{window}}]))', total: 'sum(rate(x_total[{{window}}]))' } }`,
    }),
    /slos\[0\]\.sli\.prometheus\.bad: PromQL .*ranges are only allowed on vector selectors/,
  ],
  [
    'a short window as long as the long one',
    config({
      extra:
        'errorBudget: { windows: [{ name: fast, severity: critical, long: 1h, short: 1h, factor: 14.4 }] }',
    }),
    /:6:\d+ slos\[0\]\.errorBudget\.windows\[0\]: tier fast: short window must be < long window/,
  ],
  [
    'a latency threshold below every bucket',
    config({
      sli: '{ type: latency, prometheus: { histogram: http_seconds, buckets: [0.5, 1] } }',
      slo: '{ target: 100, operator: "<=", unit: ms }',
    }),
    /:5:\d+ slos\[0\]\.slo\.target: latency threshold 0\.1s is not a bucket .* no bucket lies below it/,
  ],
  [
    'a latency unit of %',
    config({
      sli: '{ type: latency, prometheus: { histogram: http_seconds } }',
      slo: '{ target: 300, operator: "<=", unit: "%" }',
    }),
    /slos\[0\]\.slo\.unit: a latency target is in ms or s, not "%"/,
  ],
  [
    'a 1d period without windows',
    config({ extra: 'errorBudget: { period: 1d }' }),
    /:6:\d+ slos\[0\]\.errorBudget\.period: period 1d is too short/,
  ],
  [
    'a period written "30 days"',
    config({ extra: 'errorBudget: { period: "30 days" }' }),
    /slos\[0\]\.errorBudget\.period: invalid period "30 days": expected a rolling duration/,
  ],
  [
    'a label perfgate needs',
    config({ extra: 'labels: { severity: high }' }),
    /:6:\d+ slos\[0\]\.labels\.severity: label "severity" clashes with the label "severity" perfgate puts/,
  ],
  [
    'a histogram selector matching le',
    config({
      sli: `{ type: latency, prometheus: { histogram: http_seconds, selector: 'le="1"' } }`,
      slo: '{ target: 1, operator: "<=", unit: s }',
    }),
    /slos\[0\]\.sli\.prometheus\.selector: must not match `le`/,
  ],
];

describe('validate refuses semantically wrong SLOs at their line and column', () => {
  it.each(CASES)('%s', async (name, text, expected) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, text);
    const validate = await runInProcess(['--no-color', '--config', file, 'validate'], { cwd: dir });
    expect(validate.stdout).toMatch(expected);
    expect(validate.stdout).toMatch(/^[^\s:]+\.yaml:\d+:\d+ slos\[0\]/m);
    expect(validate.code).toBe(2);
    const rules = await runInProcess(['--no-color', '--config', file, 'slo', 'rules'], { cwd: dir });
    expect(rules.code).toBe(2);
    expect(rules.stdout).toBe('');
  });

  it('refuses two SLOs with one id, and explains scaled windows on a 7d period', async () => {
    const twice = join(dir, 'twice.yaml');
    writeFileSync(twice, `${config({})}${config({}).replace('slos:\n', '')}`);
    const run = await runInProcess(['--no-color', '--config', twice, 'validate'], { cwd: dir });
    expect(run.stdout).toMatch(
      /twice\.yaml:6:\d+ slos\[1\]\.name: duplicate SLO id "api-api_slo" \(also slos\[0\]\)/,
    );
    expect(run.code).toBe(2);
    const weekly = join(dir, 'weekly.yaml');
    writeFileSync(weekly, config({ extra: 'errorBudget: { period: 7d }' }));
    const ok = await runInProcess(['--no-color', '--config', weekly, 'validate'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(
      'SLO api-api_slo: the SRE-workbook windows are written for 28d/30d: for 7d they are scaled by 7d/30d with the factors kept (page-fast 14m/5m ×14.4, page-slow 84m/7m ×6, ticket-fast 336m/28m ×3, ticket-slow 1008m/84m ×1)',
    );
  });
});
