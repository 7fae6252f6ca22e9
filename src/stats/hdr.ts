import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  type Histogram,
} from 'hdr-histogram-js';

/**
 * A thin wrapper over HdrHistogram (hdr-histogram-js) for latency summaries: fixed relative
 * precision (3 significant digits), memory that grows with the value range only, exact merges.
 *
 * Values are milliseconds as floats; they are stored as integer microseconds, so the
 * resolution is 1 µs below 1 ms and 0.1% above. Percentiles are HdrHistogram's definition:
 * the highest value equivalent (at the histogram's precision) to the smallest recorded value
 * with at least `p`% of the samples at or below it.
 */
export const HDR_SIGNIFICANT_DIGITS = 3;
const MICROS_PER_MS = 1000;

/** A mutable latency histogram; create with `createLatencyHistogram` or `decodeLatencyHistogram`. */
export interface LatencyHistogram {
  /** Records one value in ms (negative values count as 0). */
  record(ms: number): void;
  readonly count: number;
  /** Adds every sample of `other` (exact: bucket counts add). */
  merge(other: LatencyHistogram): void;
  /** Removes every sample, keeping the allocated buckets for reuse. */
  reset(): void;
  /** Compressed base64 of HdrHistogram's V2 encoding (portable to other HDR libraries). */
  encode(): string;
  /** The value (ms) at percentile `p` (0–100). */
  percentile(p: number): number;
  summary(): HistogramSummary;
  /** For `merge`: the underlying HDR histogram. */
  readonly raw: Histogram;
}

/** Artillery's summary of a histogram, in ms, rounded to 3 decimals (µs). */
export interface HistogramSummary {
  readonly min: number;
  readonly max: number;
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly median: number;
  readonly p75: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly p999: number;
}

export function createLatencyHistogram(): LatencyHistogram {
  return wrap(
    build({
      bitBucketSize: 32,
      autoResize: true,
      lowestDiscernibleValue: 1,
      highestTrackableValue: 2,
      numberOfSignificantValueDigits: HDR_SIGNIFICANT_DIGITS,
      useWebAssembly: false,
    }),
  );
}

/** Decodes `encode()`'s output; throws on text that is not an encoded histogram. */
export function decodeLatencyHistogram(encoded: string): LatencyHistogram {
  const raw = decodeFromCompressedBase64(encoded, 32, false);
  raw.autoResize = true;
  return wrap(raw);
}

/** Sums several encoded histograms into one (exact). */
export function mergeEncodedHistograms(encoded: readonly string[]): LatencyHistogram {
  const total = createLatencyHistogram();
  for (const text of encoded) total.merge(decodeLatencyHistogram(text));
  return total;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

function wrap(raw: Histogram): LatencyHistogram {
  const valueMs = (p: number) => raw.getValueAtPercentile(p) / MICROS_PER_MS;
  const fast = fastRecorder(raw);
  return {
    raw,
    record(ms) {
      const micros = ms > 0 ? Math.round(ms * MICROS_PER_MS) : 0;
      if (!fast?.(micros)) raw.recordValue(micros);
    },
    get count() {
      return raw.totalCount;
    },
    merge(other) {
      raw.add(other.raw);
    },
    reset() {
      raw.reset();
    },
    encode: () => encodeIntoCompressedBase64(raw),
    percentile: valueMs,
    summary: () => summarize(raw as unknown as BucketAccess),
  };
}

/** The parts of hdr-histogram-js's (3.0.x) JsHistogram the fast record path uses. */
interface RecordAccess {
  readonly unitMagnitude: number;
  readonly subBucketHalfCountMagnitude: number;
  readonly countsArrayLength: number;
  incrementCountAtIndex(index: number): void;
  updateMinAndMax(value: number): void;
  incrementTotalCount(): void;
}

/**
 * Records a value with the bucket index computed by integer bit operations (HdrHistogram's own
 * formula, as in its Java and C versions); false when it cannot (a value past the allocated
 * buckets or 2^31, which then takes the library's path and resizes). Why: hdr-histogram-js
 * computes the index with Math.log2/Math.pow, ~100 ns per value, and a load test records about
 * ten values per request: that was a tenth of the load generator's CPU. The result is the
 * same bucket (checked against the library in hdr.test.ts).
 */
function fastRecorder(histogram: Histogram): ((micros: number) => boolean) | undefined {
  const raw = histogram as unknown as RecordAccess;
  const halfMagnitude = raw.subBucketHalfCountMagnitude;
  if (raw.unitMagnitude !== 0 || typeof raw.incrementCountAtIndex !== 'function') return undefined;
  const subBucketMask = 2 ** (halfMagnitude + 1) - 1;
  const leadingZeroBase = 31 - halfMagnitude;
  const halfCount = 2 ** halfMagnitude;
  return (micros) => {
    if (micros >= 0x80000000) return false;
    const bucket = leadingZeroBase - Math.clz32(micros | subBucketMask);
    const index = ((bucket + 1) << halfMagnitude) + (micros >>> bucket) - halfCount;
    if (index >= raw.countsArrayLength) return false;
    raw.incrementCountAtIndex(index);
    raw.updateMinAndMax(micros);
    raw.incrementTotalCount();
    return true;
  };
}

/** The bucket-level view of hdr-histogram-js's JsHistogram the one-pass summary reads. */
interface BucketAccess {
  readonly totalCount: number;
  readonly countsArrayLength: number;
  getCountAtIndex(index: number): number;
  valueFromIndex(index: number): number;
  highestEquivalentValue(value: number): number;
  medianEquivalentValue(value: number): number;
}

const SUMMARY_PERCENTILES = [0, 50, 75, 90, 95, 99, 99.9, 100] as const;

/**
 * Every statistic of the summary in one walk over the buckets (the library's getters walk
 * them once per statistic, its mean through an allocating iterator). Same definitions as
 * HdrHistogram: percentile p is the highest equivalent value of the first bucket where the
 * cumulative count reaches ceil(p/100 × total) (at least 1); the mean uses bucket midpoints.
 */
function summarize(raw: BucketAccess): HistogramSummary {
  const total = raw.totalCount;
  if (total === 0) return emptySummary();
  const targets = SUMMARY_PERCENTILES.map((p) => Math.max(1, Math.ceil((p / 100) * total)));
  const values: number[] = [];
  let cumulative = 0;
  let sum = 0;
  for (let index = 0; index < raw.countsArrayLength && cumulative < total; index++) {
    const count = raw.getCountAtIndex(index);
    if (count === 0) continue;
    const value = raw.valueFromIndex(index);
    cumulative += count;
    sum += raw.medianEquivalentValue(value) * count;
    while (values.length < targets.length && cumulative >= (targets[values.length] ?? 0)) {
      values.push(raw.highestEquivalentValue(value));
    }
  }
  const [min = 0, p50 = 0, p75 = 0, p90 = 0, p95 = 0, p99 = 0, p999 = 0, max = 0] = values.map((v) =>
    round3(v / MICROS_PER_MS),
  );
  return {
    min,
    max,
    count: total,
    mean: round3(sum / total / MICROS_PER_MS),
    p50,
    median: p50,
    p75,
    p90,
    p95,
    p99,
    p999,
  };
}

function emptySummary(): HistogramSummary {
  return { min: 0, max: 0, count: 0, mean: 0, p50: 0, median: 0, p75: 0, p90: 0, p95: 0, p99: 0, p999: 0 };
}

/**
 * Sample counts per latency range: bin i holds the samples with edges[i] ≤ value < edges[i+1]
 * (ms; the last bin also takes values equal to its upper edge). Each HDR bucket counts at its
 * median-equivalent value; samples outside the edges are not counted. `edges` must ascend.
 */
export function binCounts(histogram: LatencyHistogram, edgesMs: readonly number[]): number[] {
  const counts = new Array<number>(Math.max(0, edgesMs.length - 1)).fill(0);
  const raw = histogram.raw as unknown as BucketAccess;
  const last = edgesMs.length - 1;
  let seen = 0;
  let bin = 0;
  for (let index = 0; index < raw.countsArrayLength && seen < raw.totalCount; index++) {
    const count = raw.getCountAtIndex(index);
    if (count === 0) continue;
    seen += count;
    const valueMs = raw.medianEquivalentValue(raw.valueFromIndex(index)) / MICROS_PER_MS;
    // Buckets ascend, so the bin only ever moves right.
    while (bin < last - 1 && valueMs >= (edgesMs[bin + 1] ?? Number.POSITIVE_INFINITY)) bin++;
    const inside = valueMs >= (edgesMs[0] ?? 0) && valueMs <= (edgesMs[last] ?? 0);
    if (inside && bin < counts.length) counts[bin] = (counts[bin] ?? 0) + count;
  }
  return counts;
}
