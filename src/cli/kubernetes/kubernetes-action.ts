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
import { splitWarnings } from '../../load/schedule/describe.js';
import { plan } from '../../load/schedule/plan.js';
import { judgeSegments } from '../../pipeline/distributed/judge.js';
import { buildManifests, renderManifests } from '../../pipeline/distributed/manifests.js';
import { runOnCluster } from '../../pipeline/distributed/run-on-cluster.js';
import { systemClock } from '../clock.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printDistribution } from '../load/distribution-summary.js';
import { exitCodeOf } from '../load/load-action.js';
import { printSummary } from '../load/progress.js';
import { loadScriptFiles } from '../load/script-files.js';
import { scriptOptionsOf } from '../load/script-flags.js';
import { wantsReports } from '../report/report-flags.js';
import { clusterSpecOf, type KubernetesOptions } from './cluster-spec.js';

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
  for (const warning of loaded.script.warnings) output.warn(warning);
  const nowMs = systemClock.now();
  const spec = clusterSpecOf({ options, script: loaded.script, scriptFile: file, cwd: io.cwd, nowMs });
  checkPayloadPartition(loaded.assets, spec.generators * spec.workers);
  for (const warning of splitWarnings(plan(loaded.script.phases).phases, spec.generators))
    output.warn(warning);
  const manifests = buildManifests(spec);
  if (options.render) {
    io.stdout.write(renderManifests(manifests));
    return EXIT.ok;
  }
  // Loaded only when a cluster is used: --render and local runs never load the client.
  const { kubeconfigCluster } = await import('../../pipeline/distributed/kubernetes/kubeconfig-cluster.js');
  const cluster = kubeconfigCluster(io.env.KUBECONFIG === undefined ? {} : { kubeconfig: io.env.KUBECONFIG });
  const stop = new AbortController();
  const removeSignal = io.onSignal((signal) => {
    output.warn(`${signal}: stopping the run and deleting its Jobs and ConfigMap`);
    stop.abort();
  });
  let run: Awaited<ReturnType<typeof runOnCluster>>;
  try {
    run = await runOnCluster(manifests, {
      cluster,
      clock: systemClock,
      signal: stop.signal,
      startAt: spec.startAt,
      deadlineAt: nowMs + spec.deadlineSeconds * 1000,
      onProgress: (line) => output.info(line),
      onWarning: (line) => output.warn(line),
    });
  } finally {
    removeSignal();
  }
  for (const outcome of run.outcomes) {
    if (outcome.state === 'failed') output.error(`segment ${outcome.segment}: ${outcome.reason}`);
  }
  const results = judgeSegments(run.outcomes);
  if (options.output) writeFileSync(resolve(io.cwd, options.output), `${JSON.stringify(results, null, 2)}\n`);
  printSummary(output, results);
  printDistribution(output, results);
  const exitCode = exitCodeOf(results, options.allowSaturated === true);
  if (!wantsReports(options)) return exitCode;
  const { writeCommandReports } = await import('../report/command-reports.js');
  return writeCommandReports(context, results, options.output ?? file, exitCode);
}
