/** One block per load test: headline numbers, charts, endpoints, status codes, errors, health, samples. */
import { escapeHtml } from '../escape.js';
import { formatMs, formatNumber, formatPercent } from '../format.js';
import type { LoadTest } from '../model.js';
import { cell, chartFigure, heading, htmlTable, paragraph } from './markup.js';

function headline(test: LoadTest): string {
  const latency = test.latency;
  return htmlTable(
    ['requests', 'requests/s', 'errors', 'p50', 'p95', 'p99', 'max', 'latency measured as'],
    [
      {
        cells: [
          cell(formatNumber(test.requests), 'num'),
          cell(formatNumber(test.rps), 'num'),
          cell(
            `${formatNumber(test.errors)} (${formatPercent(test.requests > 0 ? test.errors / test.requests : undefined)})`,
            'num',
          ),
          cell(formatMs(latency?.p50), 'num'),
          cell(formatMs(latency?.p95), 'num'),
          cell(formatMs(latency?.p99), 'num'),
          cell(formatMs(latency?.max), 'num'),
          latency?.metric === 'http.response_time'
            ? 'time to first byte (http.response_time)'
            : 'full duration from intended start (perfgate.http.duration)',
        ],
      },
    ],
  );
}

function charts(test: LoadTest, index: number): string {
  return `<div class="charts">
${chartFigure('Latency over time (p50 / p95 / p99 per window)', 'latency', index, `Latency percentiles per window for ${test.name}`)}
${chartFigure('Throughput and errors over time', 'throughput', index, `Requests per second and errors per window for ${test.name}`)}
${chartFigure('Latency distribution (percentiles on a nines scale, latency on a log scale)', 'percentiles', index, `Latency by percentile for ${test.name}`)}
</div>`;
}

function tables(test: LoadTest): string[] {
  const parts: string[] = [];
  if (test.endpoints.length > 0) {
    parts.push(
      heading(3, 'Endpoints'),
      htmlTable(
        [
          'endpoint',
          cell('requests', 'num'),
          cell('p50', 'num'),
          cell('p95', 'num'),
          cell('p99', 'num'),
          cell('max', 'num'),
        ],
        test.endpoints.map((e) => ({
          cells: [
            e.name,
            cell(formatNumber(e.count), 'num'),
            cell(formatMs(e.p50), 'num'),
            cell(formatMs(e.p95), 'num'),
            cell(formatMs(e.p99), 'num'),
            cell(formatMs(e.max), 'num'),
          ],
        })),
      ),
    );
  }
  const codes = [
    ...test.statusCodes.map((s) => ({ cells: [`HTTP ${s.code}`, cell(formatNumber(s.count), 'num'), ''] })),
    ...test.errorCodes.map((e) => ({
      rowClass: 'failed',
      cells: [e.code, cell(formatNumber(e.count), 'num'), e.message ?? ''],
    })),
  ];
  if (codes.length > 0) {
    parts.push(
      heading(3, 'Status codes and errors'),
      htmlTable(['code', cell('count', 'num'), 'message'], codes),
    );
  }
  return parts;
}

function health(test: LoadTest): string[] {
  if (test.health === undefined) return [];
  const h = test.health;
  const state = h.saturated
    ? '⚠ BEHIND SCHEDULE — latencies include the generator’s delay (they can only look worse); the health gate says whether a verdict depends on it'
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
  const rows = test.samples
    .map((s) => {
      const snippet = s.snippet === undefined ? '' : `<pre class="snippet">${escapeHtml(s.snippet)}</pre>`;
      const tds = [
        s.kind,
        s.traceId === undefined ? s.name : `${s.name} (trace ${s.traceId})`,
        s.status === undefined ? '—' : String(s.status),
        formatMs(s.durationMs),
        s.error ?? '',
      ]
        .map((text) => `<td>${escapeHtml(text)}</td>`)
        .join('');
      return `<tr>${tds}<td>${snippet}</td></tr>`;
    })
    .join('\n');
  return [
    heading(3, 'Sample requests (slowest and failed)'),
    `<table><thead><tr><th>kind</th><th>request</th><th>status</th><th>duration</th><th>error</th><th>response</th></tr></thead><tbody>\n${rows}\n</tbody></table>`,
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
      charts(test, index),
      ...tables(test),
      ...health(test),
      ...samples(test),
      '</article>',
    ].join('\n'),
  );
  return ['<section id="load">', heading(2, 'Load tests'), ...blocks, '</section>'].join('\n');
}
