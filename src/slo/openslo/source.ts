/**
 * The Prometheus query behind an OpenSLO metric source, in each version's shape:
 * v1 `metricSource: {type, metricSourceRef, spec: {query}}`, v2alpha `{dataSourceRef |
 * dataSourceSpec, spec: {query}}`, v1alpha `{source, queryType, query}`. The type comes from the
 * source or from the DataSource it names; without either, a query that parses as PromQL is read
 * as Prometheus (with a note), anything else is refused.
 */
import { checkPromql } from '../promql/check.js';
import { fillWindow } from '../promql/window.js';
import type { ObjectIndex } from './documents.js';
import { isObject, type Json, note, type OpenSloVersion, type Report, refuse, skip, text } from './types.js';

/** Data source types whose query language is PromQL. */
const PROMQL_TYPES = new Set(['prometheus', 'thanos', 'cortex', 'mimir', 'victoriametrics']);

interface Located {
  type?: string;
  ref?: string;
  query?: string;
  /** The field the type would be in, for messages. */
  typeField: string;
}

function locate(node: Json, version: OpenSloVersion, field: string): Located {
  if (version === 'v1alpha') {
    const located: Located = { typeField: `${field}.source` };
    const type = text(node.source);
    const query = text(node.query);
    return { ...located, ...(type === undefined ? {} : { type }), ...(query === undefined ? {} : { query }) };
  }
  const source = version === 'v1' ? (isObject(node.metricSource) ? node.metricSource : {}) : node;
  const spec = isObject(source.spec) ? source.spec : {};
  const query = text(spec.query) ?? text(spec.promql);
  const inline =
    version === 'v1'
      ? text(source.type)
      : isObject(source.dataSourceSpec)
        ? text(source.dataSourceSpec.type)
        : undefined;
  const ref = version === 'v1' ? text(source.metricSourceRef) : text(source.dataSourceRef);
  const typeField = version === 'v1' ? `${field}.metricSource.type` : `${field}.dataSourceSpec.type`;
  return {
    typeField,
    ...(inline === undefined ? {} : { type: inline }),
    ...(ref === undefined ? {} : { ref }),
    ...(query === undefined ? {} : { query }),
  };
}

/** Skips or refuses a source whose query perfgate cannot use; true when it did. */
function unusableQuery(
  located: Located,
  type: string | undefined,
  queryField: string,
  report: Report,
): boolean {
  if (type !== undefined && !PROMQL_TYPES.has(type.toLowerCase())) {
    skip(
      report,
      located.typeField,
      `source type "${type}" is not Prometheus: perfgate compiles SLIs to Prometheus rules only`,
    );
    return true;
  }
  const ref = located.ref === undefined ? '' : ` ("${located.ref}" names no DataSource in the file)`;
  if (located.query === undefined) {
    if (type === undefined)
      skip(report, located.typeField, `no source type and no query${ref}: nothing says this is Prometheus`);
    else refuse(report, queryField, `is required: perfgate reads the PromQL from it (source type ${type})`);
    return true;
  }
  const problem = checkPromql(fillWindow(located.query, '5m'))[0]?.message;
  if (problem === undefined) return false;
  const message = `"${located.query.trim()}" is not PromQL Prometheus accepts: ${problem}`;
  // Without a declared type, a query that is not PromQL is most likely another vendor's.
  if (type === undefined) skip(report, queryField, `${message}, and no source type says it is Prometheus`);
  else refuse(report, queryField, message);
  return true;
}

/** The PromQL query of the metric source at `field` (`spec.indicator.spec.ratioMetric.good`…), or a refusal. */
export function prometheusQuery(
  node: unknown,
  field: string,
  context: { version: OpenSloVersion; index: ObjectIndex; report: Report },
): string | undefined {
  const { version, index, report } = context;
  if (!isObject(node)) return refuse(report, field, 'is required (a metric source with a query)');
  const located = locate(node, version, field);
  const viaRef = located.ref === undefined ? undefined : index.find('DataSource', located.ref);
  const refType =
    viaRef !== undefined && isObject(viaRef.data.spec) ? text(viaRef.data.spec.type) : undefined;
  const type = located.type ?? refType;
  const queryField =
    version === 'v1alpha'
      ? `${field}.query`
      : `${field}${version === 'v1' ? '.metricSource' : ''}.spec.query`;
  const unusable = unusableQuery(located, type, queryField, report);
  if (unusable || located.query === undefined) return undefined;
  if (type === undefined) {
    const refField = version === 'v1' ? `${field}.metricSource.metricSourceRef` : `${field}.dataSourceRef`;
    const why =
      located.ref === undefined
        ? 'no source type is given'
        : `"${located.ref}" names no DataSource in the file`;
    const at = located.ref === undefined || version === 'v1alpha' ? located.typeField : refField;
    note(report, at, `${why}; the query parses as PromQL, so it is read as a Prometheus query`);
  }
  return located.query.trim();
}
