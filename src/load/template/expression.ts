/**
 * The inside of one `{{ }}`: a variable path (`user.id`, `rows[0].url`, `$env.API_KEY`) or a
 * built-in call (`$randomNumber(1, 10)`). Parsed once, at compile time.
 */
export type PathPart = string | number;

export type TemplateExpression =
  | { readonly kind: 'path'; readonly parts: readonly PathPart[]; readonly source: string }
  | {
      readonly kind: 'call';
      readonly fn: string;
      readonly args: readonly TemplateArg[];
      readonly source: string;
    };

export type TemplateArg = { readonly literal: string | number } | { readonly path: readonly PathPart[] };

const CALL = /^(\$?[A-Za-z_]\w*)\s*\((.*)\)$/s;

export function parseExpression(text: string): TemplateExpression | undefined {
  const source = text.trim();
  const call = CALL.exec(source);
  if (call) {
    const args = splitArgs(call[2] ?? '').map(parseArg);
    if (args.some((arg) => arg === undefined)) return undefined;
    return { kind: 'call', fn: call[1] ?? '', args: args as TemplateArg[], source };
  }
  const parts = parsePath(source);
  return parts ? { kind: 'path', parts, source } : undefined;
}

/** `a.b[0]["c d"]` → ['a', 'b', 0, 'c d']; undefined when it is not a path. */
export function parsePath(text: string): PathPart[] | undefined {
  const parts: PathPart[] = [];
  const token = /\s*(?:(\$?[\w-]+)|\[\s*(\d+)\s*\]|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\.)/y;
  let expectName = true;
  let position = 0;
  while (position < text.length) {
    token.lastIndex = position;
    const match = token.exec(text);
    if (!match) return undefined;
    position = token.lastIndex;
    if (match[0].trim() === '.') {
      expectName = true;
      continue;
    }
    if (match[1] !== undefined) {
      if (!expectName) return undefined;
      parts.push(match[1]);
    } else if (match[2] !== undefined) parts.push(Number(match[2]));
    else parts.push(match[3] ?? match[4] ?? '');
    expectName = false;
  }
  return parts.length > 0 && !expectName ? parts : undefined;
}

function splitArgs(text: string): string[] {
  if (text.trim() === '') return [];
  return text.split(',').map((arg) => arg.trim());
}

function parseArg(text: string): TemplateArg | undefined {
  if (/^-?\d+(\.\d+)?$/.test(text)) return { literal: Number(text) };
  const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(text);
  if (quoted) return { literal: quoted[1] ?? quoted[2] ?? '' };
  const path = parsePath(text);
  return path ? { path } : undefined;
}

/** Reads a path in nested objects and arrays; undefined when any step is missing. */
export function lookupPath(root: unknown, parts: readonly PathPart[]): unknown {
  let value = root;
  for (const part of parts) {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'object' && typeof value !== 'string') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}
