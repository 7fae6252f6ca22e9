/**
 * Which SLOs this run of an environment brought back: violated in the previous recorded run of the
 * same environment, met now. `perfgate run` resolves their incidents (notify's
 * runRecoveryNotification), so a page a red production run opened closes with the next green run,
 * not only when `perfgate monitor` sees the recovery. Read from history before this run is added.
 */
import { isPerfgateError } from '../../core/errors.js';
import type { RunReport } from '../../report/index.js';
import type { Output } from '../output.js';
import { openCliHistory } from '../report/history.js';

/** Runs looked back through for the environment's previous run. */
const LOOK_BACK_RUNS = 200;

export async function recoveredSlos(
  output: Output,
  historyFile: string,
  report: RunReport,
): Promise<string[]> {
  const environment = report.run.environment;
  const metNow = report.verdict.gates
    .filter((gate) => gate.kind === 'slo' && gate.status === 'passed')
    .map((gate) => gate.name);
  if (environment === undefined || metNow.length === 0) return [];
  let previousFailures: string[];
  try {
    previousFailures = await previousRunFailures(historyFile, environment);
  } catch (error) {
    if (!isPerfgateError(error)) throw error;
    output.logger.debug(`no recoveries checked: ${error.message}`);
    return [];
  }
  const failed = new Set(previousFailures);
  return [...new Set(metNow.filter((name) => failed.has(name)))];
}

async function previousRunFailures(historyFile: string, environment: string): Promise<string[]> {
  const store = await openCliHistory(historyFile, { create: false });
  try {
    const runs = await store.listRuns(LOOK_BACK_RUNS);
    return runs.find((run) => run.environment === environment)?.failedGates ?? [];
  } finally {
    await store.close();
  }
}
