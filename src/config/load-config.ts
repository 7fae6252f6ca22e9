import { isAbsolute, join } from 'node:path';
import type { z } from 'zod';
import { crossCheck } from './cross-check.js';
import { ENV_VAR_BINDINGS, overlayFromEnv, type RunSettings } from './env-vars.js';
import { interpolateEnvironment } from './interpolate.js';
import { type ConfigIssue, sortIssues } from './issues.js';
import { isMapping, mergeLayer } from './merge.js';
import type { PerfgateConfig } from './model.js';
import { BUILTIN_LOAD_PROFILES, DEFAULT_ENVIRONMENT } from './profiles.js';
import { environmentNamesOf, resolveConfig } from './resolve.js';
import { type ConfigFile, configFileSchema, OVERRIDABLE_SECTIONS } from './schema/index.js';
import { sloIssues } from './slo-issues.js';
import { type ConfigSource, parseConfigSource } from './source.js';
import { didYouMean } from './suggest.js';
import { explainIssues, valueAt } from './validate.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface LoadConfigOptions {
  /** The process environment: `${VAR}` interpolation, NODE_ENV and the bound variables. */
  env: Env;
  /** Directory relative paths are resolved against (the config file's). */
  dir: string;
  /** `--env`; else NODE_ENV when it names an environment; else `ci`. */
  environment?: string;
  /** Flags, in the file's shape plus `run`; they win over everything. */
  flags?: Record<string, unknown>;
  /** Checks referenced files (load scripts); injected so this module does no I/O. */
  fileExists?: (absolutePath: string) => boolean;
}

export type ConfigResult =
  | { state: 'ok'; config: PerfgateConfig; file: ConfigFile }
  | { state: 'invalid'; issues: ConfigIssue[] };

/**
 * Loads a config file's text (YAML or JSON): parses, interpolates `${VAR}`, validates the file and
 * every environment's overrides, then layers env vars and flags. Returns every problem it finds,
 * each located in the file, never just the first.
 */
export function loadConfigText(text: string, file: string, options: LoadConfigOptions): ConfigResult {
  const { source, issues: syntaxIssues } = parseConfigSource(text, file);
  if (syntaxIssues.length > 0) return { state: 'invalid', issues: syntaxIssues };
  const issues = interpolateEnvironment(source, options.env);
  const raw: unknown = source.document.toJS() ?? {};
  if (!isMapping(raw)) {
    return {
      state: 'invalid',
      issues: [
        {
          file,
          line: 1,
          col: 1,
          path: [],
          message: 'expected a mapping of sections (services, slos, load, …) at the top level',
        },
      ],
    };
  }
  const base = validate(raw, source);
  const interpolated = new Set(issues.map((issue) => issue.path.join('.')));
  // A field an env var supplies (PAGERDUTY_ROUTING_KEY…) may be missing from the file — but only
  // when the env vars really make the file valid; otherwise every issue stands.
  const parsed = base.parsed ?? parsedWithEnvVars(raw, source, options.env);
  const suppliedByEnv =
    base.parsed === undefined && parsed !== undefined ? envSuppliedPaths(options.env) : new Set();
  const consequence = (issue: ConfigIssue) =>
    interpolated.has(issue.path.join('.')) || suppliedByEnv.has(issue.path.join('.'));
  issues.push(
    ...[...base.issues, ...validateEnvironments(raw, source, base.issues)].filter((i) => !consequence(i)),
  );
  issues.push(...crossCheckIssues(raw, parsed, source, options));
  if (parsed !== undefined) issues.push(...sloIssues(parsed, source));
  const layered = layerRuntime(raw, parsed, source, options);
  issues.push(...layered.issues);
  if (issues.length > 0 || !layered.result) return { state: 'invalid', issues: sortIssues(dedupe(issues)) };
  return { state: 'ok', ...layered.result };
}

/** The file with the env vars' fields filled in, when only those were missing from it. */
function parsedWithEnvVars(
  raw: Record<string, unknown>,
  source: ConfigSource,
  env: LoadConfigOptions['env'],
): ConfigFile | undefined {
  const { run: _run, ...fileShaped } = mergeLayer(raw, overlayFromEnv(env).overlay) as Record<
    string,
    unknown
  >;
  return validate(fileShaped, source).parsed;
}

function envSuppliedPaths(env: LoadConfigOptions['env']): Set<string> {
  const set = ENV_VAR_BINDINGS.filter((binding) => (env[binding.name] ?? '') !== '');
  return new Set(set.map((binding) => binding.path.join('.')));
}

/** The config when no file exists: defaults, env vars and flags. */
export function defaultConfig(options: LoadConfigOptions): ConfigResult {
  return loadConfigText('{}', '(defaults)', options);
}

function validate(data: unknown, source: ConfigSource): { parsed?: ConfigFile; issues: ConfigIssue[] } {
  const result = configFileSchema.safeParse(data);
  if (result.success) return { parsed: result.data, issues: [] };
  return {
    issues: explainIssues(result.error.issues, { source, schema: configFileSchema as z.ZodType, data }),
  };
}

/** The file with one environment's section overrides merged in (raw, before validation). */
function withEnvironment(raw: Record<string, unknown>, name: string): Record<string, unknown> {
  const environment = valueAt(raw, ['environments', name]);
  if (!isMapping(environment)) return raw;
  const overlay = Object.fromEntries(
    OVERRIDABLE_SECTIONS.filter((s) => s in environment).map((s) => [s, environment[s]]),
  );
  return mergeLayer(raw, overlay) as Record<string, unknown>;
}

/** Validates each environment's merged result; reports new problems at the override that caused them. */
function validateEnvironments(
  raw: Record<string, unknown>,
  source: ConfigSource,
  baseIssues: readonly ConfigIssue[],
): ConfigIssue[] {
  const environments = raw.environments;
  if (!isMapping(environments)) return [];
  const known = new Set(baseIssues.map((issue) => `${issue.path.join('.')}|${issue.message}`));
  const issues: ConfigIssue[] = [];
  for (const name of Object.keys(environments)) {
    const merged = withEnvironment(raw, name);
    if (merged === raw) continue;
    for (const issue of validate(merged, source).issues) {
      if (known.has(`${issue.path.join('.')}|${issue.message}`)) continue;
      const overridden = valueAt(environments[name], issue.path) !== undefined;
      const path = overridden
        ? ['environments', name, ...issue.path]
        : ['environments', name, ...issue.path.slice(0, 1)];
      issues.push({
        ...issue,
        ...source.locate(path),
        path,
        message: `${issue.message} (in environment "${name}")`,
      });
    }
  }
  return issues;
}

function crossCheckIssues(
  raw: Record<string, unknown>,
  parsed: ConfigFile | undefined,
  source: ConfigSource,
  options: LoadConfigOptions,
): ConfigIssue[] {
  const located = crossCheck(raw, Object.keys(BUILTIN_LOAD_PROFILES)).map((issue) => ({
    file: source.file,
    ...source.locate(issue.path),
    ...issue,
  }));
  const { fileExists } = options;
  if (fileExists && parsed) {
    parsed.load.scripts.forEach((script, index) => {
      const absolute = isAbsolute(script.path) ? script.path : join(options.dir, script.path);
      if (!fileExists(absolute)) {
        const path = ['load', 'scripts', index];
        located.push({
          file: source.file,
          ...source.locate(path),
          path,
          message: `load script not found: ${absolute}`,
        });
      }
    });
  }
  return located;
}

/** Chooses the environment, then layers its overrides, env vars and flags, and validates the result. */
function layerRuntime(
  raw: Record<string, unknown>,
  parsed: ConfigFile | undefined,
  source: ConfigSource,
  options: LoadConfigOptions,
): { result?: { config: PerfgateConfig; file: ConfigFile }; issues: ConfigIssue[] } {
  if (!parsed) return { issues: [] };
  const names = environmentNamesOf(parsed);
  const environment = chooseEnvironment(names, options.environment, options.env.NODE_ENV);
  if (!names.includes(environment)) {
    const message = `unknown environment "${environment}"${didYouMean(environment, names)} (known: ${names.join(', ')})`;
    return { issues: [{ file: '--env', line: 0, col: 0, path: [], message }] };
  }
  const fromEnv = overlayFromEnv(options.env);
  const layered = mergeLayer(
    mergeLayer(withEnvironment(raw, environment), fromEnv.overlay),
    options.flags ?? {},
  );
  const { run: runOverlay, ...fileShaped } = layered as Record<string, unknown>;
  const final = validate(fileShaped, source);
  if (!final.parsed) return { issues: [...fromEnv.issues, ...final.issues] };
  const run: RunSettings = { timeoutMultiplier: 1, ...(isMapping(runOverlay) ? runOverlay : {}) };
  const config = resolveConfig(final.parsed, { file: source.file, dir: options.dir, environment, run });
  return { result: { config, file: final.parsed }, issues: fromEnv.issues };
}

/**
 * `--env` wins; NODE_ENV selects a profile only when it names one (shells commonly carry
 * `development` or `test`, which are not perfgate environments); else `ci`.
 */
export function chooseEnvironment(
  names: readonly string[],
  flag: string | undefined,
  nodeEnv: string | undefined,
): string {
  if (flag !== undefined) return flag;
  if (nodeEnv !== undefined && names.includes(nodeEnv)) return nodeEnv;
  return DEFAULT_ENVIRONMENT;
}

function dedupe(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.file}:${issue.line}:${issue.col}|${issue.path.join('.')}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
