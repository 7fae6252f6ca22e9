/**
 * The tables of a load test: headline numbers (each fact once, with its unit and what it
 * measures), scenarios, endpoints, status codes and errors. Every number here is the same data
 * the Markdown and JSON reports print.
 */
import { formatMs, formatNumber, formatPercent } from '../format.js';
import type { EndpointRow, LatencySummary, LoadTest } from '../model.js';
import { cell, heading, htmlTable, paragraph } from './markup.js';

/** What each latency metric measures, as the report words it everywhere. */
export const LATENCY_MEANING: Readonly<Record<string, string>> = {
  'perfgate.http.duration': 'full duration from each request’s intended start to its last byte',
  'http.response_time': 'time to first byte (Artillery’s http.response_time; hides queueing)',
};

/** "9 (5.4 %)": a count with its share of a total. */
export function countWithShare(countValue: number, total: number): string {
  return `${formatNumber(countValue)} (${formatPercent(total > 0 ? countValue / total : undefined)})`;
}

export function clientErrors(test: LoadTest): number {
  return test.statusCodes.filter((s) => s.code.startsWith('4')).reduce((sum, s) => sum + s.count, 0);
}

function latencyRow(latency: LatencySummary) {
  return {
    cells: [
      cell(LATENCY_MEANING[latency.metric] ?? latency.metric),
      cell(latency.metric, 'code'),
      cell(formatNumber(latency.count), 'num'),
      cell(formatMs(latency.p50), 'num'),
      cell(formatMs(latency.p95), 'num'),
      cell(formatMs(latency.p99), 'num'),
      cell(formatMs(latency.max), 'num'),
    ],
  };
}

export function headline(test: LoadTest): string {
  const vusers = test.vusers;
  const facts = htmlTable(
    [
      cell('duration', 'num'),
      cell('VUs created', 'num'),
      cell('VUs completed', 'num'),
      cell('VUs failed', 'num'),
      cell('requests', 'num'),
      cell('requests/s', 'num'),
      cell('failed requests (5xx + transport errors)', 'num'),
      cell('4xx responses', 'num'),
    ],
    [
      {
        cells: [
          cell(test.durationMs === undefined ? '—' : formatMs(test.durationMs), 'num'),
          cell(formatNumber(vusers?.created), 'num'),
          cell(formatNumber(vusers?.completed), 'num'),
          cell(vusers === undefined ? '—' : countWithShare(vusers.failed, vusers.created), 'num'),
          cell(formatNumber(test.requests), 'num'),
          cell(formatNumber(test.rps), 'num'),
          cell(countWithShare(test.errors, test.requests), 'num'),
          cell(countWithShare(clientErrors(test), test.requests), 'num'),
        ],
      },
    ],
  );
  const latencies = [test.latency, test.ttfb].filter((l): l is LatencySummary => l !== undefined);
  const latencyTable =
    latencies.length === 0
      ? ''
      : htmlTable(
          [
            'latency',
            'metric',
            cell('responses', 'num'),
            cell('p50', 'num'),
            cell('p95', 'num'),
            cell('p99', 'num'),
            cell('max', 'num'),
          ],
          latencies.map(latencyRow),
        );
  return `${facts}\n${latencyTable}`;
}

export function scenarioTable(test: LoadTest): string[] {
  const scenarios = test.scenarios ?? [];
  if (scenarios.length === 0) return [];
  return [
    heading(3, 'Scenarios'),
    paragraph(
      'Per scenario: its virtual users, their session length (from the arrival’s intended start to the end of the flow, completed VUs only) and its requests.',
      'note',
    ),
    htmlTable(
      [
        'scenario',
        cell('VUs created', 'num'),
        cell('completed', 'num'),
        cell('failed', 'num'),
        cell('session p50', 'num'),
        cell('session p95', 'num'),
        cell('session p99', 'num'),
        cell('requests', 'num'),
        cell('failed requests', 'num'),
        'endpoints',
      ],
      scenarios.map((s) => ({
        rowClass: s.vusersFailed > 0 || s.errors > 0 ? 'failed' : undefined,
        cells: [
          cell(s.name, 'name'),
          cell(formatNumber(s.vusersCreated), 'num'),
          cell(formatNumber(s.vusersCompleted), 'num'),
          cell(formatNumber(s.vusersFailed), 'num'),
          cell(formatMs(s.sessionLength?.p50), 'num'),
          cell(formatMs(s.sessionLength?.p95), 'num'),
          cell(formatMs(s.sessionLength?.p99), 'num'),
          cell(formatNumber(s.requests), 'num'),
          cell(countWithShare(s.errors, s.requests), 'num'),
          cell(s.endpoints.map(endpointTitle).join(', ') || '—', 'name'),
        ],
      })),
    ),
  ];
}

export function endpointTitle(e: EndpointRow): string {
  return e.method === undefined ? e.name : `${e.method} ${e.name}`;
}

function endpointRows(test: LoadTest) {
  const scenarios = test.scenarios ?? [];
  // With per-scenario data each endpoint is listed under its scenario; otherwise the merged list.
  const grouped = scenarios.length > 1;
  const rows = grouped
    ? scenarios.flatMap((s) => s.endpoints.map((e) => ({ scenario: s.name, e })))
    : test.endpoints.map((e) => ({ scenario: undefined, e }));
  return { grouped, rows };
}

export function endpointTable(test: LoadTest): string[] {
  const { grouped, rows } = endpointRows(test);
  if (rows.length === 0) return [];
  const measured = test.endpoints.some((e) => e.method !== undefined)
    ? 'full duration from intended start'
    : 'time to first byte (Artillery’s metrics-by-endpoint)';
  return [
    heading(3, 'Endpoints'),
    paragraph(`Latency per endpoint: ${measured}.`, 'note'),
    htmlTable(
      [
        ...(grouped ? ['scenario'] : []),
        'endpoint',
        cell('requests', 'num'),
        cell('failed', 'num'),
        cell('p50', 'num'),
        cell('p95', 'num'),
        cell('p99', 'num'),
        cell('max', 'num'),
      ],
      rows.map(({ scenario, e }) => ({
        rowClass: (e.errors ?? 0) > 0 ? 'failed' : undefined,
        cells: [
          ...(grouped ? [cell(scenario ?? '', 'name')] : []),
          cell(endpointTitle(e), 'name'),
          cell(formatNumber(e.count), 'num'),
          cell(e.errors === undefined ? '—' : formatNumber(e.errors), 'num'),
          cell(formatMs(e.p50), 'num'),
          cell(formatMs(e.p95), 'num'),
          cell(formatMs(e.p99), 'num'),
          cell(formatMs(e.max), 'num'),
        ],
      })),
    ),
  ];
}

export function codesTable(test: LoadTest): string[] {
  const codes = [
    ...test.statusCodes.map((s) => ({
      rowClass: s.code.startsWith('5') ? 'failed' : undefined,
      cells: [
        `HTTP ${s.code}`,
        cell(formatNumber(s.count), 'num'),
        s.code.startsWith('5') ? 'failed request' : '',
      ],
    })),
    ...test.errorCodes.map((e) => ({
      rowClass: 'failed',
      cells: [e.code, cell(formatNumber(e.count), 'num'), e.message ?? 'failed request (no response)'],
    })),
  ];
  if (codes.length === 0) return [];
  return [heading(3, 'Status codes and errors'), htmlTable(['code', cell('count', 'num'), 'meaning'], codes)];
}
