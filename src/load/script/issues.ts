import type { LocatedIssue } from './model.js';

/** `config.phases[0].duration`; `(root)` for the document itself. */
export function formatScriptPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(root)' : out;
}

/** `FILE:LINE:COL path: message`, the line format editors and CI annotations understand. */
export function formatScriptIssue(issue: LocatedIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file;
  if (issue.path.length === 0) return `${where}: ${issue.message}`;
  return `${where} ${formatScriptPath(issue.path)}: ${issue.message}`;
}
