import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateDashboards } from '../../report/dashboards/index.js';
import { type BudgetSlo, hasBudget } from '../../slo/model.js';
import { findConfigFile } from '../config-file.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { loadSlos } from '../slo/load-slos.js';

export interface DashboardsOptions {
  output: string;
  slo?: string[];
}

/** `perfgate dashboards -o DIR`: Grafana dashboard JSON for the config's SLOs and perfgate's load metrics. */
export async function dashboardsCommand(context: CommandContext<DashboardsOptions>): Promise<number> {
  const { io, options, output } = context;
  const budgetSlos = configBudgetSlos(context);
  const slos = budgetSlos.filter((slo) => slo.prometheus !== undefined);
  if (slos.length === 0)
    output.info('no SLO with a prometheus: source (or no config): writing the load-test dashboard only');
  const dir = resolve(io.cwd, options.output);
  mkdirSync(dir, { recursive: true });
  for (const { file, dashboard } of generateDashboards(slos, budgetSlos)) {
    const path = join(dir, file);
    writeFileSync(path, `${JSON.stringify(dashboard, null, 2)}\n`);
    output.result(`wrote ${path} (${dashboard.title})`);
  }
  return EXIT.ok;
}

/**
 * The config's SLOs with a budget: all get a panel on the load-test dashboard; those with a
 * prometheus source (the ones `perfgate slo rules` compiles) also feed the SLO dashboards.
 */
function configBudgetSlos(context: CommandContext<DashboardsOptions>): BudgetSlo[] {
  if (findConfigFile(context.io, context.options.config) === undefined) return [];
  return loadSlos(context, context.options.slo).filter(hasBudget);
}
