/**
 * Live progress of `perfgate load`, as k6 shows it: on a terminal one status line redrawn every
 * second (elapsed / planned, VUs, request rate, failed requests, p95 of the last seconds); without
 * a terminal (CI logs) one line per reporting window. Windows of several worker threads are
 * merged by period first, so each window is one line whatever `--workers` is.
 */
import type { WindowData } from '../../load/metrics/window.js';
import { decodeLatencyHistogram, type LatencyHistogram } from '../../stats/hdr.js';
import type { Writable } from '../io.js';

/** The latency shown live: from each request's intended start. */
const HEADLINE = 'perfgate.http.duration';
/** The status line's rate and p95 cover at least this much of the latest windows. */
export const RECENT_MS = 5_000;
const REDRAW_MS = 1_000;
const CLEAR_LINE = '\r\x1b[2K';

export interface LiveStatusOptions {
  readonly stream: Writable;
  /** Redraw a status line (a terminal) or print a line per window (anything else). */
  readonly tty: boolean;
  readonly plannedMs: number;
  /** Worker threads producing windows (a period is complete when each sent its window). */
  readonly generators: number;
  /** Monotonic ms (for elapsed time). */
  readonly now: () => number;
  /** Wall-clock HH:MM:SS of a window's end, for the per-window lines. */
  readonly clockTime: (wallMs: number) => string;
}

interface Totals {
  requests: number;
  failed: number;
  created: number;
  finished: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);

/** Failed requests of a window: transport errors and 5xx responses (the report's definition). */
export function failedRequests(counters: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(counters).flatMap(([name, n]): [string, number][] => {
    if (name.startsWith('errors.')) return [[name.slice('errors.'.length), n]];
    if (name.startsWith('http.codes.5')) return [[`HTTP ${name.slice('http.codes.'.length)}`, n]];
    return [];
  });
}

function mergeGroup(group: readonly WindowData[]): WindowData {
  const counters: Record<string, number> = {};
  let histogram: LatencyHistogram | undefined;
  for (const window of group) {
    for (const [name, n] of Object.entries(window.counters)) counters[name] = (counters[name] ?? 0) + n;
    const encoded = window.histograms[HEADLINE];
    if (encoded === undefined) continue;
    const decoded = decodeLatencyHistogram(encoded);
    if (histogram) histogram.merge(decoded);
    else histogram = decoded;
  }
  const first = group[0] as WindowData;
  return {
    period: first.period,
    startedAt: Math.min(...group.map((w) => w.startedAt)),
    endedAt: Math.max(...group.map((w) => w.endedAt)),
    counters,
    rateCounts: {},
    histograms: histogram ? { [HEADLINE]: histogram.encode() } : {},
  };
}

/** One line per window: requests, rate, p50/p95/p99 of the honest duration (or a gap), VUs, failures. */
export function formatWindowLine(window: WindowData, clockTime: (wallMs: number) => string): string {
  const requests = window.counters['http.requests'] ?? 0;
  const covered = Math.max(0.001, (window.endedAt - window.startedAt) / 1000);
  const encoded = window.histograms[HEADLINE];
  const latency = encoded === undefined ? undefined : decodeLatencyHistogram(encoded).summary();
  const failed = failedRequests(window.counters);
  const facts = [
    `${requests} requests sent`,
    `${Math.round(requests / covered)} req/s`,
    latency && latency.count > 0
      ? `${latency.count} responses: p50 ${ms(latency.p50)} p95 ${ms(latency.p95)} p99 ${ms(latency.p99)} ms`
      : 'no responses in this window',
    failed.length > 0 ? `failed ${failed.map(([code, n]) => `${code} ${n}`).join(', ')}` : '',
  ];
  return `[${clockTime(window.endedAt)}] ${facts.filter(Boolean).join(' · ')}`;
}

export class LiveStatus {
  readonly #options: LiveStatusOptions;
  readonly #pending = new Map<number, WindowData[]>();
  readonly #recent: WindowData[] = [];
  readonly #totals: Totals = { requests: 0, failed: 0, created: 0, finished: 0 };
  readonly #startedAt: number;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: LiveStatusOptions) {
    this.#options = options;
    this.#startedAt = options.now();
    if (options.tty) {
      this.#timer = setInterval(() => this.#draw(), REDRAW_MS);
      this.#timer.unref?.();
    }
  }

  /** runLoadTest's `onWindow`. */
  readonly onWindow = (window: WindowData): void => {
    const group = [...(this.#pending.get(window.period) ?? []), window];
    this.#pending.set(window.period, group);
    // A later period arriving means every earlier one is complete, even if a worker sent nothing.
    for (const [period, windows] of [...this.#pending]) {
      if (period < window.period || (period === window.period && windows.length >= this.#options.generators))
        this.#complete(period, windows);
    }
  };

  /** Flushes the last windows and clears the status line. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    for (const [period, windows] of [...this.#pending].sort(([a], [b]) => a - b))
      this.#complete(period, windows);
    if (this.#options.tty) this.#options.stream.write(CLEAR_LINE);
  }

  #complete(period: number, windows: readonly WindowData[]): void {
    this.#pending.delete(period);
    const window = mergeGroup(windows);
    const c = window.counters;
    this.#totals.requests += c['http.requests'] ?? 0;
    this.#totals.failed += failedRequests(c).reduce((sum, [, n]) => sum + n, 0);
    this.#totals.created += c['vusers.created'] ?? 0;
    this.#totals.finished +=
      (c['vusers.completed'] ?? 0) + (c['vusers.failed'] ?? 0) + (c['perfgate.vusers.interrupted'] ?? 0);
    this.#recent.push(window);
    while (this.#recent.length > 1 && this.#spanOf(this.#recent.slice(1)) >= RECENT_MS) this.#recent.shift();
    if (this.#options.tty) this.#draw();
    else this.#options.stream.write(`${formatWindowLine(window, this.#options.clockTime)}\n`);
  }

  #spanOf(windows: readonly WindowData[]): number {
    const first = windows[0];
    const last = windows.at(-1);
    return first && last ? last.endedAt - first.startedAt : 0;
  }

  /** "12.3 s / 60 s · 14 VUs · 52 req/s · failed 3 (0.5 %) · p95 41.2 ms (last 5 s)". */
  statusLine(): string {
    const elapsed = this.#options.now() - this.#startedAt;
    const t = this.#totals;
    const span = this.#spanOf(this.#recent);
    const recentRequests = this.#recent.reduce((sum, w) => sum + (w.counters['http.requests'] ?? 0), 0);
    const histogram = this.#recent.reduce<LatencyHistogram | undefined>((merged, w) => {
      const encoded = w.histograms[HEADLINE];
      if (encoded === undefined) return merged;
      const decoded = decodeLatencyHistogram(encoded);
      if (merged) merged.merge(decoded);
      return merged ?? decoded;
    }, undefined);
    const share = t.requests > 0 ? ` (${((100 * t.failed) / t.requests).toFixed(1)} %)` : '';
    return [
      `${seconds(elapsed)} / ${seconds(this.#options.plannedMs)}`,
      `${Math.max(0, t.created - t.finished)} VUs running, ${t.created} started`,
      // Under a second of windows is too noisy for a rate: then the average since the start.
      span >= 1_000
        ? `${Math.round((recentRequests * 1000) / span)} req/s`
        : elapsed > 0
          ? `${Math.round((t.requests * 1000) / elapsed)} req/s`
          : '– req/s',
      `failed ${t.failed}${share}`,
      histogram && histogram.count > 0
        ? `p95 ${ms(histogram.percentile(95))} ms (last ${seconds(span)})`
        : 'p95 – (no responses yet)',
    ].join(' · ');
  }

  #draw(): void {
    this.#options.stream.write(`${CLEAR_LINE}${this.statusLine()}`);
  }
}
