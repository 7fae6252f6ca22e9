/**
 * `loadConfig(path)`: perfgate.config.yaml (or .json) as `perfgate validate` sees it — parsed,
 * `${VAR}` interpolated, validated with every load script it names — and resolved for one
 * environment, as `perfgate run --env NAME` would use it.
 */
import { checkConfig } from '../cli/config-check.js';
import { DEFAULT_ENVIRONMENT, type PerfgateConfig } from '../config/index.js';
import { PerfgateError } from '../core/errors.js';
import { libraryIo, type WorldOptions } from './io.js';

export interface LoadConfigOptions extends WorldOptions {
  /**
   * The environment profile: `ci`, `staging`, `production` or one the config declares. Default
   * `ci`: unlike the CLI, the library does not read NODE_ENV, which test runners set to `test`.
   */
  environment?: string;
}

/**
 * Reads, checks and resolves the config at `path`. Throws a `PerfgateError`: `FILE_NOT_FOUND`, or
 * `CONFIG_INVALID` whose message (and `details`) lists every problem as `FILE:LINE:COL path: message`.
 */
export async function loadConfig(path: string, options: LoadConfigOptions = {}): Promise<PerfgateConfig> {
  const checked = await checkConfig(libraryIo(options), {
    config: path,
    env: options.environment ?? DEFAULT_ENVIRONMENT,
    required: true,
  });
  if (checked.state === 'ok') return checked.config;
  const count = checked.problems.length;
  const where = checked.part === 'config' ? checked.shown : `the load scripts of ${checked.shown}`;
  throw new PerfgateError(
    'CONFIG_INVALID',
    `${where}: ${count} problem${count === 1 ? '' : 's'}\n${checked.problems.join('\n')}`,
    { details: checked.problems, hint: 'the same check as `perfgate validate`' },
  );
}
