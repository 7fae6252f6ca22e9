/** One problem found in a config file, located in its source. */
export interface ConfigIssue {
  file: string;
  /** 1-based; 0 when the problem has no place in the file (e.g. an environment variable). */
  line: number;
  col: number;
  /** Path of the offending field, e.g. ['services', 'api', 'readyTimeout']. Empty for the whole file. */
  path: ReadonlyArray<string | number>;
  message: string;
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
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file;
  if (issue.path.length === 0) return `${where}: ${issue.message}`;
  return `${where} ${formatPath(issue.path)}: ${issue.message}`;
}

/** Orders issues as they appear in the file, so a reader can fix them top to bottom. */
export function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.col - b.col);
}
