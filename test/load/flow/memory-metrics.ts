import type { MetricNames, MetricsRecorder } from '../../../src/load/contracts.js';

/** Keeps every sample in memory: fine for tests, never for real runs. */
export class MemoryMetrics implements MetricsRecorder {
  readonly counters = new Map<string, number>();
  readonly summaries = new Map<string, number[]>();
  readonly rates = new Map<string, number>();

  counter(names: MetricNames, value = 1): void {
    for (const name of typeof names === 'string' ? [names] : names)
      this.counters.set(name, (this.counters.get(name) ?? 0) + value);
  }

  summary(names: MetricNames, value: number): void {
    for (const name of typeof names === 'string' ? [names] : names) {
      const list = this.summaries.get(name) ?? [];
      list.push(value);
      this.summaries.set(name, list);
    }
  }

  rate(name: string): void {
    this.rates.set(name, (this.rates.get(name) ?? 0) + 1);
  }

  count(name: string): number {
    return this.counters.get(name) ?? 0;
  }
}
