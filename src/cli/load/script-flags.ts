import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { PerfgateError } from '../../core/errors.js';
import type { ScriptOptions } from './script-files.js';

/** Artillery's `run` flags that change the script (same names and meanings). */
export interface ScriptFlags {
  environment?: string;
  target?: string;
  variables?: string;
  overrides?: string;
  dotenv?: string;
  insecure?: boolean;
  solo?: boolean;
  scenarioName?: string;
  /** Artillery's `-c/--config FILE` (the global `--config` too: `perfgate load` reads no perfgate config). */
  config?: string;
  /** Artillery's deprecated `-p/--payload FILE`. */
  payload?: string;
}

/** `--solo`: one arrival, whatever the phases say (Artillery's `-s`). */
const SOLO_PHASES = [{ duration: 1, arrivalCount: 1 }];

/** The script options the flags ask for; bad JSON or an unreadable .env file is an INVALID_ARGUMENT. */
export function scriptOptionsOf(
  flags: ScriptFlags,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): ScriptOptions {
  let overrides = flags.overrides === undefined ? undefined : jsonObject('--overrides', flags.overrides);
  if (flags.insecure) overrides = withConfig(overrides, { tls: { rejectUnauthorized: false } });
  if (flags.solo) overrides = withConfig(overrides, { phases: SOLO_PHASES });
  const variables = flags.variables === undefined ? undefined : jsonObject('--variables', flags.variables);
  return {
    env:
      flags.dotenv === undefined ? env : { ...readDotenv(resolve(cwd, flags.dotenv), flags.dotenv), ...env },
    ...(flags.environment === undefined ? {} : { environment: flags.environment }),
    ...(flags.target === undefined ? {} : { target: flags.target }),
    ...(overrides === undefined ? {} : { overrides }),
    ...(variables === undefined ? {} : { variables }),
    ...(flags.scenarioName === undefined ? {} : { scenarioName: flags.scenarioName }),
    ...(flags.config === undefined ? {} : { configFile: resolve(cwd, flags.config) }),
    ...(flags.payload === undefined ? {} : { payloadPath: resolve(cwd, flags.payload) }),
  };
}

function jsonObject(flag: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PerfgateError('INVALID_ARGUMENT', `${flag}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `${flag}: expected a JSON object such as '{"name": "value"}'`,
    );
  }
  return value as Record<string, unknown>;
}

/** Adds `config` keys over the overrides (the flag's own settings win). */
function withConfig(
  overrides: Record<string, unknown> | undefined,
  config: Record<string, unknown>,
): Record<string, unknown> {
  const existing = overrides?.config;
  const base = typeof existing === 'object' && existing !== null ? (existing as Record<string, unknown>) : {};
  return { ...overrides, config: { ...base, ...config } };
}

/** KEY=VALUE lines (Node's own .env parser); variables already set in the environment win, as with dotenv. */
function readDotenv(path: string, shown: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `--dotenv ${shown}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
    );
  }
  return parseEnv(text) as Record<string, string>;
}
