/**
 * An environment's load profile as load phases, replacing the script's own: `rps` → an open
 * `constant-rps` phase (scenario starts per second, at most `users` in flight, late starts
 * dropped and counted), else `users` → a closed `concurrency` phase (k6's constant-vus). A
 * `rampUp` on an open profile ramps the arrival rate linearly from 1/s up to `rps` first.
 */
import type { LoadProfile } from '../config/index.js';
import type { Phase } from '../load/index.js';

export function phasesForProfile(profile: LoadProfile): Phase[] {
  const { users, duration: durationMs, rps, rampUp } = profile;
  if (rps === undefined) return [{ kind: 'closed', durationMs, concurrency: users, name: 'profile' }];
  const ramp: Phase[] =
    rampUp === undefined || rampUp <= 0
      ? []
      : [
          {
            kind: 'arrival',
            durationMs: rampUp,
            arrivalRate: Math.min(1, rps),
            rampTo: rps,
            maxVusers: users,
            name: 'ramp-up',
          },
        ];
  return [...ramp, { kind: 'constant-rps', durationMs, rps, maxVusers: users, name: 'profile' }];
}

/** "5 users · 10 rps · 10s" for people. */
export function describeProfile(name: string, profile: LoadProfile): string {
  const parts = [`${profile.users} users`];
  if (profile.rps !== undefined) parts.push(`${profile.rps} rps`);
  parts.push(`${formatSeconds(profile.duration)} per script`);
  if (profile.rampUp !== undefined) parts.push(`ramp-up ${formatSeconds(profile.rampUp)}`);
  return `${name} (${parts.join(', ')})`;
}

export function formatSeconds(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 100) / 10}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes}m` : `${minutes}m${String(seconds).padStart(2, '0')}s`;
}
