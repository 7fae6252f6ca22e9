import { dirname, join, resolve } from 'node:path';
import {
  type ConfigResult,
  defaultConfig,
  formatIssue,
  loadConfigText,
  type PerfgateConfig,
} from '../config/index.js';
import { PerfgateError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { CliIo } from './io.js';
import type { Output } from './output.js';

export const CONFIG_FILE_NAMES = ['perfgate.config.yaml', 'perfgate.config.yml', 'perfgate.config.json'];

/** The config file to use: `--config`, else the first perfgate.config.* found from cwd upwards. */
export function findConfigFile(io: CliIo, explicit: string | undefined): string | undefined {
  if (explicit !== undefined) {
    const path = resolve(io.cwd, explicit);
    if (!io.fileExists(path)) throw new PerfgateError('FILE_NOT_FOUND', `config file not found: ${path}`);
    if (io.isDirectory(path))
      throw new PerfgateError('INVALID_ARGUMENT', `--config names a directory, not a file: ${path}`);
    return path;
  }
  for (let dir = io.cwd; ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const path = join(dir, name);
      if (io.fileExists(path)) return path;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export interface ConfigRequest {
  config?: string;
  env?: string;
  /** Flag overlay in the file's shape (see config/load-config.ts). */
  flags?: Record<string, unknown>;
  /** Fail with CONFIG_NOT_FOUND instead of running on defaults when no file exists. */
  required: boolean;
  logger?: Logger;
}

/** Finds, reads and loads the config; `path` is undefined when running on defaults. */
export function readConfig(io: CliIo, request: ConfigRequest): { path?: string; result: ConfigResult } {
  const path = findConfigFile(io, request.config);
  const debug = request.logger?.child('config').debug ?? (() => {});
  debug('config file: %s', path ?? '(none: defaults)');
  const options = { env: io.env, environment: request.env, flags: request.flags, fileExists: io.fileExists };
  if (path === undefined) {
    if (request.required) {
      throw new PerfgateError(
        'CONFIG_NOT_FOUND',
        `no ${CONFIG_FILE_NAMES.join(', ')} in ${io.cwd} or any parent directory`,
        {
          hint: 'run `npx perfgate init` to write a starter perfgate.config.yaml, or pass --config FILE',
        },
      );
    }
    return { result: noteEnvironment(defaultConfig({ ...options, dir: io.cwd }), request, io, debug) };
  }
  const result = loadConfigText(io.readFile(path), path, { ...options, dir: dirname(path) });
  return { path, result: noteEnvironment(result, request, io, debug) };
}

/** Says which environment was chosen, and why a NODE_ENV was ignored (it names no profile). */
function noteEnvironment(
  result: ConfigResult,
  request: ConfigRequest,
  io: CliIo,
  debug: (format: string, ...args: unknown[]) => void,
): ConfigResult {
  if (result.state !== 'ok') return result;
  const chosen = result.config.environment.name;
  const nodeEnv = io.env.NODE_ENV;
  const origin = request.env !== undefined ? '--env' : nodeEnv === chosen ? 'NODE_ENV' : 'default';
  debug('environment: %s (%s)', chosen, origin);
  if (request.env === undefined && nodeEnv !== undefined && nodeEnv !== chosen) {
    debug('NODE_ENV=%s names no environment profile of the config; ignored', nodeEnv);
  }
  return result;
}

/** The config for a command that needs a valid one: prints every problem and throws CONFIG_INVALID otherwise. */
export function loadValidConfig(
  io: CliIo,
  output: Output,
  request: Omit<ConfigRequest, 'required' | 'logger'>,
): PerfgateConfig {
  const { path, result } = readConfig(io, { ...request, required: true, logger: output.logger });
  if (result.state === 'ok') return result.config;
  for (const issue of result.issues) output.error(formatIssue(issue));
  const count = result.issues.length;
  throw new PerfgateError(
    'CONFIG_INVALID',
    `${path ?? 'the config'} has ${count} problem${count === 1 ? '' : 's'}`,
    {
      hint: 'fix them, then check with `perfgate validate`',
    },
  );
}
