/** Trends from history: one chart per metric with step changes marked, and the changes in words. */
import { formatChange, formatNumber } from '../format.js';
import type { Trend } from '../model.js';
import { chartFigure, heading, htmlTable, paragraph } from './markup.js';

export function trendsSection(trends: Trend[]): string {
  if (trends.length === 0) return '';
  const figures = trends.map((trend, index) =>
    chartFigure(
      `${trend.metric}${trend.unit ? ` (${trend.unit})` : ''} — ${trend.changes.length === 0 ? 'no step change' : `${trend.changes.length} step change(s), dashed lines`}`,
      'trend',
      index,
      `History of ${trend.metric} over ${trend.points.length} runs`,
    ),
  );
  const changes = trends.flatMap((trend) =>
    trend.changes.map((change) => {
      const worse = trend.better === 'lower' ? change.after > change.before : change.after < change.before;
      return {
        rowClass: worse ? 'failed' : undefined,
        cells: [
          trend.metric,
          `#${change.runId}`,
          `${formatNumber(change.before)} → ${formatNumber(change.after)}${trend.unit ? ` ${trend.unit}` : ''}`,
          formatChange(change.change),
          worse ? '▲ worse' : '▼ better',
          formatNumber(change.pValue),
        ],
      };
    }),
  );
  return [
    '<section id="trends">',
    heading(2, 'Trends from history'),
    paragraph(
      'Step changes found by E-divisive means (permutation test); each marks the first run of the new level.',
      'note',
    ),
    changes.length === 0
      ? paragraph('No step change in any metric.', 'note')
      : htmlTable(['metric', 'from run', 'level', 'change', 'direction', 'p-value'], changes),
    `<div class="charts">\n${figures.join('\n')}\n</div>`,
    '</section>',
  ].join('\n');
}
