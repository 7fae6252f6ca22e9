/**
 * The report step of `perfgate run`: the SLO rows, the RunReport as JSON, HTML, Markdown and
 * JUnit in the results directory, the `latest` pointer, and the Markdown summary appended to
 * `$GITHUB_STEP_SUMMARY` when GitHub Actions provides one.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type ReportPaths, SLO_RESULTS_FILE } from '../../pipeline/index.js';
import { type RunReport, renderMarkdown } from '../../report/index.js';
import type { CliIo } from '../io.js';
import type { Output } from '../output.js';
import { writeReportFiles } from '../report/outputs.js';
import { pointLatest, type ResultsDir } from './results-dir.js';

export const REPORT_FILES = {
  json: 'report.json',
  html: 'report.html',
  markdown: 'report.md',
  junit: 'junit.xml',
} as const;

/** A link to this GitHub Actions run, when running in one. */
function ciRunLink(env: CliIo['env']): { label: string; url: string }[] {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (!GITHUB_SERVER_URL || !GITHUB_REPOSITORY || !GITHUB_RUN_ID) return [];
  return [
    { label: 'CI run', url: `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}` },
  ];
}

export function writeRunReports(
  io: CliIo,
  output: Output,
  results: ResultsDir,
  report: RunReport,
  sloRows: readonly unknown[],
): ReportPaths {
  const { dir } = results;
  const files: string[] = [];
  if (sloRows.length > 0) {
    writeFileSync(join(dir, SLO_RESULTS_FILE), `${JSON.stringify(sloRows, null, 2)}\n`);
    files.push(join(dir, SLO_RESULTS_FILE));
  }
  const html = join(dir, REPORT_FILES.html);
  const links = [{ label: 'HTML report', url: relative(io.cwd, html) || html }, ...ciRunLink(io.env)];
  files.push(
    ...writeReportFiles(io, report, {
      json: join(dir, REPORT_FILES.json),
      html,
      markdown: join(dir, REPORT_FILES.markdown),
      junit: join(dir, REPORT_FILES.junit),
      links,
    }),
  );
  if (results.latest !== undefined) pointLatest(results.latest, dir);
  const stepSummary = io.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) {
    appendFileSync(stepSummary, `${renderMarkdown(report, { links: ciRunLink(io.env) })}\n`);
    output.info(`Markdown summary appended to $GITHUB_STEP_SUMMARY`);
  }
  return { dir, html, files };
}
