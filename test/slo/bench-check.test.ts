import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

const CONFIG = `
services:
  router: { url: "http://127.0.0.1:1" }
slos:
  - name: pick_p99
    service: router
    sli: { type: latency, percentile: 99, benchmark: routing/pickCheapestModel }
    slo: { target: 0.05, operator: "<=", unit: ms }
  - name: pick_memory
    service: router
    sli: { type: memory, measure: heapDelta, benchmark: pickCheapestModel }
    slo: { target: 1, operator: "<=", unit: MB }
`;

/** A `perfgate bench -o` document (src/bench/results-document.ts), times in ns. */
const benchDocument = {
  schemaVersion: 1,
  kind: 'perfgate-bench',
  suites: [
    {
      name: 'routing',
      benchmarks: [
        {
          name: 'pickCheapestModel',
          unit: 'ns',
          median: 20_000,
          stats: {
            n: 100,
            min: 15_000,
            max: 90_000,
            mean: 22_000,
            median: 20_000,
            p75: 24_000,
            p95: 40_000,
            p99: 80_000,
          },
          heapDeltaBytes: 524_288,
        },
      ],
    },
  ],
};

describe('perfgate slo check on benchmark results', () => {
  it('judges benchmark percentiles and memory, without budget terms', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfgate-bench-slo-'));
    writeFileSync(join(dir, 'perfgate.config.yaml'), CONFIG);
    writeFileSync(join(dir, 'bench.json'), JSON.stringify(benchDocument));
    const run = await runInProcess(['--no-color', 'slo', 'check', 'bench.json'], { cwd: dir });
    // p99 = 80,000 ns = 0.08 ms > 0.05 ms; heap delta 0.5 MB <= 1 MB.
    expect(run.stdout).toContain(
      '✗ FAIL  pick_p99 [benchmark routing/pickCheapestModel] p99 0.08 ms; target <= 0.05ms',
    );
    expect(run.stdout).toContain(
      '✓ pass  pick_memory [benchmark pickCheapestModel] heapDelta 0.5 MB; target <= 1MB',
    );
    expect(run.stdout).toContain('no budget terms for benchmarks');
    expect(run.code).toBe(1);
  });
});
