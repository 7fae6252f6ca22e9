import {
  type Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from 'yaml';
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
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const syntaxIssues: LocatedIssue[] = document.errors.map((error) => ({
    file,
    ...position(error.pos[0]),
    path: [],
    message: `YAML syntax error: ${error.message.split('\n')[0] ?? error.message}`,
  }));
  const data = syntaxIssues.length === 0 ? document.toJS({ maxAliasCount: 1000 }) : undefined;
  return {
    data,
    syntaxIssues,
    locate(path) {
      const node = deepestNode(document, path);
      return node?.range ? position(node.range[0]) : { line: 1, col: 1 };
    },
  };
}

function deepestNode(document: Document, path: Path): Node | undefined {
  let node: unknown = document.contents;
  let found = isNode(node) ? node : undefined;
  for (const part of path) {
    const next = childNode(node, part);
    if (next === undefined) return found;
    node = next.value;
    found = next.located ?? found;
  }
  return found;
}

function childNode(node: unknown, part: string | number): { value: unknown; located?: Node } | undefined {
  if (isMap(node)) {
    const pair = node.items.find(
      (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part),
    );
    if (!pair) return undefined;
    const key = isNode(pair.key) ? pair.key : undefined;
    return { value: pair.value, located: isNode(pair.value) ? pair.value : key };
  }
  if (isSeq(node) && typeof part === 'number') {
    const item = node.items[part];
    return isNode(item) ? { value: item, located: item } : undefined;
  }
  return undefined;
}
