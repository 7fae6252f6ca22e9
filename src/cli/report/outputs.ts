/** Writing the report files `perfgate report` (and later run/load/bench) were asked for. */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type RunReport, renderHtml, renderJson, renderJunit, renderMarkdown } from '../../report/index.js';
import type { CliIo } from '../io.js';
import { readUplotAssets } from './inputs.js';

/** The output flags shared by report, run, load and bench. */
export interface ReportFileOptions {
  html?: string;
  markdown?: string;
  junit?: string;
  json?: string;
  /** Links at the end of the Markdown summary (the HTML artifact, the CI run). */
  links?: { label: string; url: string }[];
}

export function requestedReports(options: ReportFileOptions): boolean {
  return [options.html, options.markdown, options.junit, options.json].some((file) => file !== undefined);
}

/**
 * Writes each requested file (creating folders); returns the absolute paths written. The file
 * named by $GITHUB_STEP_SUMMARY is appended to, as GitHub expects, never overwritten.
 */
export function writeReportFiles(io: CliIo, report: RunReport, options: ReportFileOptions): string[] {
  const writers: [string | undefined, () => string][] = [
    [options.json, () => renderJson(report)],
    [options.markdown, () => renderMarkdown(report, { links: options.links })],
    [options.junit, () => renderJunit(report)],
    [options.html, () => renderHtml(report, readUplotAssets())],
  ];
  const written: string[] = [];
  for (const [file, render] of writers) {
    if (file === undefined) continue;
    const path = resolve(io.cwd, file);
    mkdirSync(dirname(path), { recursive: true });
    const stepSummary = io.env.GITHUB_STEP_SUMMARY;
    if (stepSummary !== undefined && resolve(io.cwd, stepSummary) === path) appendFileSync(path, render());
    else writeFileSync(path, render());
    written.push(path);
  }
  return written;
}
