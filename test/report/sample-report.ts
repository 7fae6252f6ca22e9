/** The report the writer tests render: the three fixture results, fixed metadata, one trend with a step. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRunReport, computeTrends, type RunReport } from '../../src/report/index.js';
import { REPO_ROOT } from '../helpers/cli.js';

export const FIXTURES = join(REPO_ROOT, 'test', 'report', 'fixtures');
export const XSS = '<img src=x onerror=alert(1)>';
export const FIXTURE_FILES = ['load-results.json', 'bench-results.json', 'slo-results.json'];

export function fixture(name: string) {
  return { source: name, json: JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as unknown };
}

/** 16 runs of a p95 with a +25 % step at index 9. */
export function stepSeries() {
  const values = Array.from({ length: 16 }, (_, i) => (i < 9 ? 100 : 125) + ((i * 7) % 5));
  return {
    name: `load/${XSS}/p95`,
    unit: 'ms',
    better: 'lower' as const,
    points: values.map((value, i) => ({ runId: i + 1, recordedAt: Date.UTC(2026, 10, i + 1), value })),
  };
}

export function sampleReport(title = 'nightly'): RunReport {
  const report = buildRunReport(FIXTURE_FILES.map(fixture), {
    generatedAt: Date.UTC(2026, 10, 27, 3, 0),
    title,
    run: { branch: 'main', commit: '0123456789abcdef', environment: 'ci' },
  });
  report.trends = computeTrends([stepSeries()]);
  return report;
}
