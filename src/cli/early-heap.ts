import { pinYoungGeneration } from './load/heap-tuning.js';

// Imported first by main.ts (ESM evaluates imports in order): a load run pins V8's young generation
// before the CLI's own modules have grown it (measured: peak RSS ~105 MB when pinned in the load
// action, 88–90 MB when pinned at start, at 5,000 req/s).
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['-c', '--config', '--env']);

/** The subcommand of argv (`load`, `run`, …): the first word that is neither an option nor its value. */
export function subcommandOf(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index] ?? '';
    if (GLOBAL_OPTIONS_WITH_VALUE.has(word)) index++;
    else if (!word.startsWith('-')) return word;
  }
  return undefined;
}

if (subcommandOf(process.argv.slice(2)) === 'load') pinYoungGeneration();
