/**
 * Number and verdict wording shared by the writers. Verdicts are always words with an icon, never
 * colour alone, so reports read the same in print, in a terminal and to colour-blind readers.
 */
import type { Benchmark, Gate, RunReport, SloRow } from './model.js';

export function formatNumber(value: number | undefined, digits = 4): string {
  if (value === undefined) return '—';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(digits)).toString();
}

/** Milliseconds as people read them: 850 µs, 12.3 ms, 1.25 s. */
export function formatMs(value: number | undefined): string {
  if (value === undefined) return '—';
  if (value !== 0 && Math.abs(value) < 1) return `${formatNumber(value * 1000)} µs`;
  if (Math.abs(value) >= 10_000) return `${formatNumber(value / 1000)} s`;
  return `${formatNumber(value)} ms`;
}

export function formatWithUnit(value: number | undefined, unit: string | undefined): string {
  if (value === undefined) return '—';
  if (unit === 'ms') return formatMs(value);
  // Benchmarks time in nanoseconds; people read 20 µs better than 20,000 ns.
  if (unit === 'ns' && Math.abs(value) >= 1000) return formatMs(value / 1e6);
  return unit === undefined || unit === '' ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
}

/** A fraction as a percentage: 0.0123 → "1.23 %". */
export function formatPercent(fraction: number | undefined): string {
  return fraction === undefined ? '—' : `${formatNumber(fraction * 100)} %`;
}

/** A relative change with its sign: 0.2 → "+20 %". */
export function formatChange(fraction: number | undefined): string {
  if (fraction === undefined) return '—';
  const sign = fraction > 0 ? '+' : fraction < 0 ? '−' : '±';
  return `${sign}${formatNumber(Math.abs(fraction) * 100)} %`;
}

export function formatTimestamp(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

export const RUN_STATUS_LABEL: Record<RunReport['verdict']['status'], string> = {
  passed: '✅ PASSED',
  failed: '❌ FAILED',
  untrusted: '⚠️ UNTRUSTED',
};

/**
 * The same in text symbols, for the HTML report: ✅ and ❌ exist only in emoji fonts, which many
 * CI machines and minimal desktops lack (they render as empty boxes); ✓ ✗ ⚠ are in common text fonts.
 */
export const RUN_STATUS_TEXT: Record<RunReport['verdict']['status'], string> = {
  passed: '✓ PASSED',
  failed: '✗ FAILED',
  untrusted: '⚠ UNTRUSTED',
};

export const GATE_STATUS_LABEL: Record<Gate['status'], string> = {
  passed: '✓ pass',
  failed: '✗ FAIL',
  inconclusive: '? inconclusive',
  skipped: '– skipped',
};

export const SLO_VERDICT_LABEL: Record<SloRow['verdict'], string> = {
  met: '✓ met',
  violated: '✗ VIOLATED',
  inconclusive: '? too few events',
  'no-data': '✗ NO DATA',
  'not-covered': '– not covered',
};

/** "<= 300 ms", or "—" when the results carry no target. */
export function sloTarget(slo: SloRow): string {
  return slo.target === undefined ? '—' : `${slo.operator ?? '<='} ${formatWithUnit(slo.target, slo.unit)}`;
}

export function benchmarkVerdictLabel(benchmark: Benchmark): string {
  const settled = benchmark.settledBy === 'instructions' ? ' (by instructions)' : '';
  switch (benchmark.verdict) {
    case 'regression':
      return `▲ ${(benchmark.severity ?? 'minor').toUpperCase()} REGRESSION${settled}`;
    case 'improved':
      return `▼ improved${settled}`;
    case 'unchanged':
      return '= unchanged';
    case 'new':
      return '+ new';
    case 'unstable':
      return '≈ unstable';
    default:
      return benchmark.reason === 'disturbed' ? '? inconclusive (machine disturbed)' : '? inconclusive';
  }
}

/** A gate's measured value with its unit; a change of a median with its sign ("+210 %"). */
export function formatGateValue(gate: Gate): string {
  if (gate.measured !== undefined && gate.unit === '%' && gate.metric?.endsWith('change')) {
    return formatChange(gate.measured / 100);
  }
  return formatWithUnit(gate.measured, gate.unit);
}

/**
 * "http.response_time p95 (time to first byte) measured 340 ms vs target < 300 ms": the one
 * wording of a gate's numbers (JUnit messages, Markdown, the HTML verdict table), built from the
 * gate's data so the words can never contradict the verdict.
 */
export function measuredVsTarget(gate: Gate): string {
  const target = gate.target === undefined ? '' : ` vs target ${gate.target}`;
  const what = gate.metric === undefined ? '' : `${gate.metric} `;
  if (gate.measured === undefined) return `${what}not measured${target}`;
  return `${what}measured ${formatGateValue(gate)}${target}`;
}
