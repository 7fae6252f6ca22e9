import type { BudgetSlo } from '../../slo/model.js';
import type { Dashboard } from './grafana.js';
import { loadTestDashboard } from './load-test.js';
import { errorBudgetDashboard, overviewDashboard } from './slo-dashboards.js';

export { DATASOURCE_VARIABLE, type Dashboard, GRAFANA_SCHEMA_VERSION } from './grafana.js';

export interface DashboardFile {
  readonly file: string;
  readonly dashboard: Dashboard;
}

/**
 * Every dashboard perfgate ships, as files to write: the load-test live view always (with a panel
 * per SLO of `loadSlos` its metrics can judge); the performance overview and the error-budget
 * dashboard when SLOs have Prometheus rules (`slos` are those `perfgate slo rules` compiles: with
 * a budget and a `prometheus` source).
 */
export function generateDashboards(
  slos: readonly BudgetSlo[],
  loadSlos: readonly BudgetSlo[] = slos,
): DashboardFile[] {
  const files: DashboardFile[] = [
    { file: 'perfgate-load-test.json', dashboard: loadTestDashboard(loadSlos) },
  ];
  if (slos.length === 0) return files;
  return [
    { file: 'perfgate-overview.json', dashboard: overviewDashboard(slos) },
    ...files,
    { file: 'perfgate-error-budgets.json', dashboard: errorBudgetDashboard(slos) },
  ];
}
