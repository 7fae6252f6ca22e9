/**
 * Finds bench files from `benchmarks.files` globs (relative to the config's directory) with
 * tinyglobby (picomatch syntax: `**`, `*`, `?`, `[a-z]` classes, `{a,b}`, `!(…)` negation).
 * node_modules and dot directories are never searched.
 */
import { globSync } from 'tinyglobby';
import { PerfgateError } from '../../core/errors.js';

const NEVER_SEARCHED = ['**/node_modules/**'];

/** Absolute paths under `root` matching one glob, sorted. */
function matchesOf(root: string, pattern: string): string[] {
  return globSync(pattern, {
    cwd: root,
    absolute: true,
    onlyFiles: true,
    dot: false,
    ignore: NEVER_SEARCHED,
    expandDirectories: false,
  });
}

/** Absolute paths under `root` matching any of `patterns`, sorted, without duplicates. */
export function discoverFiles(root: string, patterns: readonly string[]): string[] {
  return [...new Set(patterns.flatMap((pattern) => matchesOf(root, pattern)))].sort();
}

/**
 * Like `discoverFiles`, but a pattern that matches no file is bad input (INVALID_ARGUMENT, exit 2)
 * naming that pattern: a gate must never pass green after checking nothing.
 */
export function discoverEveryPattern(root: string, patterns: readonly string[]): string[] {
  const empty = patterns.filter((pattern) => matchesOf(root, pattern).length === 0);
  if (empty.length > 0) {
    const list = empty.map((pattern) => `"${pattern}"`).join(', ');
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `benchmarks.files: ${list} match${empty.length === 1 ? 'es' : ''} no file in ${root}`,
      {
        hint: 'fix the glob (picomatch syntax, relative to the config file) or name files on the command line',
      },
    );
  }
  return discoverFiles(root, patterns);
}
