import { describe, expect, it } from 'vitest';
import { describePlan } from '../../../src/load/schedule/describe.js';
import { arrivalOffset, type LoadPlan, plan } from '../../../src/load/schedule/plan.js';
import { parseSegment, subSegment } from '../../../src/load/schedule/segment.js';
import type { Phase } from '../../../src/load/script/model.js';

/** Every arrival of a plan as [phase, offset ms], in schedule order. */
function arrivals(loadPlan: LoadPlan): [number, number][] {
  const { index, count } = loadPlan.segment;
  return loadPlan.phases.flatMap((phase) =>
    phase.kind !== 'open'
      ? []
      : Array.from({ length: phase.arrivals }, (_, k): [number, number] => [
          phase.phaseIndex,
          Math.round(arrivalOffset(phase, index + k * count) * 1000) / 1000,
        ]),
  );
}

const PHASES: Phase[] = [
  { kind: 'arrival', durationMs: 2_000, arrivalRate: 2, name: 'warm up' },
  { kind: 'arrival', durationMs: 2_000, arrivalRate: 1, rampTo: 5 },
  { kind: 'pause', pauseMs: 1_000 },
  { kind: 'count', durationMs: 1_000, arrivalCount: 3 },
  { kind: 'closed', durationMs: 1_000, concurrency: 5 },
  { kind: 'constant-rps', durationMs: 500, rps: 8 },
];

describe('plan', () => {
  it('puts every phase on absolute offsets (snapshot of each phase kind)', () => {
    const whole = plan(PHASES);
    expect(whole.durationMs).toBe(7_500);
    expect(arrivals(whole)).toMatchInlineSnapshot(`
      [
        [
          0,
          0,
        ],
        [
          0,
          500,
        ],
        [
          0,
          1000,
        ],
        [
          0,
          1500,
        ],
        [
          1,
          2000,
        ],
        [
          1,
          2618.034,
        ],
        [
          1,
          3000,
        ],
        [
          1,
          3302.776,
        ],
        [
          1,
          3561.553,
        ],
        [
          1,
          3791.288,
        ],
        [
          3,
          5000,
        ],
        [
          3,
          5333.333,
        ],
        [
          3,
          5666.667,
        ],
        [
          5,
          7000,
        ],
        [
          5,
          7125,
        ],
        [
          5,
          7250,
        ],
        [
          5,
          7375,
        ],
      ]
    `);
    expect(describePlan(whole)).toMatchInlineSnapshot(`
      [
        "segment 1/1: 6 phase(s), 7.5s, 17 arrivals",
        "phase 0 (warm up) at 0ms for 2s: arrival 2/s, 4 of 4 arrivals; first at 0, 500, 1000, 1500 ms",
        "phase 1 at 2s for 2s: arrival 1→5/s, 6 of 6 arrivals; first at 2000, 2618.034, 3000, 3302.776, 3561.553, … ms",
        "phase 2 at 4s for 1s: pause",
        "phase 3 at 5s for 1s: count 3/s, 3 of 3 arrivals; first at 5000, 5333.333, 5666.667 ms",
        "phase 4 at 6s for 1s: 5 of 5 VUs back to back (closed model)",
        "phase 5 at 7s for 500ms: constant-rps 8/s, 4 of 4 arrivals, at most 80 VUs; first at 7000, 7125, 7250, 7375 ms",
      ]
    `);
  });

  it('ramps the rate linearly: the cumulative count matches the integral of the rate', () => {
    const ramp = plan([{ kind: 'arrival', durationMs: 60_000, arrivalRate: 0, rampTo: 100 }]);
    expect(ramp.arrivals).toBe(3_000);
    const offsets = arrivals(ramp).map(([, at]) => at);
    // Half the arrivals land after t = 60 s / √2 (the rate grows with time).
    expect(offsets[1_500]).toBeCloseTo(60_000 / Math.SQRT2, 0);
    expect(offsets.every((at, i) => i === 0 || at > (offsets[i - 1] ?? 0))).toBe(true);
  });

  it('handles fractional rates by arrivals whose offsets fall inside the phase', () => {
    expect(arrivals(plan([{ kind: 'arrival', durationMs: 10_000, arrivalRate: 0.25 }]))).toEqual([
      [0, 0],
      [0, 4_000],
      [0, 8_000],
    ]);
  });

  it('splits into segments whose union is exactly the whole plan, deterministically', () => {
    const whole = arrivals(plan(PHASES));
    for (const count of [2, 3, 4]) {
      const union = Array.from({ length: count }, (_, index) =>
        arrivals(plan(PHASES, { index, count })),
      ).flat();
      union.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      expect(union).toEqual(whole);
      expect(arrivals(plan(PHASES, { index: 1, count }))).toEqual(
        arrivals(plan(PHASES, { index: 1, count })),
      );
    }
  });

  it('divides every phase kind exactly for any number of segments: arrivals, counts, VUs, rps caps', () => {
    const phases: Phase[] = [
      { kind: 'arrival', durationMs: 7_300, arrivalRate: 3.7, rampTo: 11, maxVusers: 40 },
      { kind: 'count', durationMs: 2_000, arrivalCount: 17 },
      { kind: 'closed', durationMs: 1_000, concurrency: 13 },
      { kind: 'constant-rps', durationMs: 3_100, rps: 9.5, maxVusers: 23 },
    ];
    const whole = plan(phases);
    for (let count = 1; count <= 9; count++) {
      const parts = Array.from({ length: count }, (_, index) => plan(phases, { index, count }));
      for (const [i, wholePhase] of whole.phases.entries()) {
        const shares = parts.map((part) => part.phases[i]);
        const sum = (pick: (phase: (typeof shares)[number]) => number) =>
          shares.reduce((total, phase) => total + pick(phase), 0);
        if (wholePhase.kind === 'open') {
          expect(sum((p) => (p?.kind === 'open' ? p.arrivals : 0))).toBe(wholePhase.totalArrivals);
          expect(sum((p) => (p?.kind === 'open' ? (p.maxVusers ?? 0) : 0))).toBe(wholePhase.maxVusers ?? 0);
        }
        if (wholePhase.kind === 'closed') {
          expect(sum((p) => (p?.kind === 'closed' ? p.vus : 0))).toBe(wholePhase.vus);
        }
      }
      expect(parts.reduce((total, part) => total + part.arrivals, 0)).toBe(whole.arrivals);
    }
  });

  it('stripes closed-model VUs across segments without losing one', () => {
    const vus = [0, 1, 2].map((index) => {
      const phase = plan([{ kind: 'closed', durationMs: 1_000, concurrency: 5 }], { index, count: 3 })
        .phases[0];
      return phase?.kind === 'closed' ? phase.vus : -1;
    });
    expect(vus).toEqual([2, 2, 1]);
  });

  it('stripes worker threads inside a machine segment (a stripe of a stripe)', () => {
    const segment = parseSegment('2/2');
    expect(segment).toEqual({ index: 1, count: 2 });
    const workers = [0, 1].flatMap((part) => arrivals(plan(PHASES, subSegment(segment, part, 2))));
    workers.sort((a, b) => a[1] - b[1]);
    expect(workers).toEqual(arrivals(plan(PHASES, segment)));
  });

  it('rejects malformed segments', () => {
    for (const text of ['0/2', '3/2', '1', 'a/b']) expect(() => parseSegment(text)).toThrow(/--segment/);
  });
});
