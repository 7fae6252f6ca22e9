import { decodeLatencyHistogram, type LatencyHistogram } from '../../stats/hdr.js';

/**
 * One region's share of a multi-region run (`perfgate.regions[name]`): its generators' counters
 * and latency histograms merged exactly, so a report or an SLO can judge a region alone.
 */
export interface RegionData {
  /** Segments (`I/N`) that ran in this region. */
  readonly segments: readonly string[];
  readonly counters: Readonly<Record<string, number>>;
  /** Encoded HDR histograms, as `perfgate.histograms`. */
  readonly histograms: Readonly<Record<string, string>>;
}

/** What one results section contributes: its own region map, or its aggregate under its `region`. */
export interface RegionSource {
  readonly region?: string;
  readonly regions?: Readonly<Record<string, RegionData>>;
  readonly segments: readonly string[];
  readonly counters: Readonly<Record<string, number>>;
  readonly histograms: Readonly<Record<string, string>>;
}

/**
 * Per-region data of several results: regions of the same name merge (counters add, histograms
 * merge bucket by bucket). Undefined when no result carries a region.
 */
export function mergeRegions(sources: readonly RegionSource[]): Record<string, RegionData> | undefined {
  const parts = sources.flatMap((source): [string, RegionData][] => {
    if (source.regions) return Object.entries(source.regions);
    if (source.region === undefined) return [];
    const { segments, counters, histograms } = source;
    return [[source.region, { segments, counters, histograms }]];
  });
  if (parts.length === 0) return undefined;
  const byName = new Map<string, RegionData[]>();
  for (const [name, data] of parts) byName.set(name, [...(byName.get(name) ?? []), data]);
  const merged: Record<string, RegionData> = {};
  for (const name of [...byName.keys()].sort()) merged[name] = mergeRegionData(byName.get(name) ?? []);
  return merged;
}

function mergeRegionData(parts: readonly RegionData[]): RegionData {
  if (parts.length === 1 && parts[0]) return parts[0];
  const counters: Record<string, number> = {};
  const histograms = new Map<string, LatencyHistogram>();
  for (const part of parts) {
    for (const [name, value] of Object.entries(part.counters)) counters[name] = (counters[name] ?? 0) + value;
    for (const [name, encoded] of Object.entries(part.histograms)) {
      const histogram = decodeLatencyHistogram(encoded);
      const existing = histograms.get(name);
      if (existing) existing.merge(histogram);
      else histograms.set(name, histogram);
    }
  }
  const encoded: Record<string, string> = {};
  for (const name of [...histograms.keys()].sort()) encoded[name] = histograms.get(name)?.encode() ?? '';
  const sortedCounters = Object.fromEntries(Object.entries(counters).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { segments: parts.flatMap((part) => part.segments), counters: sortedCounters, histograms: encoded };
}
