/**
 * One number per fact: a real `perfgate load` run against a local server writes its results and
 * the four reports at once, and every fact a reader compares — requests, failed requests and
 * their share, failed VUs, the p95 of each latency metric, each gate's measured value, the run's
 * duration — must be the same number in the results file, the JSON, the Markdown, the JUnit XML
 * and the HTML report.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatGateValue,
  formatMs,
  formatNumber,
  formatPercent,
  formatWithUnit,
} from '../../src/report/format.js';
import type { RunReport } from '../../src/report/index.js';
import { runInProcess } from '../helpers/cli.js';
import { startTarget } from '../observability/processes.js';
import { parseXmlStrict, type XmlElement } from './xml-check.js';

const dir = mkdtempSync(join(tmpdir(), 'perfgate-reconcile-'));
const read = (file: string) => readFileSync(join(dir, file), 'utf8');

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .trim();

/** Every table row of an HTML document as cell texts. */
function htmlRows(html: string): string[][] {
  return [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => text(cell[1] ?? '')),
  );
}

/** Every Markdown table row as cell texts (escapes undone). */
function markdownRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
    .map((line) =>
      line
        .slice(2, -2)
        .split(' | ')
        .map((cell) => cell.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&amp;/g, '&')),
    );
}

/** The row that follows a header row containing `header`, as a header → cell map. */
function rowAfterHeader(rows: string[][], header: string): Record<string, string> {
  const at = rows.findIndex((row) => row.includes(header));
  const names = rows[at] ?? [];
  const values = rows[at + 1] ?? [];
  return Object.fromEntries(names.map((name, i) => [name, values[i] ?? '']));
}

describe('one run, four reports, the same numbers', () => {
  let results: {
    aggregate: { counters: Record<string, number>; summaries: Record<string, { p95: number }> };
    perfgate: {
      startedAt: number;
      endedAt: number;
      ensure: { verdicts: { expression: string; measured?: number; passed: boolean }[] };
    };
  };
  let report: RunReport;
  let exitCode = -1;

  beforeAll(async () => {
    const target = await startTarget();
    try {
      writeFileSync(
        join(dir, 'shop.yml'),
        `config:
  target: ${target.url}
  phases: [{ duration: 3, arrivalRate: 10 }]
  plugins: { ensure: {} }
  ensure:
    thresholds:
      - http.response_time.p95: 1000
      - perfgate.http.duration.p99: 1
    maxErrorRate: 1
scenarios:
  - name: browse
    weight: 3
    flow:
      - get: { url: /api/items }
  - name: pay
    flow:
      - post: { url: /api/fail, name: pay, json: { amount: 1 } }
`,
      );
      const run = await runInProcess(
        [
          'load',
          'shop.yml',
          '--workers',
          '1',
          '-q',
          // A busy machine may judge the generator saturated (exit 3): the numbers must agree anyway.
          '--allow-saturated',
          '-o',
          'out.json',
          '--json',
          'r.json',
          '--markdown',
          'r.md',
          '--junit',
          'r.xml',
          '--html',
          'r.html',
          '--no-history',
        ],
        { cwd: dir },
      );
      exitCode = run.code;
    } finally {
      await target.close();
    }
    results = JSON.parse(read('out.json'));
    report = JSON.parse(read('r.json'));
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const truth = () => {
    const counters = results.aggregate.counters;
    const requests = counters['http.requests'] ?? 0;
    const failed = Object.entries(counters)
      .filter(([name]) => name.startsWith('errors.') || name.startsWith('http.codes.5'))
      .reduce((sum, [, n]) => sum + n, 0);
    return {
      requests,
      failed,
      failedText: `${formatNumber(failed)} (${formatPercent(failed / requests)})`,
      vusersFailed: counters['vusers.failed'] ?? 0,
      durationP95: results.aggregate.summaries['perfgate.http.duration']?.p95 ?? Number.NaN,
      ttfbP95: results.aggregate.summaries['http.response_time']?.p95 ?? Number.NaN,
      durationMs: results.perfgate.endedAt - results.perfgate.startedAt,
    };
  };

  it('ran, failed its strict p99 check (exit 1), and served 5xx to one scenario', () => {
    expect(exitCode).toBe(1);
    expect(truth().failed).toBeGreaterThan(0);
    expect(truth().requests).toBe(30);
  });

  it('JSON: the results file’s numbers, and each gate’s measured value is its ensure verdict’s', () => {
    const t = truth();
    const [test] = report.loadTests;
    expect(test).toMatchObject({ requests: t.requests, errors: t.failed, durationMs: t.durationMs });
    expect(test?.latency?.p95).toBe(t.durationP95);
    expect(test?.ttfb?.p95).toBe(t.ttfbP95);
    expect(test?.vusers?.failed).toBe(t.vusersFailed);
    expect(test?.scenarios?.reduce((sum, s) => sum + s.requests, 0)).toBe(t.requests);
    expect(test?.scenarios?.reduce((sum, s) => sum + s.errors, 0)).toBe(t.failed);
    expect(test?.series.reduce((sum, p) => sum + p.requests, 0)).toBe(t.requests);
    for (const verdict of results.perfgate.ensure.verdicts) {
      const gate = report.verdict.gates.find((g) => g.name === `shop.yml: ${verdict.expression}`);
      expect(gate?.measured, verdict.expression).toBe(verdict.measured);
      expect(gate?.status).toBe(verdict.passed ? 'passed' : 'failed');
    }
  });

  it('Markdown: the same requests, failed requests, failed VUs and p95 per metric', () => {
    const t = truth();
    const rows = markdownRows(read('r.md'));
    const load = rowAfterHeader(rows, 'failed requests (5xx + transport errors)');
    expect(load.requests).toBe(formatNumber(t.requests));
    expect(load['failed requests (5xx + transport errors)']).toBe(t.failedText);
    expect(load['failed VUs']).toMatch(new RegExp(`^${t.vusersFailed} `));
    const p95 = (metric: string) => rows.find((row) => row[1]?.includes(`\`${metric}\``))?.[3];
    expect(p95('perfgate.http.duration')).toBe(formatMs(t.durationP95));
    expect(p95('http.response_time')).toBe(formatMs(t.ttfbP95));
    expect(rows.reduce((n, row) => n + Number(row[1] === 'browse' || row[1] === 'pay'), 0)).toBe(2);
  });

  it('HTML: the same facts in the headline, latency, scenario and gate tables', () => {
    const t = truth();
    const rows = htmlRows(read('r.html'));
    const headline = rowAfterHeader(rows, 'failed requests (5xx + transport errors)');
    expect(headline.requests).toBe(formatNumber(t.requests));
    expect(headline['failed requests (5xx + transport errors)']).toBe(t.failedText);
    expect(headline['VUs failed']).toMatch(new RegExp(`^${t.vusersFailed} `));
    const latency = (metric: string) => rows.find((row) => row[1] === metric)?.[4];
    expect(latency('perfgate.http.duration')).toBe(formatMs(t.durationP95));
    expect(latency('http.response_time')).toBe(formatMs(t.ttfbP95));
    const scenarioRequests = rows
      .filter((row) => row[0] === 'browse' || row[0] === 'pay')
      .filter((row) => row.length === 10)
      .map((row) => Number(row[7]?.replace(/,/g, '')));
    expect(scenarioRequests.reduce((a, b) => a + b, 0)).toBe(t.requests);
    for (const gate of report.verdict.gates) {
      const row = rows.find((r) => r[0] === gate.name);
      expect(row?.[3], gate.name).toBe(formatGateValue(gate));
    }
  });

  it('JUnit: time is the measured duration, and each failure message carries the gate’s value', () => {
    const t = truth();
    const root = parseXmlStrict(read('r.xml'));
    const cases = (root.children as XmlElement[])
      .flatMap((suite) => suite.children as XmlElement[])
      .filter((node) => node.name === 'testcase');
    expect(cases.length).toBe(report.verdict.gates.length);
    for (const testcase of cases) expect(testcase.attributes.time).toBe((t.durationMs / 1000).toFixed(3));
    expect(root.attributes.time).toBe((t.durationMs / 1000).toFixed(3));
    const failed = report.verdict.gates.filter((g) => g.status === 'failed' && g.kind === 'threshold');
    expect(failed.map((g) => g.name)).toEqual(['shop.yml: perfgate.http.duration.p99 < 1']);
    for (const gate of failed) {
      const testcase = cases.find((c) => c.attributes.name === gate.name);
      const failure = ((testcase?.children ?? []) as XmlElement[]).find((c) => c.name === 'failure');
      expect(failure?.attributes.message).toContain(
        `measured ${formatWithUnit(gate.measured, gate.unit)} vs target < 1 ms`,
      );
      expect(failure?.attributes.message).toContain(
        'perfgate.http.duration p99 (from intended start to last byte)',
      );
    }
  });
});
