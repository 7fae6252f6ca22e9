import { dirname, resolve } from 'node:path';
import type { PayloadSpec } from './model.js';
import { describe, type Path, type ScriptReader } from './reader.js';

const PAYLOAD_KEYS = new Set([
  'path',
  'fields',
  'order',
  'skipHeader',
  'delimiter',
  'cast',
  'skipEmptyLines',
  'loadAll',
  'name',
  'options',
]);

/** `config.payload`: one CSV spec or a list of them; paths are relative to the script. */
export function readPayloads(reader: ScriptReader, raw: unknown, file: string): PayloadSpec[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  const specs: PayloadSpec[] = [];
  for (const [index, item] of list.entries()) {
    const spec = readPayload(
      reader,
      Array.isArray(raw) ? ['config', 'payload', index] : ['config', 'payload'],
      item,
      file,
    );
    if (spec) specs.push(spec);
  }
  return specs;
}

function readPayload(reader: ScriptReader, path: Path, raw: unknown, file: string): PayloadSpec | undefined {
  const spec = reader.record(path, raw);
  if (!spec) return undefined;
  reader.unknownKeys(path, spec, PAYLOAD_KEYS);
  const csvPath = reader.string([...path, 'path'], spec.path);
  const fields = readFields(reader, [...path, 'fields'], spec.fields);
  const order = spec.order ?? 'random';
  if (order !== 'random' && order !== 'sequence')
    reader.fail([...path, 'order'], `expected random or sequence, got ${describe(order)}`);
  const loadAll = reader.boolean([...path, 'loadAll'], spec.loadAll, false);
  const name = spec.name === undefined ? undefined : reader.string([...path, 'name'], spec.name);
  if (loadAll && spec.name === undefined)
    reader.fail([...path, 'name'], 'loadAll needs a name for the variable that holds the rows');
  const delimiter =
    spec.delimiter === undefined ? ',' : reader.string([...path, 'delimiter'], spec.delimiter);
  const options = {
    skipHeader: reader.boolean([...path, 'skipHeader'], spec.skipHeader, false),
    cast: reader.boolean([...path, 'cast'], spec.cast, true),
    // Artillery's default is true (prepare-test-execution-plan: skip_empty_lines).
    skipEmptyLines: reader.boolean([...path, 'skipEmptyLines'], spec.skipEmptyLines, true),
  };
  const csvOptions =
    spec.options === undefined ? undefined : reader.record([...path, 'options'], spec.options);
  if (csvPath === undefined || fields === undefined || delimiter === undefined) return undefined;
  return {
    path: csvPath,
    resolvedPath: resolve(dirname(file), csvPath),
    fields,
    order: order === 'sequence' ? 'sequence' : 'random',
    delimiter,
    loadAll,
    ...options,
    ...(csvOptions === undefined ? {} : { csvOptions }),
    ...(name === undefined ? {} : { name }),
  };
}

function readFields(reader: ScriptReader, path: Path, raw: unknown): string[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0)
    return reader.fail(path, 'expected the list of column names, such as [username, password]');
  const fields: string[] = [];
  for (const [index, field] of raw.entries()) {
    if (typeof field === 'string' && field !== '') fields.push(field);
    else reader.fail([...path, index], `expected a column name, got ${describe(field)}`);
  }
  return fields;
}
