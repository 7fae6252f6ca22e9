import { afterEach, describe, expect, it } from 'vitest';
import { benchmark, clearRegisteredBenchmarks, registeredBenchmarks } from './registry.js';

afterEach(() => clearRegisteredBenchmarks());

describe('benchmark registry', () => {
  it('keeps registrations in order on a global shared by every copy of the module', () => {
    benchmark('a', () => 1, { iterations: 3 });
    benchmark('b', async () => 2);
    expect(registeredBenchmarks().map((b) => b.name)).toEqual(['a', 'b']);
    const shared = (globalThis as Record<symbol, unknown>)[Symbol.for('perfgate.bench.registry')];
    expect(shared).toHaveLength(2);
  });

  it('rejects duplicate names, empty names and non-functions', () => {
    benchmark('a', () => 1);
    expect(() => benchmark('a', () => 2)).toThrow(/registered twice/);
    expect(() => benchmark(' ', () => 2)).toThrow(/non-empty name/);
    expect(() => benchmark('c', 42 as never)).toThrow(/must be a function/);
  });
});
