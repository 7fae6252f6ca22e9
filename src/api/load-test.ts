/**
 * `runLoadTest(script, options)`: one Artillery-format load test, run in this process as
 * `perfgate load` runs it, returning the results `perfgate load -o` writes.
 */
import { systemClock } from '../cli/clock.js';
import { type LoadedScript, loadScriptFiles, loadScriptObject } from '../cli/load/script-files.js';
import type { LoadProfile } from '../config/index.js';
import { PerfgateError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { LoadResults } from '../load/metrics/results.js';
import type { WindowData } from '../load/metrics/window.js';
import { runLoadTest as runScript } from '../load/run/run-load-test.js';
import { phasesForProfile } from '../pipeline/profile-phases.js';
import { libraryIo, type WorldOptions } from './io.js';

export interface LoadTestOptions extends WorldOptions {
  /** Aim the script at this URL instead of its `config.target` (Artillery's `--target`). */
  target?: string;
  /** The script's `config.environments` entry to use (Artillery's `-e`). */
  environment?: string;
  /**
   * Replace the script's phases with a load profile, as `perfgate run` does, e.g.
   * `config.environment.loadProfile` (`duration` and `rampUp` in milliseconds).
   */
  profile?: LoadProfile;
  /** Artillery's `--variables`, `--overrides` (deep-merged over the script) and `--scenario-name`. */
  variables?: Readonly<Record<string, unknown>>;
  overrides?: Readonly<Record<string, unknown>>;
  scenarioName?: string;
  /** Abort to stop early: no new arrivals, requests in flight finish, results are marked interrupted. */
  signal?: AbortSignal;
  /** Width of the result windows (`intermediate`), default 10 s as in Artillery. */
  intervalMs?: number;
  /** Each window as it closes (live progress). */
  onWindow?: (window: WindowData) => void;
  logger?: Logger;
}

/**
 * Runs `script` — a file (YAML, JSON, or a JS/TS module exporting `config` and `scenarios`) or the
 * script as an object — and resolves with its results. An invalid script rejects with a
 * `PerfgateError` (`INVALID_ARGUMENT`) listing every problem as `FILE:LINE:COL path: message`.
 * The caller judges the results: `results.perfgate.ensure.passed`, `checkSlos`, or `toMeetSLO`.
 */
export async function runLoadTest(
  script: string | object,
  options: LoadTestOptions = {},
): Promise<LoadResults> {
  const io = libraryIo(options);
  const scriptOptions = {
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.environment === undefined ? {} : { environment: options.environment }),
    ...(options.variables === undefined ? {} : { variables: options.variables }),
    ...(options.overrides === undefined ? {} : { overrides: options.overrides }),
    ...(options.scenarioName === undefined ? {} : { scenarioName: options.scenarioName }),
  };
  const loaded: LoadedScript =
    typeof script === 'string'
      ? await loadScriptFiles(io, script, scriptOptions)
      : await loadScriptObject(io, script, scriptOptions);
  if (loaded.state === 'invalid') {
    const name = typeof script === 'string' ? script : 'the script object';
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `${name} is not a valid load script:\n${loaded.messages.join('\n')}`,
      {
        details: loaded.messages,
      },
    );
  }
  const phases = options.profile === undefined ? loaded.script.phases : phasesForProfile(options.profile);
  return runScript(
    { ...loaded.script, phases },
    {
      clock: systemClock,
      env: io.env,
      assets: loaded.assets,
      ...(loaded.processor === undefined ? {} : { processor: loaded.processor }),
      cpuUsage: () => process.cpuUsage(),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
      ...(options.onWindow === undefined ? {} : { onWindow: options.onWindow }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    },
  );
}
