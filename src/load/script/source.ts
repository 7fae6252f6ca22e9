import { parseYamlSource } from '../../core/yaml-source.js';
import type { LocatedIssue } from './model.js';

type Path = ReadonlyArray<string | number>;

/** A parsed script that can say where a path sits in its text (YAML, or JSON as YAML 1.2). */
export interface ScriptSource {
  readonly data: unknown;
  /** 1-based line and column of the value at `path`, or of its deepest existing ancestor. */
  locate(path: Path): { line: number; col: number };
  /** Syntax errors; when any, `data` should not be trusted. */
  readonly syntaxIssues: LocatedIssue[];
}

export function parseScriptSource(text: string, file: string): ScriptSource {
  const source = parseYamlSource(text, file);
  const { syntaxIssues } = source;
  const data = syntaxIssues.length === 0 ? source.document.toJS({ maxAliasCount: 1000 }) : undefined;
  return { data, syntaxIssues, locate: (path) => source.locate(path) };
}
