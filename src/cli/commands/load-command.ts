import type { Command } from 'commander';
import type { Bind } from '../context.js';
import { notBuilt } from './not-built.js';

/** Registers `perfgate load` (its options and action) on the program. */
export function registerLoadCommand(program: Command, bind: Bind): void {
  program
    .command('load')
    .description('run one Artillery-format load test script')
    .argument('<script>', 'Artillery-format YAML script')
    .option('-o, --output <file>', 'write results as JSON (Artillery report layout + perfgate section)')
    .option('--report <file>', 'write an HTML report')
    .option('-e, --environment <name>', "use the script's config.environments entry")
    .option('-t, --target <url>', "override the script's config.target")
    .option('--workers <n>', 'worker threads generating load')
    .option('--segment <i/n>', 'run segment i of n of the load (distributed runs)')
    .option('--dry-run', 'print the arrival schedule without sending requests')
    .action(bind(notBuilt('load', 'the load engine')));
}
