import { isAbsolute, join } from 'node:path';
import type { RunSettings } from './env-vars.js';
import { profilesFromLegacy, slosFromTargets } from './legacy.js';
import { mergeLayer } from './merge.js';
import type { PerfgateConfig, ResolvedEnvironment } from './model.js';
import { BUILTIN_ENVIRONMENTS, BUILTIN_LOAD_PROFILES } from './profiles.js';
import type { ConfigFile } from './schema/index.js';
import type { LoadProfile } from './schema/load.js';

/** Built-in profiles, then the spec's `loadTestingProfiles`, then `load.profiles`: later wins. */
export function loadProfilesOf(file: ConfigFile): Record<string, LoadProfile> {
  const layers = [
    file.loadTestingProfiles ? profilesFromLegacy(file.loadTestingProfiles) : {},
    file.load.profiles ?? {},
  ];
  // Field by field, so a profile that restates `light` without a rate keeps the built-in rate.
  return layers.reduce<Record<string, LoadProfile>>(
    (profiles, layer) => mergeLayer(profiles, withoutUndefined(layer)) as Record<string, LoadProfile>,
    { ...BUILTIN_LOAD_PROFILES },
  );
}

function withoutUndefined(profiles: Record<string, LoadProfile>): Record<string, LoadProfile> {
  return Object.fromEntries(
    Object.entries(profiles).map(([name, p]) => [
      name,
      Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)),
    ]),
  ) as Record<string, LoadProfile>;
}

export function environmentNamesOf(file: ConfigFile): string[] {
  return [...new Set([...Object.keys(BUILTIN_ENVIRONMENTS), ...Object.keys(file.environments)])];
}

/**
 * Builds the effective config from a validated file (already merged with the chosen environment's
 * overrides and the env-var/flag overlays). Assumes crossCheck found no unknown profile.
 */
export function resolveConfig(
  file: ConfigFile,
  context: { file?: string; dir: string; environment: string; run: RunSettings },
): PerfgateConfig {
  const absolute = (path: string) => (isAbsolute(path) ? path : join(context.dir, path));
  const profiles = loadProfilesOf(file);
  return {
    file: context.file,
    dir: context.dir,
    name: file.name,
    environment: resolveEnvironment(file, context.environment, profiles, context.run.timeoutMultiplier),
    services: Object.entries(file.services).map(([name, service]) => ({
      ...service,
      name,
      cwd: absolute(service.cwd ?? '.'),
    })),
    slos: [...(file.sloTargets ? slosFromTargets(file.sloTargets) : []), ...file.slos],
    load: {
      scripts: file.load.scripts.map((script) => ({
        ...script,
        path: absolute(script.path),
        name: script.name ?? script.path,
      })),
      profiles,
      ...(file.load.distributed === undefined ? {} : { distributed: file.load.distributed }),
    },
    benchmarks: { ...file.benchmarks, baselineDir: absolute(file.benchmarks.baselineDir) },
    regression: file.regression,
    compliance: file.compliance,
    notifications: file.notifications,
    prometheus: file.prometheus,
    ...(file.history === undefined ? {} : { history: file.history }),
    ...(file.gameday === undefined
      ? {}
      : {
          gameday: {
            ...file.gameday,
            ...(file.gameday.scripts === undefined
              ? {}
              : {
                  scripts: file.gameday.scripts.map((script) => ({ ...script, path: absolute(script.path) })),
                }),
            ...(file.gameday.rules === undefined ? {} : { rules: absolute(file.gameday.rules) }),
          },
        }),
    environments: environmentNamesOf(file),
    run: context.run,
  };
}

function resolveEnvironment(
  file: ConfigFile,
  name: string,
  profiles: Record<string, LoadProfile>,
  timeoutMultiplier: number,
): ResolvedEnvironment {
  const builtin = BUILTIN_ENVIRONMENTS[name];
  const declared = file.environments[name];
  const loadProfileName = declared?.loadProfile ?? file.load.profile ?? builtin?.loadProfile ?? 'light';
  const loadProfile = profiles[loadProfileName] ?? BUILTIN_LOAD_PROFILES.light;
  if (!loadProfile) throw new Error('the built-in light profile is missing');
  return {
    name,
    description: declared?.description ?? builtin?.description,
    loadProfileName,
    loadProfile,
    timeBudgetMs: (declared?.timeBudget ?? builtin?.timeBudget ?? 10 * 60_000) * timeoutMultiplier,
    requireConfirmation: declared?.requireConfirmation ?? builtin?.requireConfirmation ?? false,
  };
}
