import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type LoadResults, mergeResults } from '../../load/metrics/results.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { exitCodeOf } from './load-action.js';
import { printSummary } from './progress.js';

/** `perfgate merge A.json B.json -o OUT.json`: exact merge (histograms), ensure re-evaluated. */
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
    if (!parsed) {
      output.error(
        `${file}: not a perfgate load results file (no perfgate.windows; was it written by perfgate load -o?)`,
      );
      return EXIT.badInput;
    }
    results.push(parsed);
  }
  const merged = mergeResults(results);
  writeFileSync(resolve(io.cwd, options.output), `${JSON.stringify(merged, null, 2)}\n`);
  printSummary(output, merged);
  return exitCodeOf(merged, { allowSaturated: options.allowSaturated === true });
}

function parseResults(text: string): LoadResults | undefined {
  try {
    const value = JSON.parse(text) as Partial<LoadResults>;
    return Array.isArray(value.perfgate?.windows) && value.perfgate?.ensureSpec
      ? (value as LoadResults)
      : undefined;
  } catch {
    return undefined;
  }
}
