import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { generateDashboards } from '../../report/dashboards/index.js';
import { type BudgetSlo, hasBudget } from '../../slo/model.js';
import { findConfigFile } from '../config-file.js';
import type { Bind, CommandContext, Run } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { loadSlos } from '../slo/load-slos.js';

interface DashboardsOptions {
  output: string;
  slo?: string[];
}

/** `perfgate dashboards -o DIR`: Grafana dashboard JSON for the config's SLOs and perfgate's load metrics. */
async function dashboardsCommand(context: CommandContext<DashboardsOptions>): Promise<number> {
  const { io, options, output } = context;
  const slos = sloDashboardSources(context);
  if (slos.length === 0)
    output.info('no SLO with a prometheus: source (or no config): writing the load-test dashboard only');
  const dir = resolve(io.cwd, options.output);
  mkdirSync(dir, { recursive: true });
  for (const { file, dashboard } of generateDashboards(slos)) {
    const path = join(dir, file);
    writeFileSync(path, `${JSON.stringify(dashboard, null, 2)}\n`);
    output.result(`wrote ${path} (${dashboard.title})`);
  }
  return EXIT.ok;
}

/** The SLOs `perfgate slo rules` compiles (budget + prometheus source): their rules feed the dashboards. */
function sloDashboardSources(context: CommandContext<DashboardsOptions>): BudgetSlo[] {
  if (findConfigFile(context.io, context.options.config) === undefined) return [];
  return loadSlos(context, context.options.slo)
    .filter(hasBudget)
    .filter((slo) => slo.prometheus !== undefined);
}

/** Registers `perfgate dashboards` on the program. */
export function registerDashboardsCommand(program: Command, bind: Bind): void {
  program
    .command('dashboards')
    .description(
      'write Grafana dashboards (performance overview with SLO compliance, load-test live view, error budgets and burn rates)',
    )
    .requiredOption('-o, --output <dir>', 'directory for the dashboard JSON files (created if missing)')
    .option('--slo <names...>', 'only these SLOs of the config')
    .action(bind(dashboardsCommand as Run));
}
