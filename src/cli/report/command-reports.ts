/**
 * The report flags of `perfgate load` and `perfgate bench`: the RunReport built from the results
 * document the command holds in memory (the one `-o` writes), recorded in history (every run, unless
 * --no-history) and written as `perfgate report` does. Imported lazily, after the run.
 */
import { createHash } from 'node:crypto';
import { buildRunReport } from '../../report/index.js';
import { ciRunLink, runMetadata } from '../commands/report-action.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { historyLocation, recordInHistory } from './history.js';
import { writeReportFiles } from './outputs.js';
import { type CommandReportOptions, recordsHistory, wantsReports } from './report-flags.js';

/**
 * Writes the requested reports of one results document; `source` names it in the report. Returns
 * the command's exit code: unchanged, or 2 when a report could not be written after a passed run
 * (a gate failure or an untrusted run keeps its own code). `configFile`: perfgate's --config, where
 * the command has one (`perfgate load`'s -c names an Artillery config).
 */
export async function writeCommandReports(
  context: CommandContext<CommandReportOptions>,
  document: unknown,
  source: string,
  exitCode: number,
  configFile?: string,
): Promise<number> {
  const { io, options, output } = context;
  try {
    const report = buildRunReport([{ source, json: document }], {
      generatedAt: Date.now(),
      run: runMetadata(io.env),
    });
    if (recordsHistory(options)) {
      // The same key `perfgate report` derives from the -o file: the run is recorded once.
      const text = `${JSON.stringify(document, null, 2)}\n`;
      const runKey = createHash('sha256').update(text).update('\0').digest('hex');
      // Trends only go into report files: a run that writes none skips reading them back.
      const path = historyLocation(io, options.historyDb, configFile);
      await recordInHistory(context.output, path, report, runKey, wantsReports(options));
    }
    const files = { ...options, html: options.html ?? options.report };
    const links = [ciRunLink(io.env)].filter((link) => link !== undefined);
    for (const path of writeReportFiles(io, report, { ...files, links })) output.info(`wrote ${path}`);
    return exitCode;
  } catch (error) {
    output.error(`could not write the reports: ${error instanceof Error ? error.message : String(error)}`);
    return exitCode === EXIT.ok ? EXIT.badInput : exitCode;
  }
}
