/**
 * Tokens of the small expression language of `ensure.conditions` and `ifTrue` (filtrex's
 * syntax, as Artillery uses it): numbers, "strings", symbols (`http.codes.200`, or quoted
 * `'plugins.metrics-by-endpoint.response_time./api.p95'`), operators and keywords.
 */
export type Token =
  | { readonly type: 'number'; readonly value: number; readonly at: number }
  | { readonly type: 'string'; readonly value: string; readonly at: number }
  | { readonly type: 'symbol'; readonly value: string; readonly at: number; readonly quoted?: boolean }
  | { readonly type: 'op'; readonly value: string; readonly at: number }
  | { readonly type: 'end'; readonly at: number };

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false']);
const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ','];
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SYMBOL = /[A-Za-z_$][\w$.]*/y;

export function tokenize(text: string): Token[] | { error: string } {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    if (/\s/.test(text[at] ?? '')) {
      at++;
      continue;
    }
    const read = readQuoted(text, at) ?? readWord(text, at) ?? readOperator(text, at);
    if ('error' in read) return read;
    tokens.push(read.token);
    at = read.end;
  }
  tokens.push({ type: 'end', at });
  return tokens;
}

type Read = { token: Token; end: number } | { error: string };

/**
 * "a string", or a 'quoted symbol' for metric names with characters such as - and / (filtrex).
 * Older filtrex read single quotes as strings, so a quoted symbol with no value reads as its text.
 */
function readQuoted(text: string, at: number): Read | undefined {
  const quote = text[at];
  if (quote !== '"' && quote !== "'") return undefined;
  const close = text.indexOf(quote, at + 1);
  if (close < 0) return { error: `unterminated quote at column ${at + 1}` };
  const value = text.slice(at + 1, close);
  return {
    token: quote === '"' ? { type: 'string', value, at } : { type: 'symbol', value, at, quoted: true },
    end: close + 1,
  };
}

function readWord(text: string, at: number): Read | undefined {
  const word = matchAt(SYMBOL, text, at) ?? matchAt(NUMBER, text, at);
  if (word === undefined) return undefined;
  const end = at + word.length;
  if (/^\d/.test(word)) return { token: { type: 'number', value: Number(word), at }, end };
  return {
    token: KEYWORDS.has(word) ? { type: 'op', value: word, at } : { type: 'symbol', value: word, at },
    end,
  };
}

function readOperator(text: string, at: number): Read {
  const operator = OPERATORS.find((candidate) => text.startsWith(candidate, at));
  if (!operator) return { error: `unexpected "${text[at]}" at column ${at + 1}` };
  return { token: { type: 'op', value: operator, at }, end: at + operator.length };
}

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}
