import type { z } from 'zod';
import type { ConfigIssue } from './issues.js';
import { knownKeysAt } from './schema-keys.js';
import type { ConfigSource } from './source.js';
import { didYouMean } from './suggest.js';

type Path = ReadonlyArray<string | number>;
type ZodIssue = z.core.$ZodIssue;

/** Reads the value at `path` of plain data, or undefined. */
export function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Turns zod's issues into located, human-sized messages: one per problem, with suggestions. */
export function explainIssues(
  issues: readonly ZodIssue[],
  context: { source: ConfigSource; schema: z.ZodType; data: unknown },
): ConfigIssue[] {
  return issues.flatMap((issue) => explainIssue(issue, context));
}

function explainIssue(
  issue: ZodIssue,
  context: { source: ConfigSource; schema: z.ZodType; data: unknown },
): ConfigIssue[] {
  const { source, schema, data } = context;
  const at = (path: Path, message: string, target: 'key' | 'value' = 'value'): ConfigIssue => ({
    file: source.file,
    ...source.locate(path, target),
    path,
    message,
  });
  const path = issue.path as Path;
  const value = valueAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path);
      const present = Object.keys((value ?? {}) as object);
      const unused = known.filter((key) => !present.includes(key));
      return issue.keys.map((key) =>
        at([...path, key], `unknown key "${key}"${didYouMean(key, unused) || didYouMean(key, known)}`, 'key'),
      );
    }
    case 'invalid_type':
      if (value === undefined) return [at(path, `is required (expected ${issue.expected})`)];
      return [at(path, `expected ${issue.expected}, got ${describe(value)}`)];
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      const hint = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : '';
      return [at(path, `expected one of ${allowed}, got ${describe(value)}${hint}`)];
    }
    case 'invalid_union':
      return explainUnion(issue, context, at);
    default:
      return [at(path, issue.message)];
  }
}

function explainUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  context: { source: ConfigSource; schema: z.ZodType; data: unknown },
  at: (path: Path, message: string) => ConfigIssue,
): ConfigIssue[] {
  const path = issue.path as Path;
  const value = valueAt(context.data, path);
  const discriminator = (issue as { discriminator?: string }).discriminator;
  const options = (issue as { options?: unknown[] }).options;
  if (discriminator && options) {
    const allowed = options.map(String);
    const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
    const got = value === undefined ? 'nothing' : describe(value);
    return [
      at(path, `expected one of ${allowed.map((o) => JSON.stringify(o)).join(', ')}, got ${got}${hint}`),
    ];
  }
  // Explain the one alternative whose shape matched (e.g. an object where a string or object is allowed).
  const matching = issue.errors.filter(
    (alternative) => !alternative.some((i) => i.code === 'invalid_type' && i.path.length === 0),
  );
  const [only] = matching;
  if (matching.length === 1 && only) {
    const rebased = only.map((inner) => ({ ...inner, path: [...path, ...inner.path] }) as ZodIssue);
    return explainIssues(rebased, context);
  }
  return [at(path, issue.message)];
}
