/**
 * Checks a PromQL expression the way Prometheus does before it accepts a rule: Prometheus' own
 * grammar (`@prometheus-io/lezer-promql`, the parser of Prometheus' web UI) for the syntax, then
 * the type checks of Prometheus' parser (promql/parser/parse.go `checkAST`), which the grammar
 * alone does not make: argument types of functions and aggregations, ranges only on selectors,
 * subqueries only on instant vectors, no range vector in arithmetic, and a rule's result an
 * instant vector or a scalar. Written here because the only JavaScript copy of those checks
 * (codemirror-promql's linter) needs a CodeMirror editor state and skips errors at the end of
 * the text, where an editor user is still typing.
 */
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { functionSignature, type ValueType } from './functions.js';
import { matchesEmpty, unquote } from './strings.js';
import { type PromqlIssue, syntaxIssues } from './syntax-issues.js';

export type { PromqlIssue } from './syntax-issues.js';

type Checked = ValueType | 'invalid';

const AGGREGATIONS_WITH_PARAMETER = new Set(['topk', 'bottomk', 'quantile', 'limitk', 'limit_ratio']);
const SET_OPERATORS = new Set(['and', 'or', 'unless']);
const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);

const children = (node: SyntaxNode): SyntaxNode[] => {
  const list: SyntaxNode[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling) list.push(child);
  return list;
};

const TYPE_NAMES: Readonly<Record<ValueType, string>> = {
  vector: 'instant vector',
  matrix: 'range vector',
  scalar: 'scalar',
  string: 'string',
};

class Checker {
  readonly issues: PromqlIssue[] = [];
  constructor(private readonly text: string) {}

  private source(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  private fail(node: SyntaxNode, message: string): 'invalid' {
    this.issues.push({ at: node.from, message });
    return 'invalid';
  }

  /** Reports `node` unless its type is one of `wanted`; `what` says where it was used. */
  private expect(node: SyntaxNode, got: Checked, wanted: readonly ValueType[], what: string): void {
    if (got === 'invalid' || wanted.includes(got)) return;
    const expected = wanted.map((type) => TYPE_NAMES[type]).join(' or ');
    this.fail(node, `expected ${expected} ${what}, got ${TYPE_NAMES[got]} "${this.source(node)}"`);
  }

  typeOf(node: SyntaxNode): Checked {
    switch (node.type.name) {
      case 'NumberDurationLiteral':
        return 'scalar';
      case 'StringLiteral':
        return 'string';
      case 'VectorSelector':
        return this.selector(node);
      case 'MatrixSelector':
        return this.matrix(node);
      case 'SubqueryExpr':
        return this.subquery(node);
      case 'ParenExpr':
        return this.inner(node);
      case 'UnaryExpr':
        return this.unary(node);
      case 'OffsetExpr':
      case 'StepInvariantExpr':
        return this.modified(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'BinaryExpr':
        return this.binary(node);
      default:
        return this.fail(node, `unexpected "${this.source(node)}"`);
    }
  }

  private inner(node: SyntaxNode): Checked {
    const [first] = children(node);
    return first === undefined ? this.fail(node, 'empty expression') : this.typeOf(first);
  }

  private selector(node: SyntaxNode): Checked {
    const matchers = children(node).find((child) => child.type.name === 'LabelMatchers');
    const hasName = children(node).some((child) => child.type.name === 'Identifier');
    const list = matchers === undefined ? [] : children(matchers);
    const values = list.map((matcher) => this.matcher(matcher));
    // Prometheus: "vector selector must contain at least one non-empty matcher".
    if (!hasName && !values.some((value) => value.nonEmpty)) {
      return this.fail(
        node,
        `vector selector "${this.source(node)}" must contain at least one non-empty matcher`,
      );
    }
    return 'vector';
  }

  private matcher(node: SyntaxNode): { nonEmpty: boolean } {
    const parts = children(node);
    const op = parts.find((part) => part.type.name === 'MatchOp');
    const literal = parts.at(-1);
    if (op === undefined || literal?.type.name !== 'StringLiteral') return { nonEmpty: true };
    const value = unquote(this.source(literal));
    const kind = this.source(op);
    if (kind === '=~' || kind === '!~') {
      try {
        new RegExp(`^(?:${value})$`);
      } catch (error) {
        this.fail(literal, `invalid regular expression ${this.source(literal)}: ${(error as Error).message}`);
      }
    }
    return { nonEmpty: !matchesEmpty(kind, value) };
  }

  private matrix(node: SyntaxNode): Checked {
    const [target, duration] = children(node);
    if (target === undefined) return this.fail(node, 'empty range selector');
    if (target.type.name !== 'VectorSelector') {
      this.typeOf(target);
      return this.fail(
        node,
        `ranges are only allowed on vector selectors, not on "${this.source(target)}" (use a subquery "[5m:]" or move the range inside)`,
      );
    }
    this.durations(duration === undefined ? [] : [duration]);
    return this.selector(target) === 'invalid' ? 'invalid' : 'matrix';
  }

  private subquery(node: SyntaxNode): Checked {
    const [target, ...durations] = children(node);
    if (target === undefined) return this.fail(node, 'empty subquery');
    this.durations(durations);
    const type = this.typeOf(target);
    this.expect(target, type, ['vector'], 'in a subquery');
    return 'matrix';
  }

  /** Durations without a unit (`[5]`) are seconds on Prometheus 3 only; Prometheus 2 rejects them. */
  private durations(nodes: readonly SyntaxNode[]): void {
    for (const node of nodes) {
      const text = this.source(node);
      if (/^\d+(\.\d+)?$/.test(text.trim())) {
        this.fail(node, `duration "${text}" has no unit (write ${text}s; Prometheus 2 rejects it)`);
      }
    }
  }

  private unary(node: SyntaxNode): Checked {
    const operand = children(node).find((child) => child.type.name !== 'UnaryOp');
    if (operand === undefined) return this.fail(node, 'missing operand');
    const type = this.typeOf(operand);
    this.expect(operand, type, ['vector', 'scalar'], 'after a unary operator');
    return type;
  }

  private modified(node: SyntaxNode): Checked {
    const [target] = children(node);
    if (target === undefined) return this.fail(node, 'missing expression');
    const type = this.typeOf(target);
    const allowed = ['VectorSelector', 'MatrixSelector', 'SubqueryExpr', 'OffsetExpr', 'StepInvariantExpr'];
    if (!allowed.includes(target.type.name)) {
      return this.fail(
        node,
        `offset and @ apply to selectors and subqueries only, not to "${this.source(target)}"`,
      );
    }
    return type;
  }

  private call(node: SyntaxNode): Checked {
    const [identifier, body] = children(node);
    const name = identifier === undefined ? '' : this.source(identifier);
    const signature = functionSignature(name);
    const args = body === undefined ? [] : children(body);
    const types = args.map((arg) => this.typeOf(arg));
    if (signature === undefined) return this.fail(node, `unknown function "${name}"`);
    if (signature.experimental) {
      this.fail(
        node,
        `${name}() is experimental: Prometheus needs --enable-feature=promql-experimental-functions`,
      );
    }
    if (args.length < signature.min || args.length > signature.max) {
      const expected =
        signature.min === signature.max
          ? `${signature.min}`
          : `${signature.min} to ${signature.max === Number.POSITIVE_INFINITY ? 'any number of' : signature.max}`;
      return this.fail(node, `${name}() takes ${expected} argument(s), got ${args.length}`);
    }
    args.forEach((arg, i) => {
      const wanted = signature.args[Math.min(i, signature.args.length - 1)] ?? 'vector';
      this.expect(arg, types[i] ?? 'invalid', [wanted], `as argument ${i + 1} of ${name}()`);
    });
    return signature.returns;
  }

  private aggregate(node: SyntaxNode): Checked {
    const parts = children(node);
    const op = parts.find((part) => part.type.name === 'AggregateOp');
    const body = parts.find((part) => part.type.name === 'FunctionCallBody');
    const name = op === undefined ? '' : this.source(op).toLowerCase();
    const args = body === undefined ? [] : children(body);
    const types = args.map((arg) => this.typeOf(arg));
    const parameter: ValueType | undefined = AGGREGATIONS_WITH_PARAMETER.has(name)
      ? 'scalar'
      : name === 'count_values'
        ? 'string'
        : undefined;
    const wanted: ValueType[] = parameter === undefined ? ['vector'] : [parameter, 'vector'];
    if (args.length !== wanted.length) {
      return this.fail(node, `${name}() takes ${wanted.length} argument(s), got ${args.length}`);
    }
    args.forEach((arg, i) => {
      this.expect(arg, types[i] ?? 'invalid', [wanted[i] ?? 'vector'], `in aggregation ${name}()`);
    });
    return 'vector';
  }

  private binary(node: SyntaxNode): Checked {
    const parts = children(node);
    const [left] = parts;
    const right = parts.at(-1);
    const operator = parts[1];
    if (left === undefined || right === undefined || operator === undefined || left === right) {
      return this.fail(node, 'incomplete binary expression');
    }
    const op = this.source(operator).toLowerCase();
    const [lt, rt] = [this.typeOf(left), this.typeOf(right)];
    const isBool = parts.some((part) => part.type.name === 'BoolModifier');
    const matching = parts.some((part) => part.type.name === 'MatchingModifierClause');
    if (SET_OPERATORS.has(op)) {
      this.expect(left, lt, ['vector'], `on the left of "${op}"`);
      this.expect(right, rt, ['vector'], `on the right of "${op}"`);
      return 'vector';
    }
    this.expect(left, lt, ['vector', 'scalar'], `on the left of "${op}"`);
    this.expect(right, rt, ['vector', 'scalar'], `on the right of "${op}"`);
    if (lt === 'invalid' || rt === 'invalid') return 'invalid';
    const scalars = lt === 'scalar' && rt === 'scalar';
    if (scalars && COMPARISONS.has(op) && !isBool) {
      return this.fail(node, `comparisons between scalars need the bool modifier ("${op} bool")`);
    }
    if (matching && (lt !== 'vector' || rt !== 'vector')) {
      return this.fail(node, 'vector matching (on, ignoring, group_left) needs vectors on both sides');
    }
    return scalars ? 'scalar' : 'vector';
  }
}

/**
 * Every problem Prometheus would report for `expr` used as a rule expression (empty when valid).
 * `{{window}}` placeholders must already be filled in.
 */
export function checkPromql(expr: string): PromqlIssue[] {
  if (expr.trim() === '') return [{ at: 0, message: 'empty expression' }];
  const tree = parser.parse(expr);
  const syntax = syntaxIssues(expr, tree.topNode);
  if (syntax.length > 0) return syntax.slice(0, 1);
  const [top] = children(tree.topNode);
  if (top === undefined) return [{ at: 0, message: 'empty expression' }];
  const checker = new Checker(expr);
  const type = checker.typeOf(top);
  if (checker.issues.length > 0) return checker.issues;
  if (type === 'matrix' || type === 'string') {
    return [{ at: 0, message: `a rule needs an instant vector or a scalar, got a ${TYPE_NAMES[type]}` }];
  }
  return [];
}

/** The value type of a valid expression (instant vector, scalar…), or undefined when it is invalid. */
export function promqlType(expr: string): ValueType | undefined {
  const tree = parser.parse(expr);
  if (syntaxIssues(expr, tree.topNode).length > 0) return undefined;
  const [top] = children(tree.topNode);
  if (top === undefined) return undefined;
  const checker = new Checker(expr);
  const type = checker.typeOf(top);
  return type === 'invalid' || checker.issues.length > 0 ? undefined : type;
}
