/**
 * Just enough of Grafana's dashboard JSON model (schemaVersion 39; checked against Grafana's own
 * schema package in the tests) to build perfgate's dashboards as plain data. Every panel, target
 * and query variable uses the `datasource` template variable, a Prometheus datasource picker
 * that defaults to the instance's default Prometheus: the files work unchanged through
 * "Import dashboard" and through file provisioning (which substitutes no `__inputs`).
 */

export const GRAFANA_SCHEMA_VERSION = 39;
/** The datasource template variable every query uses. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS template
export const DATASOURCE_VARIABLE = '${datasource}';
const DATASOURCE = { type: 'prometheus', uid: DATASOURCE_VARIABLE } as const;
const GRID_WIDTH = 24;

export interface Target {
  readonly refId: string;
  readonly expr: string;
  readonly legendFormat: string;
  readonly datasource: typeof DATASOURCE;
  readonly instant?: boolean;
  readonly range?: boolean;
}

export interface GridPos {
  h: number;
  w: number;
  x: number;
  y: number;
}

export interface Panel {
  id: number;
  type: string;
  title: string;
  description?: string;
  gridPos: GridPos;
  datasource?: typeof DATASOURCE;
  targets?: Target[];
  fieldConfig?: { defaults: Record<string, unknown>; overrides: unknown[] };
  options?: Record<string, unknown>;
  collapsed?: boolean;
  panels?: Panel[];
}

export type Variable =
  | {
      name: string;
      label: string;
      type: 'query';
      datasource: typeof DATASOURCE;
      query: { query: string; refId: string };
      includeAll: boolean;
      multi: boolean;
      allValue?: string;
      refresh: 2;
      sort: 1;
      current: { text: string; value: string; selected: boolean };
    }
  | { name: string; label: string; type: 'datasource'; query: 'prometheus'; refresh: 1; hide: 0 };

export interface Dashboard {
  __requires: unknown[];
  uid: string;
  title: string;
  description: string;
  tags: string[];
  panels: Panel[];
  templating: { list: Variable[] };
  [key: string]: unknown;
}

/** One query of a panel: PromQL plus the legend (`{{endpoint}}`). */
export interface Query {
  readonly expr: string;
  readonly legend?: string;
  readonly instant?: boolean;
}

export interface PanelSpec {
  readonly type: 'timeseries' | 'stat' | 'gauge' | 'bargauge' | 'table';
  readonly title: string;
  readonly description?: string;
  readonly queries: readonly Query[];
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  /** Colour steps: the first is the base colour, then [value, colour] from that value up. */
  readonly thresholds?: readonly [string, ...(readonly [number, string])[]];
  /** Grid width (of 24) and height. */
  readonly w?: number;
  readonly h?: number;
  readonly decimals?: number;
}

export type Section = { readonly row: string } | PanelSpec;

/** The Prometheus datasource picker (`$datasource`); Grafana selects the default Prometheus. */
export function datasourceVariable(): Variable {
  return {
    name: 'datasource',
    label: 'Data source',
    type: 'datasource',
    query: 'prometheus',
    refresh: 1,
    hide: 0,
  };
}

/**
 * A `label_values(metric{selector}, label)` variable, multi-select with All (`.*`, which also
 * matches series without the label, so All never hides recording-rule series).
 */
export function labelVariable(
  name: string,
  label: string,
  metric: string,
  labelName: string,
  selector = '',
): Variable {
  const query = `label_values(${metric}${selector === '' ? '' : `{${selector}}`}, ${labelName})`;
  return {
    name,
    label,
    type: 'query',
    datasource: DATASOURCE,
    query: { query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
    includeAll: true,
    multi: true,
    allValue: '.*',
    refresh: 2,
    sort: 1,
    current: { text: 'All', value: '$__all', selected: true },
  };
}

/** `$datasource`, `$job` and `$instance` (of the series perfgate exports), then the dashboard's own. */
export function standardVariables(metric: string, own: readonly Variable[]): Variable[] {
  return [
    datasourceVariable(),
    labelVariable('job', 'Job', metric, 'job'),
    labelVariable('instance', 'Instance', metric, 'instance', 'job=~"$job"'),
    ...own,
  ];
}

/** Lays sections out left to right, wrapping at Grafana's 24 columns; rows start a new line. */
export function layout(sections: readonly Section[]): Panel[] {
  const panels: Panel[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const section of sections) {
    const id = panels.length + 1;
    if ('row' in section) {
      y += rowHeight;
      panels.push({
        id,
        type: 'row',
        title: section.row,
        collapsed: false,
        panels: [],
        gridPos: { h: 1, w: GRID_WIDTH, x: 0, y },
      });
      x = 0;
      y += 1;
      rowHeight = 0;
      continue;
    }
    const w = section.w ?? 12;
    const h = section.h ?? 8;
    if (x + w > GRID_WIDTH) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    panels.push(panel(id, section, { h, w, x, y }));
    x += w;
    rowHeight = Math.max(rowHeight, h);
  }
  return panels;
}

function panel(id: number, spec: PanelSpec, gridPos: GridPos): Panel {
  const [base, ...steps] = spec.thresholds ?? ['green'];
  return {
    id,
    type: spec.type,
    title: spec.title,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    gridPos,
    datasource: DATASOURCE,
    targets: spec.queries.map((query, index) => ({
      refId: String.fromCharCode(65 + index),
      expr: query.expr,
      legendFormat: query.legend ?? '__auto',
      datasource: DATASOURCE,
      ...(query.instant ? { instant: true, range: false } : {}),
    })),
    fieldConfig: {
      defaults: {
        ...(spec.unit === undefined ? {} : { unit: spec.unit }),
        ...(spec.min === undefined ? {} : { min: spec.min }),
        ...(spec.max === undefined ? {} : { max: spec.max }),
        ...(spec.decimals === undefined ? {} : { decimals: spec.decimals }),
        thresholds: {
          mode: 'absolute',
          steps: [{ color: base, value: null }, ...steps.map(([value, color]) => ({ color, value }))],
        },
      },
      overrides: [],
    },
    options:
      spec.type === 'timeseries'
        ? {
            legend: { displayMode: 'table', placement: 'bottom', calcs: ['lastNotNull', 'max'] },
            tooltip: { mode: 'multi' },
          }
        : { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
  };
}

const PANEL_NAMES: Readonly<Record<string, string>> = {
  timeseries: 'Time series',
  stat: 'Stat',
  gauge: 'Gauge',
  bargauge: 'Bar gauge',
  table: 'Table',
};

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly sections: readonly Section[];
  readonly variables: readonly Variable[];
  readonly refresh?: string;
  readonly timeFrom?: string;
}

/** The whole importable dashboard: `__inputs`/`__requires`, variables, panels. */
export function dashboard(spec: DashboardSpec): Dashboard {
  const panels = layout(spec.sections);
  const types = [...new Set(panels.map((p) => p.type).filter((type) => type !== 'row'))].sort();
  return {
    __requires: [
      { type: 'grafana', id: 'grafana', name: 'Grafana', version: '10.0.0' },
      { type: 'datasource', id: 'prometheus', name: 'Prometheus', version: '1.0.0' },
      ...types.map((type) => ({ type: 'panel', id: type, name: PANEL_NAMES[type] ?? type, version: '' })),
    ],
    annotations: { list: [] },
    description: spec.description,
    editable: true,
    fiscalYearStartMonth: 0,
    graphTooltip: 1,
    id: null,
    links: [],
    panels,
    refresh: spec.refresh ?? '30s',
    schemaVersion: GRAFANA_SCHEMA_VERSION,
    tags: ['perfgate'],
    templating: { list: [...spec.variables] },
    time: { from: spec.timeFrom ?? 'now-6h', to: 'now' },
    timepicker: {},
    timezone: 'browser',
    title: spec.title,
    uid: spec.uid,
    version: 1,
  };
}
