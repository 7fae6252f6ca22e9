/**
 * Builds the RunReport of one run from its results files (already parsed) and metadata.
 */
import { adaptResults } from './adapters/index.js';
import {
  emptyPart,
  type Gate,
  type ReportPart,
  RUN_REPORT_SCHEMA_VERSION,
  type RunReport,
  type Trend,
  type Verdict,
} from './model.js';

export interface ResultsInput {
  /** The file name as given (shown in the report and used for names when results have none). */
  source: string;
  json: unknown;
}

export interface RunMetadata {
  title?: string;
  /** Epoch ms, from the injected clock. */
  generatedAt: number;
  run?: RunReport['run'];
}

export const DEFAULT_REPORT_TITLE = 'perfgate run';

export function buildRunReport(
  inputs: readonly ResultsInput[],
  metadata: RunMetadata,
  trends: Trend[] = [],
): RunReport {
  const combined = inputs.reduce(
    (sum, input) => mergeParts(sum, adaptResults(input.json, input.source).part),
    emptyPart(),
  );
  return {
    schemaVersion: RUN_REPORT_SCHEMA_VERSION,
    title: metadata.title ?? DEFAULT_REPORT_TITLE,
    generatedAt: metadata.generatedAt,
    run: metadata.run ?? {},
    sources: inputs.map((input) => input.source),
    verdict: decideVerdict(timeSloGates(combined)),
    slos: combined.slos,
    loadTests: combined.loadTests,
    benchmarks: combined.benchmarks,
    trends,
    warnings: combined.warnings,
  };
}

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/**
 * An SLO gate judged a load test's results file: it gets that test's duration (JUnit `time`),
 * matched by file name, since `slo check` rows name the file they judged.
 */
function timeSloGates(part: ReportPart): Gate[] {
  const durations = new Map<string, number>();
  for (const test of part.loadTests) {
    if (test.source !== undefined && test.durationMs !== undefined)
      durations.set(fileName(test.source), test.durationMs);
  }
  const sourceOf = new Map(part.slos.map((row) => [row.name, row.source]));
  return part.gates.map((gate) => {
    if (gate.kind !== 'slo' || gate.durationMs !== undefined) return gate;
    const source = sourceOf.get(gate.name);
    const durationMs = source === undefined ? undefined : durations.get(fileName(source));
    return durationMs === undefined ? gate : { ...gate, durationMs };
  });
}

function mergeParts(a: ReportPart, b: ReportPart): ReportPart {
  return {
    gates: [...a.gates, ...b.gates],
    slos: [...a.slos, ...b.slos],
    loadTests: [...a.loadTests, ...b.loadTests],
    benchmarks: [...a.benchmarks, ...b.benchmarks],
    warnings: [...a.warnings, ...b.warnings],
  };
}

/**
 * failed when any SLO, threshold or benchmark gate failed; untrusted when none did but a load
 * generator was saturated (its numbers cannot be believed); passed otherwise.
 */
export function decideVerdict(gates: Gate[]): Verdict {
  const failed = gates.filter((gate) => gate.status === 'failed');
  const status = failed.some((gate) => gate.kind !== 'health')
    ? 'failed'
    : failed.length > 0
      ? 'untrusted'
      : 'passed';
  return { status, gates };
}

/** Gates that decided a failed or untrusted verdict. */
export function failedGates(report: RunReport): Gate[] {
  return report.verdict.gates.filter((gate) => gate.status === 'failed');
}
