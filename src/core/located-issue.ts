/** One problem in a source file (config, load script…), located so editors and CI can jump to it. */
export interface LocatedIssue {
  readonly file: string;
  /** 1-based; 0 when the problem has no place in the file (e.g. an environment variable). */
  readonly line: number;
  readonly col: number;
  /** Path of the offending field, e.g. ['services', 'api', 'readyTimeout']. Empty for the whole file. */
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

/** `services.api.readyTimeout`, `slos[2].slo.target`; `(root)` for the document itself. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(root)' : out;
}

/** `FILE:LINE:COL path.to.field: message` — the one line format every tool and editor understands. */
export function formatIssue(issue: LocatedIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file;
  if (issue.path.length === 0) return `${where}: ${issue.message}`;
  return `${where} ${formatPath(issue.path)}: ${issue.message}`;
}

/** Orders issues as they appear in the file, so a reader can fix them top to bottom. */
export function sortIssues<T extends LocatedIssue>(issues: readonly T[]): T[] {
  return [...issues].sort((a, b) => a.line - b.line || a.col - b.col);
}
