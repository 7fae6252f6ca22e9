/**
 * The Markdown summary for `$GITHUB_STEP_SUMMARY` and PR comments: the verdict, the failed gates,
 * SLOs, load tests, benchmark changes, step changes in history, warnings and links. Compact: a
 * table row per item, unchanged benchmarks only counted.
 */
import { failedGates } from './build.js';
import { escapeMarkdown as md } from './escape.js';
import {
  benchmarkVerdictLabel,
  formatChange,
  formatMs,
  formatNumber,
  formatPercent,
  formatTimestamp,
  formatWithUnit,
  measuredVsTarget,
  RUN_STATUS_LABEL,
  SLO_VERDICT_LABEL,
  sloTarget,
} from './format.js';
import { regionLines } from './markdown-regions.js';
import type { RunReport } from './model.js';

export interface MarkdownOptions {
  /** Links listed at the end, e.g. the HTML report artifact or the CI run. */
  links?: { label: string; url: string }[];
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function headline(report: RunReport): string[] {
  const gates = report.verdict.gates;
  const failed = failedGates(report).length;
  const facts = [
    report.run.environment && `environment ${md(report.run.environment)}`,
    report.run.branch && `branch ${md(report.run.branch)}`,
    report.run.commit && `commit \`${report.run.commit.replace(/`/g, '')}\``,
    formatTimestamp(report.generatedAt),
  ].filter(Boolean);
  return [
    `## ${RUN_STATUS_LABEL[report.verdict.status]} — ${md(report.title)}`,
    '',
    `${failed} of ${gates.length} gates failed · ${facts.join(' · ')}`,
  ];
}

function failedSection(report: RunReport): string[] {
  const failed = failedGates(report);
  if (failed.length === 0) return [];
  return [
    '',
    '### Failed gates',
    '',
    ...table(
      ['gate', 'kind', 'result'],
      failed.map((gate) => [
        md(gate.name),
        gate.kind,
        md([measuredVsTarget(gate), gate.message].filter(Boolean).join(' — ')),
      ]),
    ),
  ];
}

function sloSection(report: RunReport): string[] {
  if (report.slos.length === 0) return [];
  return [
    '',
    '### SLO compliance',
    '',
    ...table(
      ['SLO', 'service', 'measured', 'target', 'verdict', 'burn rate', 'budget used'],
      report.slos.map((slo) => [
        md(slo.name),
        md(slo.service ?? '—'),
        formatWithUnit(slo.measured, slo.unit),
        md(sloTarget(slo)),
        SLO_VERDICT_LABEL[slo.verdict],
        slo.burnRate === undefined ? '—' : `${formatNumber(slo.burnRate)}×`,
        formatPercent(slo.budgetConsumed),
      ]),
    ),
  ];
}

const share = (n: number, total: number) =>
  `${formatNumber(n)} (${formatPercent(total > 0 ? n / total : undefined)})`;

function loadSection(report: RunReport): string[] {
  if (report.loadTests.length === 0) return [];
  return [
    '',
    '### Load tests',
    '',
    ...table(
      [
        'test',
        'duration',
        'requests',
        'requests/s',
        'failed requests (5xx + transport errors)',
        'failed VUs',
        'generator',
      ],
      report.loadTests.map((test) => [
        md(test.name),
        test.durationMs === undefined ? '—' : formatMs(test.durationMs),
        formatNumber(test.requests),
        formatNumber(test.rps),
        share(test.errors, test.requests),
        test.vusers === undefined ? '—' : share(test.vusers.failed, test.vusers.created),
        test.health === undefined ? '—' : test.health.saturated ? '⚠️ saturated' : '✓ healthy',
      ]),
    ),
    '',
    ...table(
      ['test', 'latency', 'p50', 'p95', 'p99', 'max'],
      report.loadTests.flatMap((test) =>
        [test.latency, test.ttfb].flatMap((latency) =>
          latency === undefined
            ? []
            : [
                [
                  md(test.name),
                  `${LATENCY_WORDS[latency.metric] ?? md(latency.metric)} (\`${latency.metric}\`)`,
                  formatMs(latency.p50),
                  formatMs(latency.p95),
                  formatMs(latency.p99),
                  formatMs(latency.max),
                ],
              ],
        ),
      ),
    ),
    ...scenarioSection(report),
    ...regionLines(report),
  ];
}

const LATENCY_WORDS: Readonly<Record<string, string>> = {
  'perfgate.http.duration': 'from intended start to last byte',
  'http.response_time': 'time to first byte',
};

function scenarioSection(report: RunReport): string[] {
  const rows = report.loadTests.flatMap((test) =>
    (test.scenarios ?? []).map((s) => [
      md(test.name),
      md(s.name),
      formatNumber(s.vusersCreated),
      formatNumber(s.vusersCompleted),
      formatNumber(s.vusersFailed),
      formatMs(s.sessionLength?.p95),
      formatNumber(s.requests),
      share(s.errors, s.requests),
      md(s.endpoints.map((e) => (e.method === undefined ? e.name : `${e.method} ${e.name}`)).join(', ')) ||
        '—',
    ]),
  );
  if (rows.length === 0) return [];
  return [
    '',
    '#### Scenarios',
    '',
    ...table(
      [
        'test',
        'scenario',
        'VUs created',
        'completed',
        'failed',
        'session p95',
        'requests',
        'failed requests',
        'endpoints',
      ],
      rows,
    ),
  ];
}

function benchmarkSection(report: RunReport): string[] {
  if (report.benchmarks.length === 0) return [];
  const changed = report.benchmarks.filter((b) => b.verdict === 'regression' || b.verdict === 'improved');
  const unchanged = report.benchmarks.length - changed.length;
  const rows = changed.map((b) => [
    md(b.suite === undefined ? b.name : `${b.suite} › ${b.name}`),
    formatWithUnit(b.median, b.unit),
    formatWithUnit(b.baseline?.median, b.unit),
    formatChange(b.change),
    benchmarkVerdictLabel(b),
  ]);
  return [
    '',
    '### Benchmarks',
    '',
    ...(rows.length > 0
      ? [...table(['benchmark', 'median', 'baseline', 'change', 'verdict'], rows), '']
      : []),
    `${unchanged} of ${report.benchmarks.length} benchmarks unchanged, new or inconclusive.`,
  ];
}

function trendSection(report: RunReport): string[] {
  const lines = report.trends.flatMap((trend) =>
    trend.changes.map(
      (change) =>
        `- ${md(trend.metric)}: step change ${formatChange(change.change)} (${formatNumber(change.before)} → ${formatNumber(change.after)}${trend.unit ? ` ${md(trend.unit)}` : ''}) beginning at run #${change.runId}`,
    ),
  );
  return lines.length === 0 ? [] : ['', '### Step changes in history', '', ...lines];
}

export function renderMarkdown(report: RunReport, options: MarkdownOptions = {}): string {
  const warnings = report.warnings.map((warning) => `- ⚠️ ${md(warning)}`);
  const links = (options.links ?? []).map((link) => `- [${md(link.label)}](${encodeURI(link.url)})`);
  const gateLines = report.verdict.gates.length === 0 ? ['', '_No gates were evaluated._'] : [];
  return `${[
    ...headline(report),
    ...gateLines,
    ...failedSection(report),
    ...sloSection(report),
    ...loadSection(report),
    ...benchmarkSection(report),
    ...trendSection(report),
    ...(warnings.length > 0 ? ['', '### Warnings', '', ...warnings] : []),
    ...(links.length > 0 ? ['', ...links] : []),
  ].join('\n')}\n`;
}
