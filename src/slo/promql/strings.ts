/** PromQL string literals: "…" and '…' with Go escapes, `…` raw (promql/parser/lex.go); label matchers' values. */

const ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** The value of a PromQL string literal as written (quotes included). */
export function unquote(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === '`') return body;
  return body.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g,
    (_, code: string) => {
      if (/^[xuU]/.test(code)) return String.fromCodePoint(Number.parseInt(code.slice(1), 16));
      if (/^[0-7]{3}$/.test(code)) return String.fromCodePoint(Number.parseInt(code, 8));
      return ESCAPES[code] ?? code;
    },
  );
}

/** A PromQL double-quoted string literal for `value`. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** Whether a matcher selects series without the label (Prometheus treats a missing label as ""). */
export function matchesEmpty(kind: string, value: string): boolean {
  const regexMatchesEmpty = () => {
    try {
      return new RegExp(`^(?:${value})$`).test('');
    } catch {
      return false;
    }
  };
  if (kind === '=') return value === '';
  if (kind === '!=') return value !== '';
  if (kind === '=~') return regexMatchesEmpty();
  return !regexMatchesEmpty();
}
