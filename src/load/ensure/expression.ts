import { type Token, tokenize } from './expression-tokens.js';

/** Looks a symbol up (a metric name, or a VU variable); undefined when it has no value. */
export type SymbolLookup = (name: string) => unknown;

type Evaluate = (lookup: SymbolLookup) => unknown;

export type CompiledExpression =
  | { readonly state: 'ok'; readonly evaluate: Evaluate; readonly symbols: readonly string[] }
  | { readonly state: 'invalid'; readonly message: string };

const BINARY_PRECEDENCE: Readonly<Record<string, number>> = {
  or: 1,
  and: 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  in: 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

/**
 * Compiles a filtrex-style expression (`http.response_time.p95 < 200 and vusers.failed == 0`)
 * into a closure, once. No `eval`: a small precedence-climbing parser. Booleans come out as
 * true/false; comparisons with a missing symbol are false.
 */
export function compileExpression(text: string): CompiledExpression {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return { state: 'invalid', message: tokens.error };
  const parser = new Parser(tokens);
  try {
    const evaluate = parser.parseBinary(0);
    parser.expectEnd();
    return { state: 'ok', evaluate, symbols: [...parser.symbols] };
  } catch (error) {
    return { state: 'invalid', message: (error as Error).message };
  }
}

class Parser {
  readonly symbols = new Set<string>();
  #index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseBinary(minPrecedence: number): Evaluate {
    let left = this.parseUnary();
    for (;;) {
      const token = this.#peek();
      const operator = token.type === 'op' ? token.value : undefined;
      const precedence = operator === undefined ? undefined : BINARY_PRECEDENCE[operator];
      if (operator === undefined || precedence === undefined || precedence < minPrecedence) return left;
      this.#index++;
      if (operator === 'in') {
        left = membership(left, this.parseList());
        continue;
      }
      const right = this.parseBinary(precedence + 1);
      left = binary(operator, left, right);
    }
  }

  parseUnary(): Evaluate {
    const token = this.#next();
    if (token.type === 'number' || token.type === 'string') {
      const value = token.value;
      return () => value;
    }
    if (token.type === 'symbol') {
      const name = token.value;
      this.symbols.add(name);
      if (token.quoted) return (lookup) => lookup(name) ?? name;
      return (lookup) => lookup(name);
    }
    if (token.type === 'op') {
      if (token.value === 'true' || token.value === 'false') {
        const value = token.value === 'true';
        return () => value;
      }
      if (token.value === 'not') {
        const operand = this.parseBinary(3);
        return (lookup) => !operand(lookup);
      }
      if (token.value === '-') {
        const operand = this.parseUnary();
        return (lookup) => -Number(operand(lookup));
      }
      if (token.value === '(') {
        const inner = this.parseBinary(0);
        this.#expect(')');
        return inner;
      }
    }
    throw new Error(`unexpected ${describeToken(token)} at column ${token.at + 1}`);
  }

  parseList(): Evaluate[] {
    this.#expect('(');
    const items = [this.parseBinary(0)];
    while (this.#peek().type === 'op' && (this.#peek() as { value: string }).value === ',') {
      this.#index++;
      items.push(this.parseBinary(0));
    }
    this.#expect(')');
    return items;
  }

  expectEnd(): void {
    const token = this.#peek();
    if (token.type !== 'end') throw new Error(`unexpected ${describeToken(token)} at column ${token.at + 1}`);
  }

  #expect(operator: string): void {
    const token = this.#next();
    if (token.type !== 'op' || token.value !== operator) {
      throw new Error(`expected "${operator}" but found ${describeToken(token)} at column ${token.at + 1}`);
    }
  }

  #peek(): Token {
    return this.tokens[this.#index] ?? { type: 'end', at: 0 };
  }

  #next(): Token {
    const token = this.#peek();
    if (token.type !== 'end') this.#index++;
    return token;
  }
}

function binary(operator: string, left: Evaluate, right: Evaluate): Evaluate {
  switch (operator) {
    case 'and':
      return (lookup) => Boolean(left(lookup)) && Boolean(right(lookup));
    case 'or':
      return (lookup) => Boolean(left(lookup)) || Boolean(right(lookup));
    case '==':
      return (lookup) => looseEqual(left(lookup), right(lookup));
    case '!=':
      return (lookup) => !looseEqual(left(lookup), right(lookup));
    default:
      return arithmeticOrOrder(operator, left, right);
  }
}

function arithmeticOrOrder(operator: string, left: Evaluate, right: Evaluate): Evaluate {
  const order =
    (test: (a: number, b: number) => boolean): Evaluate =>
    (lookup) => {
      const a = left(lookup);
      const b = right(lookup);
      if (a === undefined || b === undefined) return false;
      return test(Number(a), Number(b));
    };
  const math =
    (apply: (a: number, b: number) => number): Evaluate =>
    (lookup) =>
      apply(Number(left(lookup)), Number(right(lookup)));
  const table: Record<string, Evaluate> = {
    '<': order((a, b) => a < b),
    '<=': order((a, b) => a <= b),
    '>': order((a, b) => a > b),
    '>=': order((a, b) => a >= b),
    '+': math((a, b) => a + b),
    '-': math((a, b) => a - b),
    '*': math((a, b) => a * b),
    '/': math((a, b) => a / b),
    '%': math((a, b) => a % b),
  };
  const evaluate = table[operator];
  if (!evaluate) throw new Error(`unknown operator "${operator}"`);
  return evaluate;
}

function membership(left: Evaluate, items: Evaluate[]): Evaluate {
  return (lookup) => {
    const value = left(lookup);
    return items.some((item) => looseEqual(value, item(lookup)));
  };
}

/** Numbers and numeric strings compare as numbers (CSV and captured values are often strings). */
function looseEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (
    (typeof a === 'number' || typeof b === 'number') &&
    String(a).trim() !== '' &&
    String(b).trim() !== ''
  ) {
    return Number(a) === Number(b);
  }
  return String(a) === String(b);
}

function describeToken(token: Token): string {
  return token.type === 'end' ? 'end of expression' : `"${token.value}"`;
}
