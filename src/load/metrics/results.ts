import type { EnsureVerdict } from '../ensure/evaluate.js';
import { evaluateEnsure } from '../ensure/evaluate.js';
import type { GeneratorSample } from '../health/monitor.js';
import {
  DEFAULT_HEALTH_LIMITS,
  type GeneratorHealth,
  type HealthLimits,
  judgeHealth,
} from '../health/verdict.js';
import type { EnsureSpec } from '../script/model.js';
import { type GeneratorRecord, missingSegments } from './coverage.js';
import { mergeRegions, type RegionData } from './regions.js';
import { mergeSamples, type RequestSamples } from './samples.js';
import {
  encodeMerged,
  mergeByPeriod,
  mergeWindows,
  type ReportWindow,
  toReportWindow,
  type WindowData,
} from './window.js';

/** Bumped on any incompatible change to the `perfgate` section (schema/load-results.schema.json). */
export const LOAD_RESULTS_SCHEMA_VERSION = 1;

/** Connection-level failures: a run where every request failed with one of these never reached the target. */
export const UNREACHABLE_CODES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
];

/** Counters that show something was sent to the target (HTTP requests, WebSocket and Socket.IO traffic). */
export const SENDING_COUNTERS = [
  'http.requests',
  'websocket.messages_sent',
  'perfgate.websocket.connections',
  'socketio.emit',
  'perfgate.socketio.connections',
];

/** What one generator (one process or worker thread, one segment) hands back. */
export interface GeneratorResult {
  readonly windows: readonly WindowData[];
  readonly health: GeneratorSample;
  readonly samples: RequestSamples;
}

export interface EnsureOutcome {
  readonly passed: boolean;
  readonly verdicts: readonly EnsureVerdict[];
}

export interface PerfgateSection {
  readonly schemaVersion: number;
  readonly status: 'completed' | 'interrupted';
  readonly script?: string;
  /** Wall-clock ms. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly intervalMs: number;
  /** Segments (`I/N`) this result covers: one per machine, several after `perfgate merge`. */
  readonly segments: readonly string[];
  /** Aggregate HDR histograms, encoded (compressed base64, values in µs). */
  readonly histograms: Readonly<Record<string, string>>;
  /** Every window as exact data (the source of `intermediate` and `aggregate`, and of merges). */
  readonly windows: readonly WindowData[];
  readonly health: GeneratorHealth;
  /** The script's ensure spec, so `perfgate merge` can re-evaluate it on merged data. */
  readonly ensureSpec: EnsureSpec;
  readonly ensure: EnsureOutcome;
  /** Every request failed with a connection error: the target was never reached. */
  readonly unreachable: boolean;
  /**
   * No request, WebSocket or Socket.IO connection was even attempted (the flows only logged,
   * called functions, or every VU failed before sending): such a run tested nothing.
   */
  readonly nothingSent: boolean;
  /** What a processor set as `artillery.suggestedExitCode` (absent: none). */
  readonly suggestedExitCode?: number;
  readonly warnings: readonly string[];
  readonly samples: RequestSamples;
  /** This generator's region label (`--region`), on one generator's results. */
  readonly region?: string;
  /** Per-region data after a merge of results that carry regions. */
  readonly regions?: Readonly<Record<string, RegionData>>;
  /** Each machine's share as it ran: its segment, region and start (the start spread of a merge). */
  readonly generators?: readonly GeneratorRecord[];
  /** Segments of the split whose results were not merged: the run is incomplete, not smaller. */
  readonly missingSegments?: readonly string[];
}

/** `-o` output: Artillery's report layout plus the `perfgate` section (DESIGN.md). */
export interface LoadResults {
  readonly aggregate: ReportWindow;
  readonly intermediate: readonly ReportWindow[];
  readonly perfgate: PerfgateSection;
}

export interface ResultsMeta {
  readonly status: 'completed' | 'interrupted';
  readonly script?: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly intervalMs: number;
  readonly segments: readonly string[];
  readonly ensureSpec: EnsureSpec;
  readonly warnings: readonly string[];
  readonly healthLimits?: HealthLimits;
  readonly suggestedExitCode?: number;
  readonly region?: string;
  readonly regions?: Readonly<Record<string, RegionData>>;
  readonly generators?: readonly GeneratorRecord[];
}

/** Builds the results of one or several generators (workers, segments): exact merges throughout. */
export function buildResults(
  windows: readonly WindowData[],
  healthSamples: readonly GeneratorSample[],
  samples: readonly RequestSamples[],
  meta: ResultsMeta,
): LoadResults {
  const byPeriod = mergeByPeriod(windows);
  const total = mergeWindows(byPeriod);
  const aggregate = toReportWindow(total);
  const encodedTotal = encodeMerged(total);
  const health = judgeHealth(healthSamples, meta.healthLimits ?? DEFAULT_HEALTH_LIMITS);
  const verdicts = evaluateEnsure(meta.ensureSpec, aggregate);
  return {
    aggregate,
    intermediate: byPeriod.map((window) => toReportWindow(mergeWindows([window]))),
    perfgate: {
      schemaVersion: LOAD_RESULTS_SCHEMA_VERSION,
      status: meta.status,
      ...(meta.script === undefined ? {} : { script: meta.script }),
      startedAt: meta.startedAt,
      endedAt: meta.endedAt,
      intervalMs: meta.intervalMs,
      segments: meta.segments,
      histograms: encodedTotal.histograms,
      windows: byPeriod,
      health,
      ensureSpec: meta.ensureSpec,
      ensure: { passed: verdicts.every((v) => v.passed || !v.strict), verdicts },
      unreachable: isUnreachable(aggregate.counters),
      nothingSent: SENDING_COUNTERS.every((name) => (aggregate.counters[name] ?? 0) === 0),
      ...(meta.suggestedExitCode ? { suggestedExitCode: meta.suggestedExitCode } : {}),
      warnings: [...new Set([...meta.warnings, ...health.warnings])],
      samples: mergeSamples(samples),
      ...distributedFields(meta),
    },
  };
}

function distributedFields(meta: ResultsMeta): Partial<PerfgateSection> {
  return {
    ...(meta.region === undefined ? {} : { region: meta.region }),
    ...(meta.regions === undefined ? {} : { regions: meta.regions }),
    ...(meta.generators === undefined ? {} : { generators: meta.generators }),
  };
}

/**
 * `perfgate merge`: the segments of one test as one run. Segments of the split that are absent
 * are listed in `missingSegments` (an incomplete run, not a smaller one); results of different
 * splits or the same segment twice are INVALID_ARGUMENT.
 */
export function mergeSegments(results: readonly LoadResults[], healthLimits?: HealthLimits): LoadResults {
  const missing = missingSegments(results.flatMap((result) => result.perfgate.segments));
  const merged = mergeResults(results, healthLimits);
  if (missing.length === 0) return merged;
  return { ...merged, perfgate: { ...merged.perfgate, missingSegments: missing } };
}

/**
 * Several generators' results as one run (exact: counters add, histograms merge), ensure
 * re-evaluated on the merged data; also used to judge different scripts' results together.
 */
export function mergeResults(results: readonly LoadResults[], healthLimits?: HealthLimits): LoadResults {
  const first = results[0];
  if (!first) throw new Error('mergeResults needs at least one result');
  const sections = results.map((r) => r.perfgate);
  const segments = sections.flatMap((s) => s.segments);
  const regions = mergeRegions(
    results.map(({ perfgate, aggregate }) => ({ ...perfgate, counters: aggregate.counters })),
  );
  return buildResults(
    sections.flatMap((s) => s.windows),
    sections.flatMap((s) => s.health.samples),
    sections.map((s) => s.samples),
    {
      status: sections.some((s) => s.status === 'interrupted') ? 'interrupted' : 'completed',
      ...(first.perfgate.script === undefined ? {} : { script: first.perfgate.script }),
      startedAt: Math.min(...sections.map((s) => s.startedAt)),
      endedAt: Math.max(...sections.map((s) => s.endedAt)),
      intervalMs: first.perfgate.intervalMs,
      segments,
      ensureSpec: first.perfgate.ensureSpec,
      warnings: [...new Set(sections.flatMap((s) => s.warnings))],
      suggestedExitCode: Math.max(0, ...sections.map((s) => s.suggestedExitCode ?? 0)),
      ...(healthLimits === undefined ? {} : { healthLimits }),
      ...(regions === undefined ? {} : { regions }),
      generators: sections.flatMap((s) => s.generators ?? generatorsOf(s)),
    },
  );
}

/** Results written before `generators` existed: one record per segment they cover. */
function generatorsOf(section: PerfgateSection): GeneratorRecord[] {
  const { startedAt, endedAt, status } = section;
  return section.segments.map((segment) => ({ segment, startedAt, endedAt, status }));
}

function isUnreachable(counters: Readonly<Record<string, number>>): boolean {
  const requests = counters['http.requests'] ?? 0;
  if (requests === 0 || (counters['http.responses'] ?? 0) > 0) return false;
  const connectionErrors = UNREACHABLE_CODES.reduce(
    (sum, code) => sum + (counters[`errors.${code}`] ?? 0),
    0,
  );
  return connectionErrors >= requests;
}
