/** The grammar's own errors in a PromQL expression, worded as Prometheus words them. */
import type { SyntaxNode } from '@lezer/common';

export interface PromqlIssue {
  /** Offset in the expression where the problem starts. */
  at: number;
  message: string;
}

/** Syntax errors, the first one first; an unknown function is named (the grammar only sees a bad token). */
export function syntaxIssues(text: string, root: SyntaxNode): PromqlIssue[] {
  const issues: PromqlIssue[] = [];
  const cursor = root.cursor();
  do {
    if (cursor.type.isError) {
      // Function names are keywords of the grammar, so an unknown one is a syntax error before "(".
      const call = /([a-zA-Z_][\w]*)\s*$/.exec(text.slice(0, cursor.from));
      if (call?.[1] !== undefined && text.slice(cursor.from).trimStart().startsWith('(')) {
        issues.push({ at: call.index, message: `unknown function "${call[1]}"` });
        continue;
      }
      const near = text.slice(cursor.from, cursor.from + 20) || 'the end';
      issues.push({ at: cursor.from, message: `syntax error at "${near}"` });
    }
  } while (cursor.next());
  return issues;
}
