import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeHandover } from '../../load/metrics/handover.js';
import { type LoadResults, mergeSegments } from '../../load/metrics/results.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printDistribution } from './distribution-summary.js';
import { exitCodeOf } from './load-action.js';
import { printSummary } from './progress.js';

/**
 * `perfgate merge A.json B.json -o OUT.json`: exact merge (histograms), ensure re-evaluated on the
 * merged data. A segment of the split absent from the files makes the run incomplete: exit 3.
 * A file may also be a generator's log holding `--print-results` output (`kubectl logs POD`).
 */
export async function mergeCommand(
  context: CommandContext<{ output: string; allowSaturated?: boolean }>,
  args: unknown[],
): Promise<number> {
  const { io, options, output } = context;
  const files = (args[0] as string[]) ?? [];
  const results: LoadResults[] = [];
  for (const file of files) {
    const path = resolve(io.cwd, file);
    if (!io.fileExists(path)) {
      output.error(`${file}: no such file`);
      return EXIT.badInput;
    }
    const parsed = parseResults(io.readFile(path));
    if (typeof parsed === 'string') {
      output.error(`${file}: ${parsed}`);
      return EXIT.badInput;
    }
    results.push(parsed);
  }
  const merged = mergeSegments(results);
  writeFileSync(resolve(io.cwd, options.output), `${JSON.stringify(merged, null, 2)}\n`);
  printSummary(output, merged);
  printDistribution(output, merged);
  return exitCodeOf(merged, { allowSaturated: options.allowSaturated === true });
}

/** The results in a file (`-o` JSON, or a log with `--print-results` output), else why not. */
function parseResults(text: string): LoadResults | string {
  let value: Partial<LoadResults>;
  try {
    value = JSON.parse(text) as Partial<LoadResults>;
  } catch {
    const framed = decodeHandover(text);
    if (framed.state === 'corrupt') return `its --print-results output is damaged: ${framed.reason}`;
    if (framed.state === 'absent') return 'neither results JSON nor a log with --print-results output';
    value = framed.results;
  }
  return Array.isArray(value.perfgate?.windows) && value.perfgate?.ensureSpec
    ? (value as LoadResults)
    : 'not perfgate load results (no perfgate.windows; was it written by perfgate load -o?)';
}
