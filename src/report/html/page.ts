/**
 * The self-contained HTML report: one file, every script and stylesheet inline, no request of any
 * kind. A strict Content-Security-Policy allows exactly the inline blocks written here (by their
 * SHA-256 hashes) and nothing else; the report data sits in a non-executed
 * `<script type="application/json">` with `<` escaped. uPlot's files are passed in (`assets`),
 * read by the caller, so this module stays free of I/O.
 */
import { createHash } from 'node:crypto';
import { PerfgateError } from '../../core/errors.js';
import { escapeHtml, jsonForScript } from '../escape.js';
import { RUN_STATUS_TEXT } from '../format.js';
import type { RunReport } from '../model.js';
import { benchSection } from './bench-section.js';
import { REPORT_CLIENT_JS } from './client.js';
import { loadSection } from './load-section.js';
import { REPORT_CSS } from './styles.js';
import { sloSection, verdictSection } from './summary-sections.js';
import { trendsSection } from './trends-section.js';

/** uPlot's browser build and stylesheet, as text (uplot/dist/uPlot.iife.min.js, uPlot.min.css). */
export interface HtmlAssets {
  uplotJs: string;
  uplotCss: string;
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Inline code must not be able to close its own element early. */
function assertInlineSafe(name: string, text: string, tag: 'script' | 'style'): string {
  if (text.toLowerCase().includes(`</${tag}`)) {
    throw new PerfgateError('INVALID_ARGUMENT', `${name} contains "</${tag}" and cannot be inlined`);
  }
  return text;
}

export function contentSecurityPolicy(scripts: string[], styles: string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    `style-src ${styles.map(sha256).join(' ')}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function navigation(report: RunReport): string {
  const links: [string, string, boolean][] = [
    ['#verdict', 'Verdict', true],
    ['#slos', 'SLOs', report.slos.length > 0],
    ['#load', 'Load tests', report.loadTests.length > 0],
    ['#benchmarks', 'Benchmarks', report.benchmarks.length > 0],
    ['#trends', 'Trends', report.trends.length > 0],
  ];
  return `<nav>${links
    .filter(([, , shown]) => shown)
    .map(([href, text]) => `<a href="${href}">${text}</a>`)
    .join('')}</nav>`;
}

function warningsSection(report: RunReport): string {
  if (report.warnings.length === 0) return '';
  const items = report.warnings.map((warning) => `<li>⚠ ${escapeHtml(warning)}</li>`).join('\n');
  return `<section id="warnings"><h2>Warnings</h2><ul>\n${items}\n</ul></section>`;
}

export function renderHtml(report: RunReport, assets: HtmlAssets): string {
  const uplotJs = assertInlineSafe('uPlot script', assets.uplotJs, 'script');
  const uplotCss = assertInlineSafe('uPlot stylesheet', assets.uplotCss, 'style');
  const styles = [uplotCss, REPORT_CSS];
  const scripts = [uplotJs, REPORT_CLIENT_JS];
  const title = `${RUN_STATUS_TEXT[report.verdict.status]} — ${report.title}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(scripts, styles))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="perfgate">
<title>${escapeHtml(title)}</title>
${styles.map((css) => `<style>${css}</style>`).join('\n')}
</head>
<body>
${navigation(report)}
${verdictSection(report)}
${warningsSection(report)}
${sloSection(report)}
${loadSection(report.loadTests)}
${benchSection(report.benchmarks)}
${trendsSection(report.trends)}
<footer class="meta"><p>perfgate report · schema version ${report.schemaVersion}</p></footer>
<script type="application/json" id="perfgate-data">${jsonForScript(report)}</script>
${scripts.map((js) => `<script>${js}</script>`).join('\n')}
</body>
</html>
`;
}
