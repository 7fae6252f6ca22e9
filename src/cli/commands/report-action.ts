import { buildRunReport, type RunReport, renderMarkdown } from '../../report/index.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { historyLocation, recordInHistory } from '../report/history.js';
import { readResultsFiles } from '../report/inputs.js';
import { type ReportFileOptions, requestedReports, writeReportFiles } from '../report/outputs.js';

interface ReportOptions extends ReportFileOptions {
  title?: string;
  history: boolean;
  historyDb?: string;
  reportUrl?: string;
}

/** CI metadata from the usual variables (GitHub Actions first). */
export function runMetadata(env: CommandContext['io']['env']): RunReport['run'] {
  return {
    commit: env.GITHUB_SHA ?? env.CI_COMMIT_SHA,
    branch: env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || env.CI_COMMIT_REF_NAME,
    environment: env.NODE_ENV,
  };
}

export function ciRunLink(env: CommandContext['io']['env']): { label: string; url: string } | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = env;
  return server && repo && runId
    ? { label: 'CI run', url: `${server}/${repo}/actions/runs/${runId}` }
    : undefined;
}

export const VERDICT_EXIT = {
  passed: EXIT.ok,
  failed: EXIT.gateFailed,
  untrusted: EXIT.couldNotRun,
} as const;

export async function reportCommand(
  { io, options, output }: CommandContext<ReportOptions>,
  [files]: unknown[],
): Promise<number> {
  const { inputs, runKey } = readResultsFiles(io, files as string[]);
  const report = buildRunReport(inputs, {
    title: options.title,
    generatedAt: Date.now(),
    run: runMetadata(io.env),
  });
  if (options.history)
    await recordInHistory(output, historyLocation(io, options.historyDb, options.config), report, runKey);
  const links = [
    ...(options.reportUrl ? [{ label: 'Full report', url: options.reportUrl }] : []),
    ...[ciRunLink(io.env)].filter((link) => link !== undefined),
  ];
  for (const path of writeReportFiles(io, report, { ...options, links })) output.info(`wrote ${path}`);
  if (!requestedReports(options)) io.stdout.write(renderMarkdown(report, { links }));
  const failed = report.verdict.gates.filter((gate) => gate.status === 'failed').length;
  output.result(`${report.verdict.status}: ${failed} of ${report.verdict.gates.length} gates failed`);
  return VERDICT_EXIT[report.verdict.status];
}
