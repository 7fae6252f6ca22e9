import { PerfgateError } from '../../core/errors.js';
import { type LoadResults, mergeSegments } from '../../load/metrics/results.js';
import type { SegmentOutcome } from './run-on-cluster.js';

/**
 * The results of a distributed run: every segment's results merged exactly (histograms bucket by
 * bucket), `ensure` re-evaluated on the merged data, and each segment that handed over nothing
 * listed in `missingSegments` with its reason as a warning — an incomplete run is untrusted
 * (exit 3), never a smaller pass. No results at all: ABORTED.
 */
export function judgeSegments(outcomes: readonly SegmentOutcome[]): LoadResults {
  const results: LoadResults[] = [];
  const failures: string[] = [];
  for (const outcome of outcomes) {
    if (outcome.state === 'results') results.push(outcome.results);
    else failures.push(`segment ${outcome.segment}: ${outcome.reason}`);
  }
  if (results.length === 0) {
    throw new PerfgateError('ABORTED', `no generator handed over results:\n${failures.join('\n')}`);
  }
  const merged = mergeSegments(results);
  return {
    ...merged,
    perfgate: { ...merged.perfgate, warnings: [...failures, ...merged.perfgate.warnings] },
  };
}
