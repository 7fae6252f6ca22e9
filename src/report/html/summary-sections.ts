/** The verdict (with every gate) and SLO compliance sections. */
import { escapeHtml } from '../escape.js';
import {
  formatGateValue,
  formatNumber,
  formatPercent,
  formatTimestamp,
  formatWithUnit,
  GATE_STATUS_LABEL,
  RUN_STATUS_TEXT,
  SLO_VERDICT_LABEL,
  sloTarget,
} from '../format.js';
import type { RunReport } from '../model.js';
import { cell, heading, htmlTable, paragraph } from './markup.js';

export function verdictSection(report: RunReport): string {
  const { status, gates } = report.verdict;
  const failed = gates.filter((g) => g.status === 'failed').length;
  const facts = [
    report.run.environment && `environment ${report.run.environment}`,
    report.run.branch && `branch ${report.run.branch}`,
    report.run.commit && `commit ${report.run.commit}`,
    `generated ${formatTimestamp(report.generatedAt)}`,
    report.sources.length > 0 && `from ${report.sources.join(', ')}`,
  ].filter((fact): fact is string => typeof fact === 'string');
  const ordered = [...gates].sort((a, b) => Number(b.status === 'failed') - Number(a.status === 'failed'));
  const table =
    gates.length === 0
      ? paragraph('No gates were evaluated.', 'note')
      : htmlTable(
          ['gate', 'kind', 'result', 'measured', 'target', 'what was measured / note'],
          ordered.map((gate) => ({
            rowClass: gate.status,
            cells: [
              gate.name,
              gate.kind,
              cell(GATE_STATUS_LABEL[gate.status], gate.status),
              cell(formatGateValue(gate), 'num'),
              gate.target ?? '—',
              [gate.metric, gate.message].filter(Boolean).join(' — '),
            ],
          })),
        );
  return [
    `<header><h1>${escapeHtml(report.title)}</h1>${paragraph(facts.join(' · '), 'meta')}</header>`,
    '<section id="verdict">',
    heading(2, 'Verdict'),
    `<p><span class="verdict ${status}">${escapeHtml(RUN_STATUS_TEXT[status])}</span> ${escapeHtml(`${failed} of ${gates.length} gates failed`)}</p>`,
    table,
    '</section>',
  ].join('\n');
}

export function sloSection(report: RunReport): string {
  if (report.slos.length === 0) return '';
  const rows = report.slos.map((slo) => ({
    rowClass: slo.verdict === 'violated' ? 'failed' : undefined,
    cells: [
      slo.name,
      slo.service ?? '—',
      slo.sli ?? '—',
      // Which results file judged it: an SLO covered by two load tests has one row per file.
      slo.source ?? '—',
      slo.tier ?? '—',
      cell(formatWithUnit(slo.measured, slo.unit), 'num'),
      sloTarget(slo),
      cell(SLO_VERDICT_LABEL[slo.verdict], slo.verdict),
      cell(formatPercent(slo.errorRatio), 'num'),
      cell(slo.burnRate === undefined ? '—' : `${formatNumber(slo.burnRate)}×`, 'num'),
      cell(formatPercent(slo.budgetConsumed), 'num'),
    ],
  }));
  return [
    '<section id="slos">',
    heading(2, 'SLO compliance'),
    paragraph(
      'Burn rate: how fast this traffic spends the error budget (1× spends it exactly over the SLO period). Budget used: the share of the period’s budget this run’s traffic would spend.',
      'note',
    ),
    htmlTable(
      [
        'SLO',
        'service',
        'SLI',
        'measured on',
        'tier',
        cell('measured', 'num'),
        'target',
        'verdict',
        cell('error ratio', 'num'),
        cell('burn rate', 'num'),
        cell('budget used', 'num'),
      ],
      rows,
    ),
    '</section>',
  ].join('\n');
}
