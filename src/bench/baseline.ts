/**
 * Baselines: one small JSON file per suite, meant to be committed (`.perfgate/baselines/<suite>.json`).
 * Stable key order and rounded numbers keep diffs reviewable; per-process 10th percentiles (not
 * raw samples) let a later run make the same comparison as a live one. With them: the calibration
 * workloads of the recording session (is the machine in the same state now?), and per benchmark
 * the times of the sessions recorded so far and the spread between them, which one session cannot
 * show and the verdict must allow for. Format 1 files (per-process medians only) are still read;
 * their benchmarks are not compared (a median is not a 10th percentile) until re-recorded.
 * Reading and writing the file is the CLI's job (src/cli/bench/baseline-store.ts).
 */
import { z } from 'zod';
import { PerfgateError } from '../core/errors.js';
import { sideCalibration } from './calibration.js';
import type { StoredBase } from './session.js';

export const BASELINE_SCHEMA_VERSION = 2;
/** Sessions kept per benchmark for the spread between sessions. */
export const MAX_SESSIONS = 5;
/**
 * The spread between sessions assumed until several were recorded (σ of log time): the
 * session-to-session spread of the compared figure measured on this project's busy 2-core VM
 * ranged 0.5–2.7 %.
 */
export const DEFAULT_SESSION_SPREAD = 0.02;
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

const v1EntrySchema = z.strictObject({
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

const instructionsSchema = z.strictObject({
  /** Instructions per call, one figure per process (callgrind; src/bench/instructions.ts). */
  perCall: z.array(z.number().positive()).min(1),
});

const entrySchema = v1EntrySchema.extend({
  /** The compared figure: the lowest per-process 10th percentile, ns per call. */
  time: z.number().positive(),
  /** Empty only for a benchmark carried over from a format-1 file (not comparable). */
  processP10: z.array(z.number().positive()),
  /** The machine state of each process (calibration.ts), parallel to processP10, when measured. */
  processStates: z.array(z.number().positive()).optional(),
  /** Compared figure of each recorded session, oldest first (at most MAX_SESSIONS). */
  sessions: z.array(z.number().positive()),
  /** σ of log time between sessions, used by the verdict. */
  sessionSpread: z.number().nonnegative(),
  instructions: instructionsSchema.optional(),
});

const calibrationSchema = z.strictObject({
  computeNs: z.number().positive(),
  memoryNs: z.number().positive(),
});

const baselineSchema = z.strictObject({
  schemaVersion: z.literal(BASELINE_SCHEMA_VERSION),
  suite: z.string().min(1),
  updatedAt: z.string(),
  fingerprint: fingerprintSchema,
  /** The recording session's calibration workloads, one entry per process. */
  calibration: z.array(calibrationSchema),
  benchmarks: z.record(z.string(), entrySchema),
});

const v1BaselineSchema = z.strictObject({
  schemaVersion: z.literal(1),
  suite: z.string().min(1),
  updatedAt: z.string(),
  fingerprint: fingerprintSchema,
  benchmarks: z.record(z.string(), v1EntrySchema),
});

export type MachineFingerprint = z.output<typeof fingerprintSchema>;
export type BaselineEntry = z.output<typeof entrySchema>;
export type Baseline = z.output<typeof baselineSchema>;

/** A format-1 file as format 2: medians kept, nothing to compare with until re-recorded. */
function fromVersion1(old: z.output<typeof v1BaselineSchema>): Baseline {
  const benchmarks = Object.fromEntries(
    Object.entries(old.benchmarks).map(([name, entry]) => [
      name,
      { ...entry, time: entry.median, processP10: [], sessions: [], sessionSpread: DEFAULT_SESSION_SPREAD },
    ]),
  );
  return { ...old, schemaVersion: BASELINE_SCHEMA_VERSION, calibration: [], benchmarks };
}

/** Parses a baseline file's text; throws `BASELINE_INVALID` naming `file` and the first problems. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const old = v1BaselineSchema.safeParse(data);
  if (old.success) return fromVersion1(old.data);
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

/** Whether a benchmark of a stored baseline can be compared with (format-1 entries cannot). */
export function isComparable(entry: BaselineEntry): boolean {
  return entry.processP10.length > 0;
}

/** σ of log time between the recorded sessions, never below {@link DEFAULT_SESSION_SPREAD}. */
export function sessionSpreadOf(sessions: readonly number[]): number {
  if (sessions.length < 3) return DEFAULT_SESSION_SPREAD;
  const logs = sessions.map(Math.log);
  const mean = logs.reduce((sum, value) => sum + value, 0) / logs.length;
  const variance = logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (logs.length - 1);
  return Math.max(DEFAULT_SESSION_SPREAD, Math.sqrt(variance));
}

/**
 * The entry for a newly measured benchmark: when the code did not change (`sameCode`), the new
 * session joins the earlier ones (the oldest dropped beyond MAX_SESSIONS) and the spread is
 * recomputed; after a change the history starts again.
 */
export function withSession(
  measured: Omit<BaselineEntry, 'sessions' | 'sessionSpread'>,
  previous: BaselineEntry | undefined,
  sameCode: boolean,
): BaselineEntry {
  const earlier = sameCode && previous && isComparable(previous) ? previous.sessions : [];
  const sessions = [...earlier, measured.time].slice(-MAX_SESSIONS);
  return { ...measured, sessions, sessionSpread: sessionSpreadOf(sessions) };
}

/** `previous` with `entries` replacing or adding benchmarks (others kept), stamped with the machine. */
export function mergeBaseline(
  previous: Baseline | undefined,
  update: {
    suite: string;
    updatedAt: string;
    fingerprint: MachineFingerprint;
    calibration: Baseline['calibration'];
    entries: Record<string, BaselineEntry>;
  },
): Baseline {
  return {
    schemaVersion: BASELINE_SCHEMA_VERSION,
    suite: update.suite,
    updatedAt: update.updatedAt,
    fingerprint: update.fingerprint,
    calibration: update.calibration,
    benchmarks: { ...(previous?.benchmarks ?? {}), ...update.entries },
  };
}

/** The stored baseline as a session's base: comparable benchmarks, their spread, the calibration. */
export function storedBaseOf(baseline: Baseline): StoredBase {
  const comparable = Object.entries(baseline.benchmarks).filter(([, entry]) => isComparable(entry));
  const calibration = sideCalibration(baseline.calibration);
  const withStates = comparable.filter(
    ([, entry]) => entry.processStates?.length === entry.processP10.length,
  );
  return {
    values: new Map(comparable.map(([name, entry]) => [name, entry.processP10])),
    states: new Map(withStates.map(([name, entry]) => [name, entry.processStates ?? []])),
    sessionSpread: new Map(comparable.map(([name, entry]) => [name, entry.sessionSpread])),
    ...(calibration ? { calibration } : {}),
  };
}

/** Benchmarks of a stored baseline that cannot be compared (recorded by an older perfgate). */
export function incomparableBenchmarks(baseline: Baseline): string[] {
  return Object.entries(baseline.benchmarks)
    .filter(([, entry]) => !isComparable(entry))
    .map(([name]) => name);
}
