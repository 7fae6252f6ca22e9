import type { EnsureSpec } from './model.js';
import { isRecord, type Path, type ScriptReader } from './reader.js';

const LEGACY_STATS = ['min', 'max', 'median', 'p95', 'p99'] as const;
const ENSURE_KEYS = new Set(['thresholds', 'conditions', 'maxErrorRate', ...LEGACY_STATS]);

export const EMPTY_ENSURE: EnsureSpec = { thresholds: [], conditions: [], legacy: [] };

/** Reads `config.ensure` and `config.plugins.ensure` (both may exist; their checks add up). */
export function readEnsure(reader: ScriptReader, sources: { path: Path; value: unknown }[]): EnsureSpec {
  const spec = { thresholds: [], conditions: [], legacy: [] } as {
    thresholds: { metric: string; limit: number }[];
    conditions: { expression: string; strict: boolean }[];
    legacy: { stat: (typeof LEGACY_STATS)[number]; limit: number }[];
    maxErrorRate?: number;
  };
  for (const { path, value } of sources) {
    if (value === undefined || value === null) continue;
    const ensure = reader.record(path, value);
    if (!ensure) continue;
    reader.unknownKeys(path, ensure, ENSURE_KEYS);
    readThresholds(reader, [...path, 'thresholds'], ensure.thresholds, spec.thresholds);
    readConditions(reader, [...path, 'conditions'], ensure.conditions, spec.conditions);
    for (const stat of LEGACY_STATS) {
      if (ensure[stat] === undefined) continue;
      const limit = reader.number([...path, stat], ensure[stat]);
      if (limit !== undefined) spec.legacy.push({ stat, limit });
    }
    if (ensure.maxErrorRate !== undefined) {
      const limit = reader.number([...path, 'maxErrorRate'], ensure.maxErrorRate, { min: 0 });
      if (limit !== undefined) spec.maxErrorRate = limit;
    }
  }
  return spec;
}

function readThresholds(
  reader: ScriptReader,
  path: Path,
  raw: unknown,
  into: { metric: string; limit: number }[],
): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) {
    reader.fail(path, 'expected a list such as - http.response_time.p99: 250');
    return;
  }
  for (const [index, item] of raw.entries()) {
    if (!isRecord(item) || Object.keys(item).length !== 1) {
      reader.fail(
        [...path, index],
        'each threshold is one metric and its limit, such as http.response_time.p99: 250',
      );
      continue;
    }
    const [metric, value] = Object.entries(item)[0] ?? ['', undefined];
    const limit = reader.number([...path, index, metric], value);
    if (limit !== undefined) into.push({ metric, limit });
  }
}

function readConditions(
  reader: ScriptReader,
  path: Path,
  raw: unknown,
  into: { expression: string; strict: boolean }[],
): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) {
    reader.fail(path, 'expected a list of { expression, strict }');
    return;
  }
  for (const [index, item] of raw.entries()) {
    const condition = reader.record([...path, index], item);
    if (!condition) continue;
    const expression = reader.string([...path, index, 'expression'], condition.expression);
    const strict = reader.boolean([...path, index, 'strict'], condition.strict, true);
    if (expression !== undefined) into.push({ expression, strict });
  }
}
