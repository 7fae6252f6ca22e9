import { isPair, isScalar, isSeq, parse, Scalar, visit } from 'yaml';
import type { ConfigIssue } from './issues.js';
import type { ConfigSource } from './source.js';

/** `${NAME}`, `${NAME:-default}` (default when unset or empty), `${NAME-default}` (when unset); `$${` is a literal `${`. */
const PLACEHOLDER = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g;

/**
 * Replaces environment placeholders in every string value of the document, in place.
 * An unquoted value that becomes a number or boolean keeps that type (`port: ${PORT:-8080}` is a
 * number); a quoted one stays a string. Unset variables without a default are reported, not guessed.
 */
export function interpolateEnvironment(
  source: ConfigSource,
  env: Readonly<Record<string, string | undefined>>,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  visit(source.document, {
    Scalar(_key, node, path) {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return;
      const missing: string[] = [];
      const replaced = substitute(node.value, env, missing);
      for (const name of missing) {
        const { line, col } = node.range ? source.positionOf(node.range[0]) : { line: 0, col: 0 };
        issues.push({
          file: source.file,
          line,
          col,
          path: pathOf(path, node),
          message: `environment variable ${name} is not set (use \${${name}:-default} to give a default)`,
        });
      }
      node.value = node.type === Scalar.PLAIN ? retype(replaced) : replaced;
    },
  });
  return issues;
}

function substitute(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  missing: string[],
): string {
  return text.replace(
    PLACEHOLDER,
    (whole, name: string | undefined, operator?: string, fallback?: string) => {
      if (whole === '$${') return '${';
      const value = name === undefined ? undefined : env[name];
      const useDefault = operator === ':-' ? value === undefined || value === '' : value === undefined;
      if (useDefault && operator !== undefined) return fallback ?? '';
      if (value === undefined && name !== undefined) missing.push(name);
      return value ?? '';
    },
  );
}

/** Reads a substituted plain scalar as YAML would have, keeping only scalar types. */
function retype(text: string): unknown {
  try {
    const value: unknown = parse(text);
    return typeof value === 'number' || typeof value === 'boolean' ? value : text;
  } catch {
    return text;
  }
}

function pathOf(ancestors: readonly unknown[], node: Scalar): Array<string | number> {
  const path: Array<string | number> = [];
  for (const [index, ancestor] of ancestors.entries()) {
    const child = ancestors[index + 1] ?? node;
    if (isSeq(ancestor)) path.push(ancestor.items.indexOf(child as never));
    else if (isPair(ancestor) && isScalar(ancestor.key)) path.push(String(ancestor.key.value));
  }
  return path;
}
