/**
 * `perfgate load SCRIPT --kubernetes --generators N [--region R…] [--render]`: the test as an
 * Indexed Job on the cluster of the user's kubeconfig. `--render` prints the manifests. Otherwise
 * they are applied, the pods followed, every segment's results collected from its log and merged
 * exactly; `ensure` is judged on the merged data, and the results, reports and exit code are those
 * of a local run (an incomplete run is untrusted: 3). What was created is always deleted.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkPayloadPartition } from '../../load/data/partition.js';
import type { LoadResults } from '../../load/metrics/results.js';
import { splitWarnings } from '../../load/schedule/describe.js';
import { plan } from '../../load/schedule/plan.js';
import { buildManifests, renderManifests } from '../../pipeline/distributed/manifests.js';
import { systemClock } from '../clock.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printDistribution } from '../load/distribution-summary.js';
import { exitCodeOf } from '../load/load-action.js';
import { printSummary } from '../load/progress.js';
import { loadScriptFiles } from '../load/script-files.js';
import { scriptOptionsOf } from '../load/script-flags.js';
import { wantsReports } from '../report/report-flags.js';
import { runTestOnCluster } from './cluster-run.js';
import { clusterSpecOf, type KubernetesOptions, loopbackWarning } from './cluster-spec.js';

export async function kubernetesLoadCommand(
  context: CommandContext<KubernetesOptions>,
  args: unknown[],
): Promise<number> {
  const { io, options, output } = context;
  const file = String(args[0]);
  const loaded = await loadScriptFiles(io, file, scriptOptionsOf(options, io.cwd, io.env));
  if (loaded.state === 'invalid') {
    for (const message of loaded.messages) output.error(message);
    return EXIT.badInput;
  }
  const loopback = loopbackWarning(loaded.script.target);
  for (const warning of [...loaded.script.warnings, ...(loopback ? [loopback] : [])]) output.warn(warning);
  const nowMs = systemClock.now();
  const spec = clusterSpecOf({ options, script: loaded.script, scriptFile: file, cwd: io.cwd, nowMs });
  checkPayloadPartition(loaded.assets, spec.generators * spec.workers);
  for (const warning of splitWarnings(plan(loaded.script.phases).phases, spec.generators))
    output.warn(warning);
  if (options.render) {
    io.stdout.write(renderManifests(buildManifests(spec)));
    return EXIT.ok;
  }
  const stop = new AbortController();
  const removeSignal = io.onSignal((signal) => {
    output.warn(`${signal}: stopping the run and deleting its Jobs and ConfigMap`);
    stop.abort();
  });
  let results: LoadResults;
  try {
    results = await runTestOnCluster(io, output, spec, stop.signal);
  } finally {
    removeSignal();
  }
  if (options.output) writeFileSync(resolve(io.cwd, options.output), `${JSON.stringify(results, null, 2)}\n`);
  printSummary(output, results);
  printDistribution(output, results);
  const exitCode = exitCodeOf(results, { allowSaturated: options.allowSaturated === true });
  if (!wantsReports(options)) return exitCode;
  const { writeCommandReports } = await import('../report/command-reports.js');
  return writeCommandReports(context, results, options.output ?? file, exitCode);
}
