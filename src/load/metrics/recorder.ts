import { createLatencyHistogram, type LatencyHistogram } from '../../stats/hdr.js';
import type { MetricNames, MetricsRecorder } from '../contracts.js';
import type { WindowData } from './window.js';

/**
 * The MetricsRecorder of one generator (process or worker): samples go into the current window
 * only (one map lookup and one add per call, the hot path; a group of names is one entry, fanned
 * out to its names when the window closes); `closeWindow` snapshots the window as encoded,
 * mergeable data and clears it for reuse (buckets stay allocated), so memory stays flat however
 * long the test runs; the aggregate is the exact merge of the windows.
 */
export class WindowedRecorder implements MetricsRecorder {
  readonly #counters = new Map<MetricNames, number>();
  readonly #rates = new Map<string, number>();
  readonly #histograms = new Map<MetricNames, LatencyHistogram>();
  /** Per name, for merging several groups' histograms at window close (reused). */
  readonly #scratch = new Map<string, LatencyHistogram>();
  #windowStartedAt: number;

  /** `startedAt`: wall-clock ms of the test's start (the first window's start). */
  constructor(startedAt: number) {
    this.#windowStartedAt = startedAt;
  }

  counter(name: MetricNames, value = 1): void {
    this.#counters.set(name, (this.#counters.get(name) ?? 0) + value);
  }

  summary(name: MetricNames, value: number): void {
    let histogram = this.#histograms.get(name);
    if (histogram === undefined) {
      histogram = createLatencyHistogram();
      this.#histograms.set(name, histogram);
    }
    histogram.record(value);
  }

  rate(name: string): void {
    this.#rates.set(name, (this.#rates.get(name) ?? 0) + 1);
  }

  /** Ends the current window at wall time `endedAt` and starts the next one there. */
  closeWindow(endedAt: number, period: number): WindowData {
    const window: WindowData = {
      period,
      startedAt: this.#windowStartedAt,
      endedAt,
      counters: this.#counterTotals(),
      rateCounts: Object.fromEntries(this.#rates),
      histograms: this.#encodeHistograms(),
    };
    this.#counters.clear();
    this.#rates.clear();
    this.#windowStartedAt = endedAt;
    return window;
  }

  #counterTotals(): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const [names, value] of this.#counters) {
      for (const name of namesOf(names)) totals[name] = (totals[name] ?? 0) + value;
    }
    return totals;
  }

  /** Each name's histogram: its only source as is, several sources merged. Clears them for reuse. */
  #encodeHistograms(): Record<string, string> {
    const sources = new Map<string, LatencyHistogram[]>();
    for (const [names, histogram] of this.#histograms) {
      if (histogram.count === 0) {
        // Unused for a whole window: let it go (a test whose names vary must not grow the map).
        this.#histograms.delete(names);
        continue;
      }
      for (const name of namesOf(names)) {
        const list = sources.get(name);
        if (list) list.push(histogram);
        else sources.set(name, [histogram]);
      }
    }
    const encoded: Record<string, string> = {};
    // A group's names often have that one histogram as their only source: encode it once.
    const once = new Map<LatencyHistogram, string>();
    for (const [name, list] of sources) encoded[name] = this.#encodeMerged(name, list, once);
    for (const histogram of this.#histograms.values()) histogram.reset();
    return encoded;
  }

  #encodeMerged(
    name: string,
    list: readonly LatencyHistogram[],
    once: Map<LatencyHistogram, string>,
  ): string {
    if (list.length === 1) {
      const only = list[0] as LatencyHistogram;
      let text = once.get(only);
      if (text === undefined) {
        text = only.encode();
        once.set(only, text);
      }
      return text;
    }
    let total = this.#scratch.get(name);
    if (total === undefined) {
      total = createLatencyHistogram();
      this.#scratch.set(name, total);
    }
    for (const histogram of list) total.merge(histogram);
    const text = total.encode();
    total.reset();
    return text;
  }
}

function namesOf(names: MetricNames): readonly string[] {
  return typeof names === 'string' ? [names] : names;
}
