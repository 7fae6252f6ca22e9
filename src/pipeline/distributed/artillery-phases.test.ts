import { describe, expect, it } from 'vitest';
import type { Phase } from '../../load/script/model.js';
import { parseScriptObject } from '../../load/script/parse.js';
import { phasesForProfile } from '../profile-phases.js';
import { artilleryPhases } from './artillery-phases.js';

describe('phases written back as Artillery phases', () => {
  it('reads back as the same phases, for every kind and every load profile', () => {
    const phases: Phase[] = [
      { kind: 'arrival', durationMs: 1_500, arrivalRate: 0.5, rampTo: 7, maxVusers: 9, name: 'ramp' },
      { kind: 'count', durationMs: 2_000, arrivalCount: 17 },
      { kind: 'pause', pauseMs: 250 },
      { kind: 'closed', durationMs: 3_000, concurrency: 4 },
      { kind: 'constant-rps', durationMs: 60_000, rps: 12.5, maxVusers: 20 },
      ...phasesForProfile({ users: 5, duration: 60_000, rps: 10, rampUp: 10_000 }),
    ];
    const script = {
      config: { target: 'http://127.0.0.1:9', phases: artilleryPhases(phases) },
      scenarios: [{ flow: [] }],
    };
    const parsed = parseScriptObject(script, 'phases.yml', { env: {} });
    expect(parsed.state === 'ok' ? parsed.script.phases : parsed.issues).toEqual(phases);
  });
});
