/**
 * The vector selectors of a PromQL expression (metric name and label matchers), read from
 * Prometheus' grammar: what `slo verify` asks Prometheus about, and what the promtool test
 * generator invents series for.
 */
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { unquote } from './strings.js';

export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface VectorSelector {
  /** The metric name ('' when the selector names none, e.g. `{__name__=~"a|b"}`). */
  metric: string;
  matchers: Matcher[];
  /** The selector as written. */
  text: string;
  /** The range written after it (`5m` in `x[5m]`), if any. */
  range?: string;
}

const OPS = new Set(['=', '!=', '=~', '!~']);

function matcherOf(node: SyntaxNode, text: string): Matcher | undefined {
  const parts: SyntaxNode[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling) parts.push(child);
  const [label, op, value] = parts;
  if (label === undefined || op === undefined || value === undefined) return undefined;
  const rawName = text.slice(label.from, label.to);
  const name = label.type.name === 'QuotedLabelName' ? unquote(rawName) : rawName;
  const operator = text.slice(op.from, op.to);
  if (!OPS.has(operator)) return undefined;
  return { name, op: operator as Matcher['op'], value: unquote(text.slice(value.from, value.to)) };
}

function selectorOf(node: SyntaxNode, text: string): VectorSelector {
  let metric = '';
  const matchers: Matcher[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (child.type.name === 'Identifier') metric = text.slice(child.from, child.to);
    if (child.type.name !== 'LabelMatchers') continue;
    for (let m = child.firstChild; m !== null; m = m.nextSibling) {
      const matcher = matcherOf(m, text);
      if (matcher === undefined) continue;
      if (matcher.name === '__name__' && matcher.op === '=') metric = matcher.value;
      else matchers.push(matcher);
    }
  }
  const selector: VectorSelector = { metric, matchers, text: text.slice(node.from, node.to) };
  const parent = node.parent;
  if (parent?.type.name === 'MatrixSelector') {
    const duration = parent.lastChild;
    if (duration !== null) selector.range = text.slice(duration.from, duration.to);
  }
  return selector;
}

/** Every vector selector of `expr`, in the order written (placeholders must be filled in). */
export function vectorSelectors(expr: string): VectorSelector[] {
  const selectors: VectorSelector[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.name !== 'VectorSelector') return;
      selectors.push(selectorOf(node.node, expr));
      return false;
    },
  });
  return selectors;
}
