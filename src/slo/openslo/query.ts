/**
 * OpenSLO ratio queries made into perfgate's windowed queries, taking each as written:
 * - a query with a window placeholder (`[{{.window}}]`, `[{{window}}]`) is kept as it is;
 * - a selector of a counter becomes `sum(rate(selector[{{window}}]))`, and `sum(selector)` gets
 *   the rate inside its sum (never `rate(sum(…))`, which Prometheus rejects);
 * - a selector of a gauge of events (`counter: false`) is summed over the window;
 * - any other expression is averaged over the window with a subquery (good and total alike, so
 *   their ratio is the ratio of their sums), or for a counter rated with one; a note says so.
 */
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { hasWindowPlaceholder } from '../promql/window.js';
import { note, type Report } from './types.js';

const children = (node: SyntaxNode): SyntaxNode[] => {
  const list: SyntaxNode[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling) list.push(child);
  return list;
};

const unwrap = (node: SyntaxNode | null): SyntaxNode | null =>
  node?.type.name === 'ParenExpr' ? unwrap(node.firstChild) : node;

/** `sum(selector)` (with or without by/without): its selector node and whether it groups. */
function summedSelector(
  top: SyntaxNode,
  query: string,
): { selector: SyntaxNode; grouped: boolean } | undefined {
  if (top.type.name !== 'AggregateExpr') return undefined;
  const parts = children(top);
  const op = parts.find((part) => part.type.name === 'AggregateOp');
  if (op === undefined || query.slice(op.from, op.to).toLowerCase() !== 'sum') return undefined;
  const body = parts.find((part) => part.type.name === 'FunctionCallBody');
  const args = body === undefined ? [] : children(body).map((arg) => unwrap(arg));
  const [only] = args;
  if (args.length !== 1 || only?.type.name !== 'VectorSelector') return undefined;
  return { selector: only, grouped: parts.some((part) => part.type.name === 'AggregateModifier') };
}

function hasRange(top: SyntaxNode): boolean {
  let found = false;
  top.cursor().iterate((node) => {
    if (node.type.name === 'MatrixSelector' || node.type.name === 'SubqueryExpr') found = true;
  });
  return found;
}

/** A `good`/`bad`/`total` query over `{{window}}`; `counter` is OpenSLO's `ratioMetric.counter`. */
export function windowedEventQuery(query: string, counter: boolean, field: string, report: Report): string {
  if (hasWindowPlaceholder(query)) return query;
  const top = unwrap(parser.parse(query).topNode.firstChild);
  if (top === null) return query;
  const perSeries = counter ? 'rate' : 'sum_over_time';
  if (top.type.name === 'VectorSelector') return `sum(${perSeries}(${query}[{{window}}]))`;
  const summed = summedSelector(top, query);
  if (summed !== undefined) {
    const selector = query.slice(summed.selector.from, summed.selector.to);
    if (summed.grouped) note(report, field, 'the by/without grouping is dropped: an SLI is one ratio');
    if (counter)
      note(report, field, `"${query}" sums a counter: the rate is taken per series, inside the sum`);
    return `sum(${perSeries}(${selector}[{{window}}]))`;
  }
  if (hasRange(top) || !counter) {
    note(report, field, `"${query}" has no window placeholder: its value is averaged over each window`);
    return `avg_over_time((${query})[{{window}}:])`;
  }
  note(
    report,
    field,
    `"${query}" is a counter expression without a window placeholder: it is rated over each window`,
  );
  return `rate((${query})[{{window}}:])`;
}

/** A raw ratio (OpenSLO `raw`): kept with a placeholder, else averaged over each window. */
export function windowedRatioQuery(query: string, field: string, report: Report): string {
  if (hasWindowPlaceholder(query)) return query;
  note(report, field, 'the ratio has no window placeholder: it is averaged over each window');
  return `avg_over_time((${query})[{{window}}:])`;
}
