/**
 * Baselines: one small JSON file per suite, meant to be committed (`.perfgate/baselines/<suite>.json`).
 * Stable key order and rounded numbers keep diffs reviewable; per-process medians (not raw samples)
 * let a later run apply the same two-sample test as a live comparison. Reading and writing the
 * file is the CLI's job (src/cli/bench/baseline-store.ts); this module is the model.
 */
import { z } from 'zod';
import { PerfgateError } from '../core/errors.js';

export const BASELINE_SCHEMA_VERSION = 1;
/** Significant digits kept for times: far below the 3-4 % noise between processes. */
const SIGNIFICANT_DIGITS = 5;

const fingerprintSchema = z.strictObject({
  cpuModel: z.string(),
  cores: z.number().int().positive(),
  node: z.string(),
  platform: z.string(),
  arch: z.string(),
});

const metadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

const entrySchema = z.strictObject({
  unit: z.literal('ns'),
  median: z.number().positive(),
  ci: z.strictObject({ lower: z.number(), upper: z.number() }),
  mean: z.number(),
  p95: z.number(),
  p99: z.number(),
  processMedians: z.array(z.number().positive()).min(1),
  iterations: z.number().int().positive(),
  batchSize: z.number().int().positive(),
  metadata: metadataSchema,
});

const baselineSchema = z.strictObject({
  schemaVersion: z.literal(BASELINE_SCHEMA_VERSION),
  suite: z.string().min(1),
  updatedAt: z.string(),
  fingerprint: fingerprintSchema,
  benchmarks: z.record(z.string(), entrySchema),
});

export type MachineFingerprint = z.output<typeof fingerprintSchema>;
export type BaselineEntry = z.output<typeof entrySchema>;
export type Baseline = z.output<typeof baselineSchema>;

/** Parses a baseline file's text; throws `BASELINE_INVALID` naming `file` and the first problems. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = baselineSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw invalid(file, problems.join('; '));
}

function invalid(file: string, detail: string): PerfgateError {
  return new PerfgateError('BASELINE_INVALID', `corrupt baseline ${file}: ${detail}`, {
    hint: 'fix or delete the file (it is never replaced silently), e.g. restore it with git',
  });
}

function round(value: number): number {
  return Number(value.toPrecision(SIGNIFICANT_DIGITS));
}

/** Sorts object keys recursively and rounds numbers, so equal baselines serialise identically. */
function canonical(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : round(value);
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** The file text: canonical JSON, two-space indent, trailing newline. */
export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(canonical(baseline), null, 2)}\n`;
}

/** Field-by-field differences between two fingerprints (`cores: 2 → 8`); empty when the same. */
export function fingerprintDifferences(stored: MachineFingerprint, current: MachineFingerprint): string[] {
  const keys = Object.keys(stored).sort() as (keyof MachineFingerprint)[];
  return keys
    .filter((key) => stored[key] !== current[key])
    .map((key) => `${key}: ${stored[key]} → ${current[key]}`);
}

/** The stored per-process medians by benchmark name. */
export function baselineMedians(baseline: Baseline | undefined): Map<string, readonly number[]> {
  return new Map(
    Object.entries(baseline?.benchmarks ?? {}).map(([name, entry]) => [name, entry.processMedians]),
  );
}

/** `previous` with `entries` replacing or adding benchmarks (others kept), stamped with the machine. */
export function mergeBaseline(
  previous: Baseline | undefined,
  update: {
    suite: string;
    updatedAt: string;
    fingerprint: MachineFingerprint;
    entries: Record<string, BaselineEntry>;
  },
): Baseline {
  return {
    schemaVersion: BASELINE_SCHEMA_VERSION,
    suite: update.suite,
    updatedAt: update.updatedAt,
    fingerprint: update.fingerprint,
    benchmarks: { ...(previous?.benchmarks ?? {}), ...update.entries },
  };
}
