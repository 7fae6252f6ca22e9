/**
 * Benchmarks as criterion does it: per benchmark the median with its confidence interval against
 * the baseline's (an SVG interval plot, no script needed), the verdict in words, and the sample
 * distribution as a box plot (min, p25, median, p75, max; p95/p99 marked).
 */
import { escapeHtml } from '../escape.js';
import { benchmarkVerdictLabel, formatChange, formatWithUnit } from '../format.js';
import type { Benchmark } from '../model.js';
import { heading, paragraph } from './markup.js';

const PLOT_WIDTH = 320;
const PLOT_HEIGHT = 44;
const PAD = 8;

function scaleFor(values: number[]): (v: number) => number {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || Math.abs(max) || 1;
  const lo = min - span * 0.1;
  const hi = max + span * 0.1;
  return (v) => PAD + ((v - lo) / (hi - lo)) * (PLOT_WIDTH - 2 * PAD);
}

function svg(label: string, body: string): string {
  return `<svg width="${PLOT_WIDTH}" height="${PLOT_HEIGHT}" viewBox="0 0 ${PLOT_WIDTH} ${PLOT_HEIGHT}" role="img" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title>${body}</svg>`;
}

const n = (v: number) => v.toFixed(1);

/** Current median ± CI on the top row, the baseline's (dashed) on the bottom row. */
function intervalPlot(b: Benchmark): string {
  const values = [
    b.median,
    b.ciLow,
    b.ciHigh,
    b.baseline?.median,
    b.baseline?.ciLow,
    b.baseline?.ciHigh,
  ].filter((v): v is number => v !== undefined);
  const x = scaleFor(values);
  const row = (
    y: number,
    median: number,
    low: number | undefined,
    high: number | undefined,
    cls: string,
    name: string,
  ) =>
    `<line class="${cls}" x1="${n(x(low ?? median))}" x2="${n(x(high ?? median))}" y1="${y}" y2="${y}"/><circle class="dot" cx="${n(x(median))}" cy="${y}" r="3.5"/><text x="${n(x(median) + 6)}" y="${y - 4}">${name}</text>`;
  const base =
    b.baseline === undefined
      ? ''
      : row(32, b.baseline.median, b.baseline.ciLow, b.baseline.ciHigh, 'base', 'baseline');
  const label = `median ${formatWithUnit(b.median, b.unit)}${b.baseline ? ` vs baseline ${formatWithUnit(b.baseline.median, b.unit)}` : ''}`;
  return svg(label, row(14, b.median, b.ciLow, b.ciHigh, 'ci', 'now') + base);
}

function boxPlot(b: Benchmark): string {
  const at = (q: number) => b.distribution.find((d) => d.quantile === q)?.value;
  const [min, q1, med, q3, max] = [0, 0.25, 0.5, 0.75, 1].map(at);
  if (min === undefined || max === undefined || med === undefined) return '—';
  const x = scaleFor(b.distribution.map((d) => d.value));
  const box =
    q1 !== undefined && q3 !== undefined
      ? `<rect class="box" x="${n(x(q1))}" y="10" width="${n(Math.max(1, x(q3) - x(q1)))}" height="18"/>`
      : '';
  const ticks = [0.95, 0.99]
    .map((q) => at(q))
    .filter((v): v is number => v !== undefined)
    .map((v) => `<line class="ci" x1="${n(x(v))}" x2="${n(x(v))}" y1="14" y2="24"/>`)
    .join('');
  const body = `<line class="axis" x1="${n(x(min))}" x2="${n(x(max))}" y1="19" y2="19"/>${box}<line class="ci" x1="${n(x(med))}" x2="${n(x(med))}" y1="8" y2="30"/>${ticks}<text x="${n(x(min))}" y="42">${escapeHtml(formatWithUnit(min, b.unit))}</text><text x="${n(Math.max(x(min) + 70, x(max) - 60))}" y="42">${escapeHtml(formatWithUnit(max, b.unit))}</text>`;
  return svg(
    `distribution from ${formatWithUnit(min, b.unit)} to ${formatWithUnit(max, b.unit)}, median ${formatWithUnit(med, b.unit)}`,
    body,
  );
}

function ciText(b: Benchmark): string {
  return b.ciLow === undefined || b.ciHigh === undefined
    ? formatWithUnit(b.median, b.unit)
    : `${formatWithUnit(b.median, b.unit)} [${formatWithUnit(b.ciLow, b.unit)} … ${formatWithUnit(b.ciHigh, b.unit)}]`;
}

export function benchSection(benchmarks: Benchmark[]): string {
  if (benchmarks.length === 0) return '';
  const rows = benchmarks.map((b) => {
    const verdictClass = b.verdict === 'regression' ? `regression ${b.severity ?? 'minor'}` : b.verdict;
    const name = escapeHtml(b.suite === undefined ? b.name : `${b.suite} › ${b.name}`);
    const tds = [
      `<td>${name}</td>`,
      `<td class="num">${escapeHtml(ciText(b))}</td>`,
      `<td class="num">${escapeHtml(formatWithUnit(b.baseline?.median, b.unit))}</td>`,
      `<td class="num">${escapeHtml(formatChange(b.change))}</td>`,
      `<td class="${escapeHtml(verdictClass)}">${escapeHtml(benchmarkVerdictLabel(b))}</td>`,
      `<td>${intervalPlot(b)}</td>`,
      `<td>${boxPlot(b)}</td>`,
    ];
    return `<tr${b.severity === 'critical' ? ' class="failed"' : ''}>${tds.join('')}</tr>`;
  });
  return [
    '<section id="benchmarks">',
    heading(2, 'Benchmarks'),
    paragraph(
      'Median with its 95 % confidence interval against the baseline (dashed). ▲ regression, ▼ improvement, = no significant change.',
      'note',
    ),
    `<table><thead><tr><th>benchmark</th><th class="num">median [CI]</th><th class="num">baseline</th><th class="num">change</th><th>verdict</th><th>median vs baseline</th><th>distribution</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`,
    '</section>',
  ].join('\n');
}
