import type { Capture, Expectation, Match } from './model.js';
import { formatPlainPath, isRecord, type Path, type ScriptReader } from './reader.js';

const EXPECTATION_KINDS = new Set<Expectation['kind']>([
  'statusCode',
  'notStatusCode',
  'contentType',
  'hasProperty',
  'notHasProperty',
  'equals',
  'hasHeader',
  'headerEquals',
  'matchesRegexp',
  'cdnHit',
]);

/** `capture:` is one capture or a list of them. */
export function readCaptures(
  reader: ScriptReader,
  path: Path,
  raw: unknown,
  strictDefault: boolean,
): Capture[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  const captures: Capture[] = [];
  for (const [index, item] of list.entries()) {
    const capture = readCapture(reader, Array.isArray(raw) ? [...path, index] : path, item, strictDefault);
    if (capture) captures.push(capture);
  }
  return captures;
}

function readCapture(
  reader: ScriptReader,
  path: Path,
  raw: unknown,
  strictDefault: boolean,
): Capture | undefined {
  const spec = reader.record(path, raw);
  if (!spec) return undefined;
  const as = reader.string([...path, 'as'], spec.as);
  const strict = reader.boolean([...path, 'strict'], spec.strict, strictDefault);
  if (spec.selector !== undefined) {
    reader.warn(
      `${formatPlainPath(path)}: selector (cheerio) captures are not supported by perfgate, skipped`,
    );
    return undefined;
  }
  reader.unknownKeys(
    path,
    spec,
    new Set(['json', 'regexp', 'header', 'xpath', 'as', 'strict', 'group', 'flags', 'multiple']),
  );
  if (as === undefined) return undefined;
  if (spec.xpath !== undefined) {
    reader.warn(
      `${formatPlainPath(path)}: xpath captures find nothing, as in Artillery without its optional artillery-xml-capture package${strict ? ': the VU stops there' : ''}`,
    );
    return { kind: 'none', as, strict };
  }
  if (spec.json !== undefined) {
    const jsonPath = reader.string([...path, 'json'], spec.json);
    return jsonPath === undefined ? undefined : { kind: 'json', path: jsonPath, as, strict };
  }
  if (spec.regexp !== undefined) return readRegexpCapture(reader, path, spec, as, strict);
  if (spec.header !== undefined) {
    const header = reader.string([...path, 'header'], spec.header);
    return header === undefined ? undefined : { kind: 'header', header: header.toLowerCase(), as, strict };
  }
  reader.warn(
    `${formatPlainPath(path)}: a capture without json, regexp or header finds nothing, as in Artillery`,
  );
  return { kind: 'none', as, strict };
}

function readRegexpCapture(
  reader: ScriptReader,
  path: Path,
  spec: Record<string, unknown>,
  as: string,
  strict: boolean,
): Capture | undefined {
  const pattern = reader.string([...path, 'regexp'], spec.regexp);
  const flags = spec.flags === undefined ? undefined : String(spec.flags);
  if (pattern === undefined) return undefined;
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return reader.fail([...path, 'regexp'], `not a regular expression: ${(error as Error).message}`);
  }
  const group = typeof spec.group === 'number' || typeof spec.group === 'string' ? spec.group : undefined;
  return {
    kind: 'regexp',
    pattern,
    as,
    strict,
    ...(flags === undefined ? {} : { flags }),
    ...(group === undefined ? {} : { group }),
  };
}

/** `match:` (deprecated in Artillery, still found in old scripts): one or a list of `{ json, value }`. */
export function readMatches(reader: ScriptReader, path: Path, raw: unknown, strictDefault: boolean): Match[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  const matches: Match[] = [];
  for (const [index, item] of list.entries()) {
    const where = Array.isArray(raw) ? [...path, index] : path;
    const spec = reader.record(where, item);
    if (!spec) continue;
    const json = reader.string([...where, 'json'], spec.json);
    if (spec.value === undefined) reader.fail([...where, 'value'], 'a match needs the value to compare with');
    const strict = reader.boolean([...where, 'strict'], spec.strict, strictDefault);
    if (json !== undefined && spec.value !== undefined) matches.push({ json, value: spec.value, strict });
  }
  return matches;
}

/** `expect:` is a list of one-key mappings, or one mapping of several checks. */
export function readExpectations(reader: ScriptReader, path: Path, raw: unknown): Expectation[] {
  if (raw === undefined) return [];
  const entries: { path: Path; kind: string; value: unknown }[] = [];
  if (Array.isArray(raw)) {
    for (const [index, item] of raw.entries()) {
      if (!isRecord(item) || Object.keys(item).length !== 1) {
        reader.fail([...path, index], 'each expectation is one check, such as { statusCode: 200 }');
        continue;
      }
      const [kind, value] = Object.entries(item)[0] ?? ['', undefined];
      entries.push({ path: [...path, index, kind], kind, value });
    }
  } else if (isRecord(raw)) {
    for (const [kind, value] of Object.entries(raw)) entries.push({ path: [...path, kind], kind, value });
  } else {
    reader.fail(path, 'expected a list of checks such as - statusCode: 200');
  }
  const expectations: Expectation[] = [];
  for (const entry of entries) {
    if (EXPECTATION_KINDS.has(entry.kind as Expectation['kind'])) {
      expectations.push({ kind: entry.kind as Expectation['kind'], value: entry.value });
    } else {
      reader.warn(
        `${formatPlainPath(entry.path)}: the expect check "${entry.kind}" is not supported by perfgate, skipped`,
      );
    }
  }
  return expectations;
}
