// The package's own name: resolves to dist/ through package.json "exports", as users import it.
import { BenchmarkFramework, benchmark } from 'perfgate';
import { afterEach, describe, expect, it } from 'vitest';
import { clearRegisteredBenchmarks, registeredBenchmarks } from '../../src/bench/registry.js';

afterEach(() => clearRegisteredBenchmarks());

describe("the spec's benchmark API from 'perfgate'", () => {
  it('measures with framework.benchmark(name, fn, { iterations, warmupIterations, metadata })', async () => {
    const framework = new BenchmarkFramework();
    const vectors = Array.from({ length: 256 }, (_, i) => Math.sin(i));
    const result = await framework.benchmark(
      'ToolHub Vector Search',
      () => vectors.reduce((a, b) => a + b * b, 0),
      {
        iterations: 50,
        warmupIterations: 10,
        minSamplingTimeMs: 0,
        metadata: { testType: 'vector_search' },
      },
    );
    expect(result).toMatchObject({
      name: 'ToolHub Vector Search',
      unit: 'ns',
      metadata: { testType: 'vector_search' },
    });
    expect(result.samplesNs).toHaveLength(50);
    expect(result.median).toBeGreaterThan(0);
    expect(result.p99).toBeGreaterThanOrEqual(result.median);
  });

  it('registers top-level benchmark() calls where the runner (loaded from source) sees them', () => {
    benchmark('registered', () => 1, { iterations: 3 });
    expect(registeredBenchmarks().map((b) => b.name)).toEqual(['registered']);
  });
});
