/** A multi-region load test in the Markdown summary: one row per region under the whole run's. */
import { escapeMarkdown as md } from './escape.js';
import { formatMs, formatNumber } from './format.js';
import type { RunReport } from './model.js';

export function regionLines(report: RunReport): string[] {
  const lines: string[] = [];
  for (const test of report.loadTests) {
    const regions = test.regions ?? [];
    if (regions.length === 0) continue;
    lines.push('', `Latency by region, ${md(test.name)}:`, '');
    lines.push('| region | requests | errors | p50 | p95 | p99 |', '| --- | --- | --- | --- | --- | --- |');
    const latency = test.latency;
    lines.push(
      `| whole run | ${formatNumber(test.requests)} | ${formatNumber(test.errors)} | ${formatMs(latency?.p50)} | ${formatMs(latency?.p95)} | ${formatMs(latency?.p99)} |`,
    );
    for (const r of regions) {
      lines.push(
        `| ${md(r.name)} | ${formatNumber(r.requests)} | ${formatNumber(r.errors)} | ${formatMs(r.p50)} | ${formatMs(r.p95)} | ${formatMs(r.p99)} |`,
      );
    }
  }
  return lines;
}
