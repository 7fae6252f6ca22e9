/**
 * Finds bench files from `benchmarks.files` globs (relative to the config's directory): `**`
 * (any directories), `*` and `?` within a name, and `{a,b}` alternatives. node_modules and dot
 * directories are never searched.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** `bench/*.{ts,js}` → `bench/*.ts`, `bench/*.js` (nested braces expand too). */
export function expandBraces(pattern: string): string[] {
  const match = /\{([^{}]*)\}/.exec(pattern);
  if (match === null) return [pattern];
  const [whole, inner = ''] = match;
  const head = pattern.slice(0, match.index);
  const tail = pattern.slice(match.index + whole.length);
  return inner.split(',').flatMap((choice) => expandBraces(`${head}${choice}${tail}`));
}

/** A regular expression for one brace-free glob over `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] ?? '';
    if (glob.startsWith('**/', i)) {
      source += '(?:[^/]+/)*';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function walk(dir: string, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else if (entry.isFile()) found.push(path);
  }
}

/** The directories before the first wildcard: the only part of the tree a pattern can match. */
function staticPrefix(glob: string): string {
  const segments = glob.split('/');
  const firstWild = segments.findIndex((segment) => /[*?]/.test(segment));
  return segments.slice(0, firstWild === -1 ? segments.length - 1 : firstWild).join('/');
}

/** Absolute paths under `root` matching any of `patterns`, sorted, without duplicates. */
export function discoverFiles(root: string, patterns: readonly string[]): string[] {
  const globs = patterns.flatMap(expandBraces).map((glob) => glob.replace(/^\.\//, ''));
  const expressions = globs.map(globToRegExp);
  const found: string[] = [];
  for (const prefix of new Set(globs.map(staticPrefix))) {
    const dir = join(root, prefix);
    if (existsSync(dir) && statSync(dir).isDirectory()) walk(dir, found);
  }
  const matching = found.filter((file) => {
    const rel = relative(root, file).split(sep).join('/');
    return expressions.some((expression) => expression.test(rel));
  });
  return [...new Set(matching)].sort();
}
