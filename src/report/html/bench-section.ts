/**
 * Benchmarks as criterion shows them, sized for a laptop screen and a printed page: per benchmark
 * the median with its confidence interval, the baseline, the change in words, and the change with
 * its 95 % interval drawn on one axis shared by every row (the header carries the scale), with the
 * baseline as the dashed line at 0 % the legend names. SVG only: no script needed.
 */
import { escapeHtml } from '../escape.js';
import { benchmarkVerdictLabel, formatWithUnit } from '../format.js';
import type { Benchmark } from '../model.js';
import { heading, paragraph } from './markup.js';

const WIDTH = 240;
const ROW_HEIGHT = 22;
const AXIS_HEIGHT = 18;
const PAD = 22;
const n = (v: number) => v.toFixed(1);

/** The change interval of a benchmark: the ratio's CI, else the median's CI against the baseline median. */
function changeInterval(b: Benchmark): [number, number, number] | undefined {
  if (b.change === undefined) return undefined;
  if (b.changeLow !== undefined && b.changeHigh !== undefined) return [b.changeLow, b.change, b.changeHigh];
  const base = b.baseline?.median;
  if (base && b.ciLow !== undefined && b.ciHigh !== undefined)
    return [b.ciLow / base - 1, b.change, b.ciHigh / base - 1];
  return [b.change, b.change, b.change];
}

interface Axis {
  x(change: number): number;
  ticks: number[];
}

/** One scale for every row: from the lowest to the highest change, 0 (the baseline) always inside. */
function commonAxis(benchmarks: Benchmark[]): Axis {
  const values = benchmarks.flatMap((b) => changeInterval(b) ?? []);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const span = Math.max(hi - lo, 0.02);
  // At most 5 labels: six "+100 %"-wide ones overlap in the column's 240 px.
  const tickCount = (s: number) => Math.ceil(hi / s) - Math.floor(lo / s) + 1;
  const step =
    [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5].find((s) => span / s <= 4 && tickCount(s) <= 5) ?? 10;
  const from = Math.floor(lo / step) * step;
  const to = Math.ceil(hi / step) * step;
  const x = (v: number) => PAD + ((v - from) / (to - from || 1)) * (WIDTH - 2 * PAD);
  const ticks: number[] = [];
  for (let t = from; t <= to + step / 2; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return { x, ticks };
}

function svg(height: number, label: string, body: string): string {
  return `<svg class="changeplot" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title>${body}</svg>`;
}

function axisSvg(axis: Axis): string {
  const labels = axis.ticks
    .map(
      (t) =>
        `<text x="${n(axis.x(t))}" y="12" text-anchor="middle">${escapeHtml(t === 0 ? '0' : shortChange(t))}</text>`,
    )
    .join('');
  return svg(AXIS_HEIGHT, 'scale of the change vs baseline', labels);
}

function changePlot(b: Benchmark, axis: Axis): string {
  const interval = changeInterval(b);
  if (interval === undefined) return '<span class="note">no baseline</span>';
  const [low, mid, high] = interval;
  const grid = axis.ticks
    .map(
      (t) => `<line class="grid" x1="${n(axis.x(t))}" x2="${n(axis.x(t))}" y1="2" y2="${ROW_HEIGHT - 2}"/>`,
    )
    .join('');
  const y = ROW_HEIGHT / 2;
  const body = `${grid}<line class="base" x1="${n(axis.x(0))}" x2="${n(axis.x(0))}" y1="1" y2="${ROW_HEIGHT - 1}"/><line class="ci" x1="${n(axis.x(low))}" x2="${n(Math.max(axis.x(high), axis.x(low) + 1))}" y1="${y}" y2="${y}"/><circle class="dot" cx="${n(axis.x(mid))}" cy="${y}" r="3.5"/>`;
  return svg(
    ROW_HEIGHT,
    `change ${shortChange(mid)}, 95 % interval ${shortChange(low)} to ${shortChange(high)}`,
    body,
  );
}

/** A change as a short percentage: 0.2485 → "+24.9 %". */
function shortChange(fraction: number): string {
  const sign = fraction > 0 ? '+' : fraction < 0 ? '−' : '±';
  return `${sign}${Number((Math.abs(fraction) * 100).toPrecision(3))} %`;
}

/** A value with its interval on a second, smaller line (keeps the columns narrow). */
function withInterval(value: string, low: string | undefined, high: string | undefined): string {
  const interval =
    low === undefined || high === undefined
      ? ''
      : `<br><span class="interval">${escapeHtml(`${low} … ${high}`)}</span>`;
  return `${escapeHtml(value)}${interval}`;
}

function medianCell(b: Benchmark): string {
  const has = b.ciLow !== undefined && b.ciHigh !== undefined;
  return withInterval(
    formatWithUnit(b.median, b.unit),
    has ? formatWithUnit(b.ciLow, b.unit) : undefined,
    has ? formatWithUnit(b.ciHigh, b.unit) : undefined,
  );
}

function changeCell(b: Benchmark): string {
  const interval = changeInterval(b);
  if (interval === undefined || b.change === undefined) return '—';
  const [low, , high] = interval;
  return low === high
    ? escapeHtml(shortChange(b.change))
    : withInterval(shortChange(b.change), shortChange(low), shortChange(high));
}

export function benchSection(benchmarks: Benchmark[]): string {
  if (benchmarks.length === 0) return '';
  const axis = commonAxis(benchmarks);
  const rows = benchmarks.map((b) => {
    const verdictClass = b.verdict === 'regression' ? `regression ${b.severity ?? 'minor'}` : b.verdict;
    const name = escapeHtml(b.suite === undefined ? b.name : `${b.suite} › ${b.name}`);
    const tds = [
      `<td class="name">${name}</td>`,
      `<td class="num">${medianCell(b)}</td>`,
      `<td class="num">${escapeHtml(formatWithUnit(b.baseline?.median, b.unit))}</td>`,
      `<td class="num">${changeCell(b)}</td>`,
      `<td class="${escapeHtml(verdictClass)}">${escapeHtml(benchmarkVerdictLabel(b))}</td>`,
      `<td class="plot">${changePlot(b, axis)}</td>`,
    ];
    return `<tr${b.severity === 'critical' ? ' class="failed"' : ''}>${tds.join('')}</tr>`;
  });
  return [
    '<section id="benchmarks">',
    heading(2, 'Benchmarks'),
    paragraph(
      'Median per call with its 95 % confidence interval, and the change against the baseline with its 95 % interval, all rows on one axis: the dashed line is the baseline (0 %), the dot the change, the bar its interval. ▲ regression, ▼ improvement, = no significant change.',
      'note',
    ),
    `<div class="scroll"><table class="bench"><thead><tr><th>benchmark</th><th class="num">median [95 % CI]</th><th class="num">baseline</th><th class="num">change [95 % CI]</th><th>verdict</th><th class="plot">${axisSvg(axis)}</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
    '</section>',
  ].join('\n');
}
