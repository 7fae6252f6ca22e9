/**
 * The report writers of `perfgate report`, in code: build one RunReport from results, then render
 * it as HTML (offline, uPlot inlined), Markdown, JUnit XML or JSON, or write the files at once.
 */
import { systemClock } from '../cli/clock.js';
import { readUplotAssets } from '../cli/report/inputs.js';
import { type ReportFileOptions, writeReportFiles } from '../cli/report/outputs.js';
import { buildRunReport, type RunReport, renderHtml as renderHtmlWith } from '../report/index.js';
import { libraryIo, type WorldOptions } from './io.js';

export interface BuildReportOptions {
  title?: string;
  /** Shown in the report: the commit, branch and environment of the run. */
  run?: RunReport['run'];
  /** Epoch ms (default: now). */
  generatedAt?: number;
}

/** What a report can be built from, each item one of them. */
export type ReportInput = unknown;

function sourceOf(input: unknown, index: number): string {
  const script = (input as { perfgate?: { script?: unknown } } | null)?.perfgate?.script;
  return typeof script === 'string' && script !== '' ? script : `results[${index}]`;
}

/**
 * One report from a list of results: load results (`runLoadTest`), benchmark results
 * (`perfgate bench -o`), SLO checks (`checkSlos`) or an earlier JSON report. Throws
 * `REPORT_INPUT_INVALID` for an item that is none of them.
 */
export function buildReport(inputs: readonly ReportInput[], options: BuildReportOptions = {}): RunReport {
  return buildRunReport(
    inputs.map((input, index) => ({ source: sourceOf(input, index), json: input })),
    {
      generatedAt: options.generatedAt ?? systemClock.now(),
      ...(options.title === undefined ? {} : { title: options.title }),
      ...(options.run === undefined ? {} : { run: options.run }),
    },
  );
}

/** The report as one self-contained HTML page (no network requests; strict Content-Security-Policy). */
export function renderHtml(report: RunReport): string {
  return renderHtmlWith(report, readUplotAssets());
}

export type ReportFiles = Omit<ReportFileOptions, 'links'> & {
  /** Links at the end of the Markdown report (a CI run, the HTML artifact). */
  links?: { label: string; url: string }[];
};

/** Writes each requested file (creating folders) and returns the absolute paths written. */
export function writeReports(
  report: RunReport,
  files: ReportFiles,
  options: Pick<WorldOptions, 'cwd'> = {},
): string[] {
  return writeReportFiles(libraryIo(options), report, files);
}
