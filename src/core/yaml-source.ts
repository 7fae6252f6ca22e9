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
import type { LocatedIssue } from './located-issue.js';

type Path = ReadonlyArray<string | number>;
type Position = { line: number; col: number };

/** A parsed YAML (or JSON) file that can say where any path of it sits in the text. */
export interface YamlSource {
  readonly file: string;
  readonly document: Document;
  /** Syntax errors, located; when any, the document's data should not be trusted. */
  readonly syntaxIssues: LocatedIssue[];
  /** Line and column (1-based) of the value at `path` (or its key), or of its nearest existing ancestor. */
  locate(path: Path, target?: 'key' | 'value'): Position;
  /** Line and column (1-based) of a character offset in the text. */
  positionOf(offset: number): Position;
}

/** Parses YAML or JSON text (JSON is YAML 1.2, so one parser gives positions for both). */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const positionOf = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const syntaxIssues: LocatedIssue[] = document.errors.map((error) => ({
    file,
    ...positionOf(error.pos[0]),
    path: [],
    message: `YAML syntax error: ${error.message.split('\n')[0] ?? error.message}`,
  }));
  const locate = (path: Path, target: 'key' | 'value' = 'value'): Position => {
    const found = findNode(document, path, target);
    return found?.range ? positionOf(found.range[0]) : { line: 1, col: 1 };
  };
  return { file, document, syntaxIssues, locate, positionOf };
}

/** Walks the YAML tree along `path`; stops at the deepest node that exists. */
function findNode(document: Document, path: Path, target: 'key' | 'value'): Node | undefined {
  let node: unknown = document.contents;
  let found: Node | undefined = isNode(node) ? node : undefined;
  for (const [index, part] of path.entries()) {
    const step = childOf(node, part, target === 'key' && index === path.length - 1);
    if (!step) return found;
    node = step.next;
    found = step.located ?? found;
  }
  return found;
}

/** One step down: the child value (or, for the last step of a key lookup, the key itself). */
function childOf(
  node: unknown,
  part: string | number,
  wantKey: boolean,
): { next: unknown; located?: Node } | undefined {
  if (isMap(node)) {
    const pair = node.items.find(
      (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part),
    );
    if (!pair) return undefined;
    const key = isNode(pair.key) ? pair.key : undefined;
    if (wantKey) return { next: undefined, located: key };
    return { next: pair.value, located: isNode(pair.value) ? pair.value : key };
  }
  if (isSeq(node) && typeof part === 'number') {
    const item = node.items[part];
    return isNode(item) ? { next: item, located: item } : undefined;
  }
  return undefined;
}
