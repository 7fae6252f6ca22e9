import type { LoadProfile } from './schema/load.js';

/** The spec's load profiles. Durations in milliseconds. */
export const BUILTIN_LOAD_PROFILES: Readonly<Record<string, LoadProfile>> = {
  light: { users: 5, duration: 60_000, rps: 10 },
  moderate: { users: 20, duration: 300_000, rps: 50 },
  stress: { users: 50, duration: 600_000, rps: 100 },
  spike: { users: 100, duration: 120_000, rps: 200 },
};

export interface BuiltinEnvironment {
  description: string;
  loadProfile: string;
  timeBudget: number;
  requireConfirmation: boolean;
}

/** The spec's environments: ci light and fast (< 10 min), staging moderate (< 30 min), production full stress. */
export const BUILTIN_ENVIRONMENTS: Readonly<Record<string, BuiltinEnvironment>> = {
  ci: {
    description: 'Light and fast, for every pull request',
    loadProfile: 'light',
    timeBudget: 10 * 60_000,
    requireConfirmation: false,
  },
  staging: {
    description: 'Moderate load against staging',
    loadProfile: 'moderate',
    timeBudget: 30 * 60_000,
    requireConfirmation: false,
  },
  production: {
    description: 'Full stress; aims heavy load at real systems, so it asks for confirmation',
    loadProfile: 'stress',
    timeBudget: 60 * 60_000,
    requireConfirmation: true,
  },
};

export const DEFAULT_ENVIRONMENT = 'ci';
