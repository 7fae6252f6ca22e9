import type { Histogram, Metric } from 'prom-client';
import type { LatencyHistogram } from '../../stats/hdr.js';

/** The bucket-level view of hdr-histogram-js's JsHistogram (values in µs). */
interface BucketAccess {
  readonly totalCount: number;
  readonly countsArrayLength: number;
  getCountAtIndex(index: number): number;
  valueFromIndex(index: number): number;
  medianEquivalentValue(value: number): number;
}

const MICROS_PER_SECOND = 1e6;

/** Cumulative series of one label set: counts per `le` bound (not yet cumulative), sum, count. */
interface Series {
  readonly labels: Record<string, string>;
  readonly counts: number[];
  sum: number;
  count: number;
}

/**
 * A Prometheus histogram fed with whole HDR histograms (a window's samples) instead of single
 * observations: prom-client's `Histogram` only takes one value per call, and the load engine
 * already holds exact per-window HDR data. Registered in a prom-client Registry like any metric
 * (it implements the `get()` the registry reads when rendering).
 */
export class HdrBackedHistogram {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram' as const;
  readonly aggregator = 'sum' as const;
  readonly #bounds: readonly number[];
  readonly #series = new Map<string, Series>();

  constructor(name: string, help: string, boundsSeconds: readonly number[]) {
    this.name = name;
    this.help = help;
    this.#bounds = boundsSeconds;
  }

  /** Adds every sample of `histogram` (ms) to the series `key` (labels built once per key). */
  add(key: string, labels: () => Record<string, string>, histogram: LatencyHistogram): void {
    let series = this.#series.get(key);
    if (series === undefined) {
      series = { labels: labels(), counts: this.#bounds.map(() => 0), sum: 0, count: 0 };
      this.#series.set(key, series);
    }
    const raw = histogram.raw as unknown as BucketAccess;
    const total = raw.totalCount;
    let seen = 0;
    for (let index = 0; index < raw.countsArrayLength && seen < total; index++) {
      const count = raw.getCountAtIndex(index);
      if (count === 0) continue;
      seen += count;
      const micros = raw.valueFromIndex(index);
      series.sum += (raw.medianEquivalentValue(micros) / MICROS_PER_SECOND) * count;
      const bucket = this.#bounds.findIndex((bound) => micros <= bound * MICROS_PER_SECOND);
      if (bucket >= 0) series.counts[bucket] = (series.counts[bucket] ?? 0) + count;
    }
    series.count += total;
  }

  /** What prom-client's registry renders: `_bucket` (cumulative, with `+Inf`), `_sum`, `_count`. */
  get() {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const series of this.#series.values()) {
      let cumulative = 0;
      this.#bounds.forEach((bound, index) => {
        cumulative += series.counts[index] ?? 0;
        values.push({
          labels: { ...series.labels, le: bound },
          value: cumulative,
          metricName: `${this.name}_bucket`,
        });
      });
      values.push({
        labels: { ...series.labels, le: '+Inf' },
        value: series.count,
        metricName: `${this.name}_bucket`,
      });
      values.push({ labels: series.labels, value: series.sum, metricName: `${this.name}_sum` });
      values.push({ labels: series.labels, value: series.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** For `Registry.registerMetric`, which is typed for prom-client's own classes only. */
  asMetric(): Metric {
    return this as unknown as Histogram;
  }
}
