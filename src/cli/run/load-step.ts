/**
 * The load step of `perfgate run`: each planned script is read and checked before anything
 * starts (a bad script is bad input, exit 2, with no service started), then run with the
 * profile's phases, the service's URL as target and the `services` variable, and its results
 * written as `load-<name>.json` in the results directory (also when interrupted: partial results).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DistributedConfig } from '../../config/index.js';
import { PerfgateError } from '../../core/errors.js';
import { runLoadTest } from '../../load/index.js';
import type { LoadStepResult, PlannedLoadRun } from '../../pipeline/index.js';
import { systemClock } from '../clock.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { formatWindowLine } from '../load/live-status.js';
import { exitCodeOf } from '../load/load-action.js';
import { metricLabels, type PushOptions, pushLoadResults } from '../load/observability.js';
import { clockTime } from '../load/progress.js';
import { type LoadedScript, loadScriptFiles } from '../load/script-files.js';
import type { Output } from '../output.js';
import { runLoadOnCluster } from './distributed-load.js';

type ReadyScript = Extract<LoadedScript, { state: 'ok' }>;

/** Reads every script; throws INVALID_ARGUMENT listing every problem of every script. */
export async function preloadScripts(
  io: CliIo,
  output: Output,
  runs: readonly PlannedLoadRun[],
): Promise<Map<PlannedLoadRun, ReadyScript>> {
  const ready = new Map<PlannedLoadRun, ReadyScript>();
  const problems: string[] = [];
  for (const run of runs) {
    const loaded = await loadScriptFiles(io, run.path, {
      ...(run.scriptEnvironment === undefined ? {} : { environment: run.scriptEnvironment }),
      ...(run.target === undefined ? {} : { target: run.target }),
    });
    if (loaded.state === 'invalid') problems.push(...loaded.messages);
    else ready.set(run, loaded);
  }
  for (const problem of problems) output.error(problem);
  if (problems.length > 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `${problems.length} problem(s) in the load scripts`, {
      hint: 'fix them, then check with `perfgate validate` or `perfgate load SCRIPT --dry-run`',
    });
  }
  return ready;
}

const fileName = (name: string) => `load-${name.replace(/[^\w.-]+/g, '-')}.json`;

export function createLoadStep(
  io: CliIo,
  output: Output,
  dir: string,
  scripts: Map<PlannedLoadRun, ReadyScript>,
  push: PushOptions = {},
  distributed?: DistributedConfig,
) {
  return async (
    run: PlannedLoadRun,
    variables: Readonly<Record<string, unknown>>,
    signal: AbortSignal,
  ): Promise<LoadStepResult> => {
    const loaded = scripts.get(run);
    if (loaded === undefined)
      throw new PerfgateError('INVALID_ARGUMENT', `load script ${run.name} was not read`);
    const script = {
      ...loaded.script,
      phases: run.phases,
      variables: { ...loaded.script.variables, ...variables },
    };
    for (const warning of script.warnings) output.warn(`${run.name}: ${warning}`);
    const results = distributed
      ? await runLoadOnCluster(io, output, run, loaded, distributed, { variables, signal })
      : await runLoadTest(script, {
          clock: systemClock,
          env: io.env,
          signal,
          assets: loaded.assets,
          ...(loaded.processor ? { processor: loaded.processor } : {}),
          logger: output.logger.child('load'),
          cpuUsage: () => process.cpuUsage(),
          onWindow: (window) => output.info(`  ${run.name} ${formatWindowLine(window, clockTime)}`),
        });
    const source = fileName(run.name);
    writeFileSync(join(dir, source), `${JSON.stringify(results, null, 2)}\n`);
    const passed = exitCodeOf(results, { allowSaturated: false }) === EXIT.ok;
    await pushLoadResults(results, metricLabels(script, run.name), push, output, passed);
    const scenarios = script.scenarios.filter((s) => s.supported && s.weight > 0).map((s) => s.name);
    return { run, source, results, scenarios };
  };
}
