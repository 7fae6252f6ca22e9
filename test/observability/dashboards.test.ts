// `perfgate dashboards` on the demo config: Grafana JSON that conforms to Grafana's own dashboard
// schema and works imported or provisioned (a datasource variable, no import-only inputs), and
// PromQL that only uses series perfgate really produces (its exporter's registry + `perfgate slo
// rules`), checked for syntax by the real promtool.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { finalMetrics, LoadTestMetrics } from '../../src/load/metrics/prometheus.js';
import type { LoadResults } from '../../src/load/metrics/results.js';
import type { Dashboard, Panel } from '../../src/report/dashboards/grafana.js';
import { REPO_ROOT, runInProcess } from '../helpers/cli.js';
import { toolPath } from '../setup/system-tools.js';
import { grafanaSchemaErrors } from './grafana-schema.js';

const DEMO_CONFIG = join(REPO_ROOT, 'examples', 'smm', 'perfgate.config.yaml');
const dir = mkdtempSync(join(tmpdir(), 'perfgate-dashboards-'));
const DS = '${datasource}';
const PROMQL_WORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/** Metric names a PromQL expression selects: identifiers that are not functions, keywords or labels. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\$\w+/g, '')
    .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/gi, '');
  const names: string[] = [];
  for (const match of bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const after = bare.slice((match.index ?? 0) + match[0].length).trimStart();
    if (!after.startsWith('(') && !PROMQL_WORDS.has(match[0].toLowerCase())) names.push(match[0]);
  }
  return names;
}

/** Every series name the exporter and the push can expose (histograms as their three series). */
async function exportedNames(): Promise<Set<string>> {
  const live = new LoadTestMetrics({ test: 't' });
  const results = {
    perfgate: { windows: [], health: { eventLoopLagMs: { p99: 0 }, scheduleSlipMs: { p99: 0 } }, endedAt: 0 },
  } as unknown as LoadResults;
  const pushed = finalMetrics(results, { test: 't' }, { passed: true, endedAt: 0 });
  const names = new Set<string>();
  for (const registry of [live.registry, pushed]) {
    for (const metric of await registry.getMetricsAsJSON()) {
      if (String(metric.type) === 'histogram')
        for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
      else names.add(metric.name);
    }
  }
  return names;
}

/** Fits the 24-column grid; a non-row panel and each of its queries read `$datasource`. */
function expectPanelOnDatasourceVariable(panel: Panel): void {
  expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
  if (panel.type === 'row') return;
  expect(panel.datasource?.uid).toBe(DS);
  expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
  for (const target of panel.targets ?? []) expect(target.datasource.uid).toBe(DS);
}

describe('perfgate dashboards -o DIR (demo config)', () => {
  let dashboards: Dashboard[] = [];
  let produced = new Set<string>();
  let ruleNames = new Set<string>();
  let sloNames: string[] = [];

  beforeAll(async () => {
    const run = await runInProcess(['--config', DEMO_CONFIG, 'dashboards', '-o', join(dir, 'out')], {
      cwd: dir,
    });
    expect(run.code, run.stderr).toBe(0);
    dashboards = readdirSync(join(dir, 'out'))
      .sort()
      .map((file) => JSON.parse(readFileSync(join(dir, 'out', file), 'utf8')) as Dashboard);
    const rules = await runInProcess(['--config', DEMO_CONFIG, 'slo', 'rules'], { cwd: dir });
    expect(rules.code, rules.stderr).toBe(0);
    const file = parse(rules.stdout) as {
      groups: { rules: { record?: string; labels?: { slo_id?: string } }[] }[];
    };
    const recordings = file.groups
      .flatMap((group) => group.rules)
      .filter((rule) => rule.record !== undefined);
    ruleNames = new Set(recordings.map((rule) => rule.record as string));
    sloNames = [...new Set(recordings.map((rule) => rule.labels?.slo_id as string))];
    produced = new Set([...(await exportedNames()), ...ruleNames]);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const targetsOf = (dashboard: Dashboard) => dashboard.panels.flatMap((panel: Panel) => panel.targets ?? []);

  it('writes the overview, load-test and error-budget dashboards that conform to Grafana’s schema', () => {
    expect(dashboards.map((d) => d.uid).sort()).toEqual([
      'perfgate-error-budgets',
      'perfgate-load-test',
      'perfgate-overview',
    ]);
    expect(grafanaSchemaErrors(dashboards as unknown as Record<string, unknown>[])).toEqual([]);
    // The checker itself: a wrong type and an unknown property are both caught.
    const [first] = dashboards as unknown as Record<string, unknown>[];
    expect(grafanaSchemaErrors([{ ...first, refresh: 5 }]).join('\n')).toMatch(
      /not assignable to type 'string'/,
    );
    expect(grafanaSchemaErrors([{ ...first, panels: [{ type: 'stat', bogus: 1 }] }]).join('\n')).toMatch(
      /'"?bogus"?' does not exist/,
    );
  });

  it('works imported or provisioned: a datasource variable (with job and instance), no import-only inputs', () => {
    for (const dashboard of dashboards) {
      expect(dashboard.schemaVersion as number).toBeGreaterThanOrEqual(36);
      expect(dashboard).not.toHaveProperty('__inputs');
      expect(dashboard.templating.list.slice(0, 3)).toEqual([
        expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
        expect.objectContaining({ name: 'job', type: 'query' }),
        expect.objectContaining({ name: 'instance', type: 'query' }),
      ]);
      expect(dashboard.__requires).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: 'datasource', id: 'prometheus' })]),
      );
      const ids = dashboard.panels.map((panel) => panel.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const panel of dashboard.panels) expectPanelOnDatasourceVariable(panel);
      for (const variable of dashboard.templating.list)
        if (variable.type === 'query') expect(variable.datasource.uid).toBe(DS);
    }
  });

  it('finds the metric names of a PromQL expression (the checker itself)', () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (le, endpoint) (rate(a_bucket{x="y z"}[$__rate_interval]))) / ignoring (window) b:c:ratio or vector(0) > 1e3',
      ),
    ).toEqual(['a_bucket', 'b:c:ratio']);
    expect(metricNames('1 - slo:sli_error:ratio_rate5m{slo="x"}')).toEqual(['slo:sli_error:ratio_rate5m']);
  });

  it('queries only series perfgate produces: its exporter and its recording rules', () => {
    expect(produced.has('perfgate_http_request_duration_seconds_bucket')).toBe(true);
    expect(ruleNames.has('slo:period_error_budget_remaining:ratio')).toBe(true);
    const used = new Set<string>();
    for (const dashboard of dashboards) {
      const exprs = [
        ...targetsOf(dashboard).map((t) => t.expr),
        ...dashboard.templating.list.flatMap((v) =>
          v.type === 'query'
            ? [/^label_values\((\w[\w:]*)[{,]/.exec(v.query.query)?.[1] ?? v.query.query]
            : [],
        ),
      ];
      // A constant objective line (`vector(0.99)`) reads no series.
      for (const expr of exprs.filter((e) => !/^vector\([\d.e-]+\)$/.test(e))) {
        const names = metricNames(expr);
        expect(names.length, expr).toBeGreaterThan(0);
        for (const name of names) {
          expect(produced.has(name), `${dashboard.uid}: ${name} in ${expr}`).toBe(true);
          used.add(name);
        }
      }
    }
    // The live view and the SLO dashboards really use both sources.
    expect([...used].filter((name) => name.startsWith('perfgate_')).length).toBeGreaterThan(8);
    expect([...used].filter((name) => ruleNames.has(name)).length).toBeGreaterThan(5);
  });

  it('shows every SLO of the config on the overview', () => {
    const overview = dashboards.find((d) => d.uid === 'perfgate-overview');
    const exprs = targetsOf(overview as Dashboard)
      .map((t) => t.expr)
      .join('\n');
    expect(sloNames.length).toBeGreaterThan(3);
    for (const slo of sloNames) expect(exprs).toContain(`slo_id="${slo}"`);
  });

  it('has PromQL that promtool accepts', () => {
    const exprs = dashboards
      .flatMap(targetsOf)
      .map((t) => t.expr.replaceAll('$__rate_interval', '1m').replace(/\$\w+/g, 'x'));
    const rules = {
      groups: [
        { name: 'dashboards', rules: exprs.map((expr, i) => ({ record: `dashboard:query_${i}`, expr })) },
      ],
    };
    writeFileSync(join(dir, 'queries.yml'), JSON.stringify(rules));
    const out = execFileSync(toolPath('promtool'), ['check', 'rules', join(dir, 'queries.yml')], {
      encoding: 'utf8',
    });
    expect(out).toContain(`SUCCESS: ${exprs.length} rules found`);
  });
});
