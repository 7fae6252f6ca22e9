import type { Command } from 'commander';
import { type Bind, lazy } from '../context.js';

/** Registers `perfgate dashboards` on the program. */
export function registerDashboardsCommand(program: Command, bind: Bind): void {
  program
    .command('dashboards')
    .description(
      'write Grafana dashboards (performance overview with SLO compliance, load-test live view, error budgets and burn rates)',
    )
    .requiredOption('-o, --output <dir>', 'directory for the dashboard JSON files (created if missing)')
    .option('--slo <names...>', 'only these SLOs of the config')
    .action(bind(lazy(async () => (await import('./dashboards-action.js')).dashboardsCommand)));
}
