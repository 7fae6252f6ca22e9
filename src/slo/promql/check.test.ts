import { describe, expect, it } from 'vitest';
import { checkPromql, promqlType } from './check.js';
import { vectorSelectors } from './selectors.js';
import { fillWindow, hasWindowPlaceholder } from './window.js';

const messages = (expr: string) => checkPromql(expr).map((issue) => issue.message);

describe('checkPromql accepts what Prometheus accepts', () => {
  it.each([
    'sum(rate(http_requests_total{code=~"5.."}[5m]))',
    'sum(rate(x[5m])) / (sum(rate(x[5m])) > 0)',
    'sum_over_time((count(x < 0.75))[5m:]) OR on() vector(0)',
    '1 - (sum(sum_over_time(x[1h])) / sum(count_over_time(x[1h])))',
    'max without (window) (slo:sli_error:ratio_rate5m{slo_id="a"}) > (14.4 * 0.001)',
    'histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))',
    'x > bool on(a) group_left(b) y',
    'topk(5, x) by (a)',
    'count_values("v", x)',
    'label_replace(x, "a", "$1", "b", "(.*)")',
    'day_of_month()',
    'min_over_time(timestamp(x)[30d:1h])',
    'x{le=~"2|2\\\\.0"}',
    'vector(1) and on() (month() == 1)',
    'x @ end()',
    'rate(x[5m] offset 1h)',
    '1 > bool 2',
  ])('%s', (expr) => {
    expect(messages(expr)).toEqual([]);
  });
});

describe('checkPromql rejects what Prometheus rejects', () => {
  it.each([
    ['sum(rate(sum(x{a="b"})[5m]))', 'ranges are only allowed on vector selectors'],
    ['rate(x)', 'expected range vector as argument 1 of rate()'],
    ['abs(x[5m])', 'expected instant vector as argument 1 of abs()'],
    ['x{', 'syntax error'],
    ['sum(rate(x[{{window}}]))', 'syntax error'],
    ['x[5m]', 'a rule needs an instant vector or a scalar'],
    ['{a=~".*"}', 'at least one non-empty matcher'],
    ['rat(x[5m])', 'unknown function "rat"'],
    ['1 > 2', 'need the bool modifier'],
    ['x[5m] + 1', 'expected instant vector or scalar on the left of "+"'],
    ['x{a=~"("}', 'invalid regular expression'],
    ['sum(x)[5m:] and 1', 'expected instant vector on the left of "and"'],
    ['topk(x)', 'topk() takes 2 argument(s), got 1'],
    ['sort_by_label(x, "a")', 'experimental'],
    ['x[5]', 'has no unit'],
    ['(sum(x)) offset 5m', 'offset and @ apply to selectors and subqueries only'],
  ])('%s', (expr, message) => {
    expect(messages(expr).join('\n')).toContain(message);
  });

  it('says where the problem starts', () => {
    const [issue] = checkPromql('sum(rate(x[5m])) / rat(y[5m])');
    expect(issue?.at).toBe(19);
  });
});

describe('promqlType', () => {
  it('types an expression', () => {
    expect(promqlType('sum(rate(x[5m]))')).toBe('vector');
    expect(promqlType('1 + 2')).toBe('scalar');
    expect(promqlType('x[5m]')).toBe('matrix');
    expect(promqlType('rate(x)')).toBeUndefined();
  });
});

describe('window placeholders', () => {
  it('understands perfgate, Sloth and OpenSLO spellings', () => {
    for (const query of ['r(x[{{window}}])', 'r(x[{{.window}}])', 'r(x[{{ .window }}])']) {
      expect(hasWindowPlaceholder(query)).toBe(true);
      expect(fillWindow(query, '5m')).toBe('r(x[5m])');
    }
    expect(hasWindowPlaceholder('r(x[5m])')).toBe(false);
  });
});

describe('vectorSelectors', () => {
  it('lists metric names, matchers and ranges as written', () => {
    const selectors = vectorSelectors(
      'sum(rate(a_total{code=~"5..",job!="x"}[5m])) / sum(b{"c"="d"}) or {__name__="e"}',
    );
    expect(selectors).toEqual([
      {
        metric: 'a_total',
        matchers: [
          { name: 'code', op: '=~', value: '5..' },
          { name: 'job', op: '!=', value: 'x' },
        ],
        text: 'a_total{code=~"5..",job!="x"}',
        range: '5m',
      },
      { metric: 'b', matchers: [{ name: 'c', op: '=', value: 'd' }], text: 'b{"c"="d"}' },
      { metric: 'e', matchers: [], text: '{__name__="e"}' },
    ]);
  });
});
