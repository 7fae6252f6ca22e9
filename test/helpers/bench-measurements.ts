/** Measurements for tests of the verdict pipeline: a process whose samples sit at `p10` and above. */

import type { BenchmarkMeasurement } from '../../src/bench/types.js';
import { describeSamples } from '../../src/stats/describe.js';
import { sortSamples } from '../../src/stats/sorted.js';

export function fakeMeasurement(name: string, p10: number, heapDeltaBytes?: number): BenchmarkMeasurement {
  // The three fastest samples equal `p10`, so the type-7 10th percentile of 20 is exactly it.
  const samplesNs = Array.from({ length: 20 }, (_, i) => p10 * (1 + Math.max(0, i - 2) * 0.002));
  return {
    name,
    metadata: {},
    unit: 'ns',
    async: false,
    batchSize: 1,
    samplesNs,
    stats: describeSamples(sortSamples(samplesNs)),
    heapDeltaBytes,
    warnings: [],
  };
}
