import { createLatencyHistogram, type LatencyHistogram } from '../../stats/hdr.js';
import type { MetricsRecorder } from '../contracts.js';
import type { WindowData } from './window.js';

/**
 * The MetricsRecorder of one generator (process or worker): samples go into the current window
 * only (one map lookup and one add per call, the hot path); `closeWindow` snapshots the window
 * as encoded, mergeable data and clears it for reuse (buckets stay allocated), so memory stays
 * flat however long the test runs; the aggregate is the exact merge of the windows.
 */
export class WindowedRecorder implements MetricsRecorder {
  readonly #counters = new Map<string, number>();
  readonly #rates = new Map<string, number>();
  readonly #histograms = new Map<string, LatencyHistogram>();
  #windowStartedAt: number;

  /** `startedAt`: wall-clock ms of the test's start (the first window's start). */
  constructor(startedAt: number) {
    this.#windowStartedAt = startedAt;
  }

  counter(name: string, value = 1): void {
    this.#counters.set(name, (this.#counters.get(name) ?? 0) + value);
  }

  summary(name: string, value: number): void {
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
    const histograms: Record<string, string> = {};
    for (const [name, histogram] of this.#histograms) {
      if (histogram.count === 0) continue;
      histograms[name] = histogram.encode();
      histogram.reset();
    }
    const window: WindowData = {
      period,
      startedAt: this.#windowStartedAt,
      endedAt,
      counters: Object.fromEntries(this.#counters),
      rateCounts: Object.fromEntries(this.#rates),
      histograms,
    };
    this.#counters.clear();
    this.#rates.clear();
    this.#windowStartedAt = endedAt;
    return window;
  }
}
