/**
 * The RunReport: everything one run's reports show, as plain data. Every writer (HTML, Markdown,
 * JUnit, JSON) and the history store read only this; the producers' result files reach it through
 * one small adapter each (`adapters/`), so a change in a producer's JSON is fixed in one file.
 *
 * Times are milliseconds; timestamps are epoch milliseconds; ratios are fractions (0.01 = 1 %).
 * The zod schema is the contract: `schema/run-report.schema.json` is generated from it.
 */
import { z } from 'zod';
import { type LoadTest, loadTestSchema } from './model-load.js';
import { count, finite } from './model-numbers.js';

export * from './model-load.js';

export const RUN_REPORT_SCHEMA_VERSION = 1;

export const GATE_KINDS = ['slo', 'threshold', 'benchmark', 'health'] as const;
/** `inconclusive`: measured, but too noisy to decide — never a pass, not a failure (JUnit `<skipped>`). */
export const GATE_STATUSES = ['passed', 'failed', 'inconclusive', 'skipped'] as const;

/** One pass/fail decision of the run: an SLO, an `ensure` threshold, a benchmark verdict, generator health. */
export const gateSchema = z.object({
  kind: z.enum(GATE_KINDS),
  name: z.string(),
  status: z.enum(GATE_STATUSES),
  /** Where the gate came from: the load test, benchmark suite or SLO service. */
  source: z.string().optional(),
  measured: finite.optional(),
  /** The target as people read it: "<= 300 ms", "no critical regression". */
  target: z.string().optional(),
  unit: z.string().optional(),
  /** What was measured, in words: "http.response_time p95 (time to first byte)", "failed VUs, % of VUs created". */
  metric: z.string().optional(),
  message: z.string().optional(),
  /** How long the measurement this gate judged ran (ms): JUnit's `time`. */
  durationMs: finite.optional(),
});
export type Gate = z.infer<typeof gateSchema>;

export const RUN_STATUSES = ['passed', 'failed', 'untrusted'] as const;
export const verdictSchema = z.object({
  /** failed: a gate failed · untrusted: no gate failed but the run cannot be trusted (saturated generator…). */
  status: z.enum(RUN_STATUSES),
  gates: z.array(gateSchema),
});
export type Verdict = z.infer<typeof verdictSchema>;

/**
 * no-data: the scope saw no traffic (fails the gate, as `slo check` does); not-covered: these
 * results hold nothing the SLO judges; inconclusive: over the target on too few events to show a
 * violation (a warning under the default `compliance.insufficientEvidence: warn`).
 */
export const SLO_VERDICTS = ['met', 'violated', 'inconclusive', 'no-data', 'not-covered'] as const;
export const sloRowSchema = z.object({
  name: z.string(),
  service: z.string().optional(),
  sli: z.string().optional(),
  tier: z.string().optional(),
  measured: finite.optional(),
  target: finite.optional(),
  operator: z.enum(['<=', '>=', '<', '>']).optional(),
  unit: z.string().optional(),
  verdict: z.enum(SLO_VERDICTS),
  errorRatio: finite.optional(),
  burnRate: finite.optional(),
  /** Share of the SLO period's error budget this traffic would spend (1 = all of it). */
  budgetConsumed: finite.optional(),
  source: z.string().optional(),
  /** Why the verdict is what it is, when a number alone does not say (e.g. the events needed). */
  note: z.string().optional(),
});
export type SloRow = z.infer<typeof sloRowSchema>;

/** `unstable`: the processes settle in speeds the two sides do not share (perfgate bench names the modes). */
export const BENCHMARK_VERDICTS = [
  'improved',
  'unchanged',
  'regression',
  'inconclusive',
  'unstable',
  'new',
] as const;
export const REGRESSION_SEVERITIES = ['minor', 'major', 'critical'] as const;
export const benchmarkSchema = z.object({
  name: z.string(),
  suite: z.string().optional(),
  /** Unit of every time below, e.g. "ns" or "ms". */
  unit: z.string(),
  median: finite,
  ciLow: finite.optional(),
  ciHigh: finite.optional(),
  p95: finite.optional(),
  p99: finite.optional(),
  samples: count.optional(),
  baseline: z.object({ median: finite, ciLow: finite.optional(), ciHigh: finite.optional() }).optional(),
  /** (median − baseline) / baseline. */
  change: finite.optional(),
  /** 95 % confidence interval of `change` (from the bootstrap CI of the ratio of medians). */
  changeLow: finite.optional(),
  changeHigh: finite.optional(),
  verdict: z.enum(BENCHMARK_VERDICTS),
  severity: z.enum(REGRESSION_SEVERITIES).optional(),
  /** `disturbed`: inconclusive because the machine was busier than in the baseline's session. */
  reason: z.enum(['disturbed']).optional(),
  /** `instructions`: the verdict was read off instruction counts, the machine being disturbed. */
  settledBy: z.enum(['instructions']).optional(),
  /** Quantiles of the samples for the distribution plot: min, p25, median, p75, max… */
  distribution: z.array(z.object({ quantile: finite, value: finite })),
});
export type Benchmark = z.infer<typeof benchmarkSchema>;

export const trendSchema = z.object({
  metric: z.string(),
  unit: z.string().optional(),
  better: z.enum(['lower', 'higher']),
  points: z.array(z.object({ runId: z.number().int(), at: finite, value: finite })),
  /** Where a step change began: index into `points`. */
  changes: z.array(
    z.object({
      index: z.number().int(),
      runId: z.number().int(),
      before: finite,
      after: finite,
      change: finite.optional(),
      pValue: finite,
    }),
  ),
});
export type Trend = z.infer<typeof trendSchema>;

export const runReportSchema = z
  .object({
    schemaVersion: z.literal(RUN_REPORT_SCHEMA_VERSION),
    title: z.string(),
    generatedAt: finite,
    run: z
      .object({
        commit: z.string().optional(),
        branch: z.string().optional(),
        environment: z.string().optional(),
      })
      .default({}),
    /** The result files this report was made from, as given. */
    sources: z.array(z.string()),
    verdict: verdictSchema,
    slos: z.array(sloRowSchema),
    loadTests: z.array(loadTestSchema),
    benchmarks: z.array(benchmarkSchema),
    trends: z.array(trendSchema),
    warnings: z.array(z.string()),
  })
  .meta({ title: 'perfgate run report', description: 'The combined result of one perfgate run' });
export type RunReport = z.infer<typeof runReportSchema>;

/** The parts of a report that producers contribute (verdict, trends and metadata come later). */
export interface ReportPart {
  gates: Gate[];
  slos: SloRow[];
  loadTests: LoadTest[];
  benchmarks: Benchmark[];
  warnings: string[];
}

export function emptyPart(): ReportPart {
  return { gates: [], slos: [], loadTests: [], benchmarks: [], warnings: [] };
}

/** The JSON Schema (draft 2020-12) of a RunReport, as written to schema/run-report.schema.json. */
export function runReportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(runReportSchema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
}
