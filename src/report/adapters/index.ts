/**
 * The adapters, keyed by producer (STYLE.md #7): each recognises its results JSON and maps it
 * onto a ReportPart. A RunReport written by `--json` is accepted as input too.
 */
import { PerfgateError } from '../../core/errors.js';
import { emptyPart, type ReportPart, runReportSchema } from '../model.js';
import { adaptBenchResults, isBenchResults } from './bench.js';
import { isObject } from './json-fields.js';
import { adaptLoadResults, isLoadResults } from './load.js';
import { adaptSloResults, isSloResults } from './slo.js';

export interface ResultsAdapter {
  /** True when `json` looks like this producer's results. */
  recognises(json: unknown): boolean;
  adapt(json: unknown, source: string): ReportPart;
}

export const ADAPTERS = {
  'run-report': { recognises: isRunReport, adapt: adaptRunReport },
  load: { recognises: isLoadResults, adapt: adaptLoadResults },
  bench: { recognises: isBenchResults, adapt: adaptBenchResults },
  slo: { recognises: isSloResults, adapt: adaptSloResults },
} satisfies Record<string, ResultsAdapter>;

export type ResultsKind = keyof typeof ADAPTERS;

function isRunReport(json: unknown): boolean {
  return isObject(json) && 'verdict' in json && 'loadTests' in json && 'schemaVersion' in json;
}

function adaptRunReport(json: unknown, source: string): ReportPart {
  const parsed = runReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PerfgateError(
      'REPORT_INPUT_INVALID',
      `${source}: not a valid perfgate run report: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  const { verdict, slos, loadTests, benchmarks, warnings } = parsed.data;
  return { ...emptyPart(), gates: verdict.gates, slos, loadTests, benchmarks, warnings };
}

/** Maps one results file onto report data; throws REPORT_INPUT_INVALID when no adapter knows it. */
export function adaptResults(json: unknown, source: string): { kind: ResultsKind; part: ReportPart } {
  for (const [kind, adapter] of Object.entries(ADAPTERS) as [ResultsKind, ResultsAdapter][]) {
    if (adapter.recognises(json)) return { kind, part: adapter.adapt(json, source) };
  }
  throw new PerfgateError('REPORT_INPUT_INVALID', `${source}: not perfgate load, bench or SLO results`, {
    hint: 'Pass files written by `perfgate load -o`, `perfgate bench -o`, `perfgate slo check -o` or `perfgate report --json`.',
  });
}
