/** One block per load test: headline numbers, charts, scenarios, endpoints, codes, health, samples. */
import { escapeHtml } from '../escape.js';
import { formatMs, formatNumber } from '../format.js';
import type { LoadTest } from '../model.js';
import { codesTable, endpointTable, headline, LATENCY_MEANING, scenarioTable } from './load-tables.js';
import { cell, chartFigure, heading, htmlTable, paragraph } from './markup.js';
import { regionsTable } from './regions-section.js';

function windowText(test: LoadTest): string {
  const ms = test.intervalMs;
  if (ms === undefined) return 'per window';
  return `per ${ms >= 1000 ? `${Number((ms / 1000).toPrecision(3))} s` : `${ms} ms`} window`;
}

function charts(test: LoadTest, index: number): string {
  const per = windowText(test);
  const measured = LATENCY_MEANING[test.latency?.metric ?? ''] ?? 'latency';
  const figures: [string, string, string][] = [
    [
      `Active virtual users ${per} — VUs running at some point in the window: running at its start + started in it (count)`,
      'users',
      'Active virtual users over time',
    ],
    [
      `Requests sent and responses received per second, by status class (${per}; transport errors: requests without a response)`,
      'throughput',
      'Requests and responses per second by status class over time',
    ],
    [
      `Response time over time — p50 / p95 / p99 ${per}, in ms: ${measured}; no point where a window had no responses`,
      'latency',
      'Latency percentiles per window',
    ],
    [
      `Failed requests over time by code — 5xx responses and transport errors ${per} (count)`,
      'errors',
      'Failed requests per window by code',
    ],
  ];
  if (test.histogram !== undefined && test.histogram.length > 0) {
    figures.push([
      `Response time distribution — responses per latency range (count; ranges in ms, log-spaced): ${measured}`,
      'histogram',
      'Histogram of response times',
    ]);
  }
  figures.push([
    `Percentile curve — latency (ms, log scale) at each percentile (nines scale): ${measured}`,
    'percentiles',
    'Latency by percentile',
  ]);
  const body = figures
    .map(([caption, kind, description]) =>
      chartFigure(caption, kind, index, `${description} for ${test.name}`),
    )
    .join('\n');
  return `<div class="charts">\n${body}\n</div>`;
}

function health(test: LoadTest): string[] {
  if (test.health === undefined) return [];
  const h = test.health;
  const state = h.saturated
    ? '⚠ SATURATED — latencies measured on this generator cannot be trusted'
    : '✓ healthy';
  return [
    heading(3, 'Load generator health'),
    htmlTable(
      [
        'state',
        cell('max event-loop lag', 'num'),
        cell('mean CPU', 'num'),
        cell('max CPU', 'num'),
        'warnings',
      ],
      [
        {
          rowClass: h.saturated ? 'failed' : undefined,
          cells: [
            cell(state, h.saturated ? 'failed' : 'passed'),
            cell(formatMs(h.maxEventLoopLagMs), 'num'),
            cell(h.meanCpuPercent === undefined ? '—' : `${formatNumber(h.meanCpuPercent)} %`, 'num'),
            cell(h.maxCpuPercent === undefined ? '—' : `${formatNumber(h.maxCpuPercent)} %`, 'num'),
            h.warnings.join('; ') || '—',
          ],
        },
      ],
    ),
  ];
}

function samples(test: LoadTest): string[] {
  if (test.samples.length === 0) return [];
  const failedFirst = [...test.samples].sort(
    (a, b) => Number(b.kind === 'failed') - Number(a.kind === 'failed'),
  );
  const rows = failedFirst
    .map((s) => {
      const snippet = s.snippet === undefined ? '' : `<pre class="snippet">${escapeHtml(s.snippet)}</pre>`;
      const tds = [
        [s.kind, s.kind === 'failed' ? 'failed' : ''],
        [s.name, 'name'],
        [s.status === undefined ? '—' : String(s.status), 'num'],
        [formatMs(s.durationMs), 'num'],
        [s.error ?? '', ''],
        [s.traceId ?? '—', 'code'],
      ]
        .map(
          ([text, className]) =>
            `<td${className ? ` class="${className}"` : ''}>${escapeHtml(text ?? '')}</td>`,
        )
        .join('');
      return `<tr${s.kind === 'failed' ? ' class="failed"' : ''}>${tds}<td>${snippet}</td></tr>`;
    })
    .join('\n');
  return [
    heading(3, 'Sample requests: failed (4xx/5xx responses, transport errors) and slowest'),
    paragraph(
      'Find a request in the target’s logs by its W3C trace id (sent as the traceparent header).',
      'note',
    ),
    `<table><thead><tr><th>kind</th><th>request</th><th class="num">status</th><th class="num">duration</th><th>error</th><th>trace id</th><th>response</th></tr></thead><tbody>\n${rows}\n</tbody></table>`,
  ];
}

export function loadSection(tests: LoadTest[]): string {
  if (tests.length === 0) return '';
  const blocks = tests.map((test, index) =>
    [
      `<article id="load-${index}">`,
      heading(3, `Load test: ${test.name}`),
      test.source === undefined ? '' : paragraph(`from ${test.source}`, 'meta'),
      headline(test),
      ...regionsTable(test),
      charts(test, index),
      ...scenarioTable(test),
      ...endpointTable(test),
      ...codesTable(test),
      ...health(test),
      ...samples(test),
      '</article>',
    ].join('\n'),
  );
  return ['<section id="load">', heading(2, 'Load tests'), ...blocks, '</section>'].join('\n');
}
