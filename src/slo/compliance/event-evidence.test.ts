import { describe, expect, it } from 'vitest';
import { describeEvidence, weighEvents } from './event-evidence.js';

describe('weighEvents', () => {
  it('one failure in 50 requests does not show a 99.5 % objective violated, and says how many events would', () => {
    const evidence = weighEvents({ bad: 1, total: 50 }, 0.005, 0.95);
    expect(evidence).toMatchObject({ shown: false, observedRatio: 0.02, eventsNeeded: 60 });
    expect(evidence.lowerBound).toBeLessThan(0.005);
    expect(describeEvidence(evidence)).toBe(
      '1 bad of 50 (2 %) is over the allowed 0.5 %, but too few events to show a violation at 95 % confidence ' +
        '(Wilson lower bound 0.447 %); at this ratio about 60 events would show it',
    );
  });

  it('the same ratio on 1,000 requests shows it', () => {
    const evidence = weighEvents({ bad: 20, total: 1_000 }, 0.005, 0.95);
    expect(evidence.shown).toBe(true);
    expect(evidence.eventsNeeded).toBeUndefined();
    expect(describeEvidence(evidence)).toMatch(
      /^20 bad of 1000 \(2 %\): over the allowed 0\.5 % at 95 % confidence/,
    );
  });

  it('a higher confidence needs more events', () => {
    const at95 = weighEvents({ bad: 3, total: 40 }, 0.05, 0.95);
    const at99 = weighEvents({ bad: 3, total: 40 }, 0.05, 0.99);
    expect(at99.eventsNeeded).toBeGreaterThan(at95.eventsNeeded ?? 0);
    expect(at99.lowerBound).toBeLessThan(at95.lowerBound);
  });
});
