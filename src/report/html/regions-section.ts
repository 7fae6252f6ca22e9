/** A multi-region load test: latency per region next to the whole run's. */
import { formatMs, formatNumber } from '../format.js';
import type { LoadTest } from '../model.js';
import { cell, heading, htmlTable } from './markup.js';

export function regionsTable(test: LoadTest): string[] {
  const regions = test.regions ?? [];
  if (regions.length === 0) return [];
  const latency = test.latency;
  const row = (
    name: string,
    segments: string,
    requests: number,
    errors: number,
    l?: Partial<Record<'p50' | 'p95' | 'p99' | 'max', number>>,
  ) => ({
    cells: [
      name,
      segments,
      cell(formatNumber(requests), 'num'),
      cell(formatNumber(errors), 'num'),
      cell(formatMs(l?.p50), 'num'),
      cell(formatMs(l?.p95), 'num'),
      cell(formatMs(l?.p99), 'num'),
      cell(formatMs(l?.max), 'num'),
    ],
  });
  return [
    heading(3, 'Latency by region'),
    htmlTable(
      [
        'region',
        'segments',
        cell('requests', 'num'),
        cell('errors', 'num'),
        cell('p50', 'num'),
        cell('p95', 'num'),
        cell('p99', 'num'),
        cell('max', 'num'),
      ],
      [
        row('whole run', '', test.requests, test.errors, latency),
        ...regions.map((r) => row(r.name, r.segments.join(', '), r.requests, r.errors, r)),
      ],
    ),
  ];
}
