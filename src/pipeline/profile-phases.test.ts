import { describe, expect, it } from 'vitest';
import { plan } from '../load/index.js';
import { describeProfile, phasesForProfile } from './profile-phases.js';

describe('phasesForProfile', () => {
  it('maps users alone to a closed concurrency phase of the profile duration', () => {
    expect(phasesForProfile({ users: 5, duration: 8_000 })).toEqual([
      { kind: 'closed', durationMs: 8_000, concurrency: 5, name: 'profile' },
    ]);
  });

  it('maps rps to a constant-rps phase capped at the profile users', () => {
    expect(phasesForProfile({ users: 5, duration: 10_000, rps: 10 })).toEqual([
      { kind: 'constant-rps', durationMs: 10_000, rps: 10, maxVusers: 5, name: 'profile' },
    ]);
  });

  it('ramps the arrival rate up to rps first when the profile has a ramp-up', () => {
    const phases = phasesForProfile({ users: 50, duration: 60_000, rps: 100, rampUp: 30_000 });
    expect(phases[0]).toEqual({
      kind: 'arrival',
      durationMs: 30_000,
      arrivalRate: 1,
      rampTo: 100,
      maxVusers: 50,
      name: 'ramp-up',
    });
    expect(phases[1]?.kind).toBe('constant-rps');
  });

  it('gives the load engine a schedule of exactly rps × duration arrivals', () => {
    const schedule = plan(phasesForProfile({ users: 5, duration: 10_000, rps: 10 }));
    expect(schedule.arrivals).toBe(100);
  });
});

describe('describeProfile', () => {
  it('reads as people say it', () => {
    expect(describeProfile('ci-demo', { users: 5, duration: 8_000, rps: 10 })).toBe(
      'ci-demo (5 users, 10 rps, 8s per script)',
    );
  });
});
