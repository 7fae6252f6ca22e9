import type { Command } from 'commander';
import type { Bind } from '../context.js';
import { notBuilt } from './not-built.js';

/** Registers `perfgate slo check|rules` (its options and action) on the program. */
export function registerSloCommand(program: Command, bind: Bind): void {
  const slo = program.command('slo').description('SLO compliance and Prometheus rules');
  slo
    .command('check')
    .description('check finished results against the SLOs')
    .argument('<results...>', 'results JSON files (load tests, benchmarks)')
    .option('--explain', 'print every number with its formula')
    .action(bind(notBuilt('slo check', 'SLO compliance checking')));
  slo
    .command('rules')
    .description('write Prometheus recording and multiwindow multi-burn-rate alert rules')
    .option('-o, --output <file>', 'rules file (default: stdout)')
    .option('--tests <file>', 'also write promtool unit tests for the rules')
    .action(bind(notBuilt('slo rules', 'Prometheus rule generation')));
}
