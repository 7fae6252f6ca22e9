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
import type { ConfigIssue } from './issues.js';

/** A parsed config file that can say where any path of it sits in the text. */
export interface ConfigSource {
  file: string;
  document: Document;
  /** Line and column (1-based) of the value at `path`, or of its nearest existing ancestor. */
  locate(path: ReadonlyArray<string | number>, target?: 'key' | 'value'): { line: number; col: number };
  /** Line and column (1-based) of a character offset in the text. */
  positionOf(offset: number): { line: number; col: number };
}

/**
 * Parses YAML or JSON text (JSON is YAML 1.2, so one parser gives positions for both).
 * Syntax errors come back as issues; the source is still returned so callers can stop there.
 */
export function parseConfigSource(
  text: string,
  file: string,
): { source: ConfigSource; issues: ConfigIssue[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const issues: ConfigIssue[] = document.errors.map((error) => ({
    file,
    ...position(error.pos[0]),
    path: [],
    message: `YAML syntax error: ${firstLine(error.message)}`,
  }));
  const locate: ConfigSource['locate'] = (path, target = 'value') => {
    const found = findNode(document, path, target);
    return found?.range ? position(found.range[0]) : { line: 1, col: 1 };
  };
  return { source: { file, document, locate, positionOf: position }, issues };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** Walks the YAML tree along `path`; stops at the deepest node that exists. */
function findNode(
  document: Document,
  path: ReadonlyArray<string | number>,
  target: 'key' | 'value',
): Node | undefined {
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
