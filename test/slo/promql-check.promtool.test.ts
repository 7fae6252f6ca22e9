// perfgate's PromQL check (Prometheus' grammar, lezer-promql, plus the type checks of Prometheus'
// parser) against the real promtool: the same expressions as rules, accepted and refused alike.
// One promtool run checks one file per expression.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkPromql } from '../../src/slo/promql/check.js';

const EXPRESSIONS = [
  'sum(rate(http_requests_total{code=~"5.."}[5m]))',
  'sum(rate(x[5m])) / (sum(rate(x[5m])) > 0)',
  'sum_over_time((count(x < 0.75))[5m:]) OR on() vector(0)',
  '1 - (sum(sum_over_time(x[1h])) / sum(count_over_time(x[1h])))',
  'max without (window) (a{slo_id="b"}) > (14.4 * 0.001)',
  'histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))',
  'x > bool on(a) group_left(b) y',
  'topk(5, x) by (a)',
  'count_values("v", x)',
  'label_replace(x, "a", "$1", "b", "(.*)")',
  'day_of_month()',
  'min(min_over_time(timestamp(x)[30d:1h]))',
  'x{le=~"2|2\\\\.0"}',
  'clamp_max((time() - x) / 3600, 1) or vector(0)',
  'avg_over_time((x and on() (vector(time()) >= scalar(y @ end())))[31d:5m])',
  'rate(x[5m] offset 1h)',
  '1 > bool 2',
  'sum(rate(sum(x{a="b"})[5m]))',
  'rate(x)',
  'abs(x[5m])',
  'x{',
  'x[5m]',
  '{a=~".*"}',
  'rat(x[5m])',
  '1 > 2',
  'x[5m] + 1',
  'x{a=~"("}',
  'topk(x)',
  'sort_by_label(x, "a")',
  'x[5]',
  '(sum(x)) offset 5m',
  'sum(x) and 1',
  'vector(x)',
  'scalar(x[5m])',
];

/**
 * A range vector as a rule's result parses, so `promtool check rules` passes it, but Prometheus
 * fails that rule at every evaluation ("invalid expression type range vector"): perfgate refuses it.
 */
const STRICTER = ['x[5m]'];

describe('the PromQL check agrees with promtool', () => {
  it('accepts and refuses the same rule expressions', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfgate-promql-'));
    const files = EXPRESSIONS.map((expr, index) => {
      const file = join(dir, `rule-${index}.yml`);
      writeFileSync(file, stringify({ groups: [{ name: 'g', rules: [{ record: 'r', expr }] }] }));
      return file;
    });
    const output = await new Promise<string>((resolve) => {
      execFile('promtool', ['check', 'rules', ...files], (_error, stdout, stderr) =>
        resolve(stdout + stderr),
      );
    });
    const verdicts = EXPRESSIONS.map((expr, index) => {
      const section = output.split(`Checking ${files[index]}`)[1]?.split('Checking ')[0] ?? '';
      return { expr, promtool: section.includes('SUCCESS'), perfgate: checkPromql(expr).length === 0 };
    });
    const differ = verdicts.filter((verdict) => verdict.promtool !== verdict.perfgate);
    expect(differ.map((verdict) => verdict.expr)).toEqual(STRICTER);
    expect(differ.every((verdict) => verdict.promtool && !verdict.perfgate)).toBe(true);
    expect(verdicts.filter((verdict) => verdict.perfgate).length).toBe(17);
  });
});
