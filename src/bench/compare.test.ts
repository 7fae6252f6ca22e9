import { describe, expect, it } from 'vitest';
import { machineShift } from './calibration.js';
import { compareSides } from './compare.js';
import { judgeSuite, type VerdictPolicy } from './verdict.js';

const policy: VerdictPolicy = { minor: 10, major: 20, critical: 50, falseDiscovery: 'holm' };
const judge = (base: number[], candidate: number[], sessionSpread = 0.02) =>
  judgeSuite([compareSides({ values: base }, { values: candidate }, { sessionSpread })], policy)[0];

// Per-process values of a bimodal benchmark: 1.6 µs in some processes, 3.0 µs in others.
const bimodal = [1610, 3010, 1590, 2980, 1605, 1620, 3040, 1598, 2995, 1602];

describe('compareSides with processes that settle in different speeds', () => {
  it('compares the fastest modes: unchanged code is unchanged, and the modes are named', () => {
    const judged = judge(bimodal, [3005, 1601, 1612, 2990, 1596, 3020]);
    expect(judged?.match).toBe('fastest-modes');
    expect(judged?.modes?.base.map((mode) => mode.count)).toEqual([6, 4]);
    expect(judged?.verdict).toEqual({ kind: 'unchanged' });
  });

  it('a 30 % slowdown of both modes is a regression', () => {
    const slower = [3005, 1601, 1612, 2990, 1596, 3020].map((value) => value * 1.3);
    expect(judge(bimodal, slower)?.verdict).toEqual({ kind: 'regression', severity: 'major' });
  });

  it('a candidate seen only in the slow mode is unstable, not a critical regression', () => {
    const judged = judge(bimodal, [3005, 2990, 3020, 2985, 3010, 3001]);
    expect(judged?.match).toBe('ambiguous');
    expect(judged?.verdict).toEqual({ kind: 'unstable' });
  });

  it('a candidate seen only in the fast mode compares with the fast mode', () => {
    expect(judge(bimodal, [1601, 1612, 1596, 1608, 1603, 1599])?.verdict).toEqual({ kind: 'unchanged' });
  });
});

describe('compareSides against a baseline from another machine state', () => {
  const base = [1000, 1004, 998, 1010, 1002, 1001];

  it('corrects by the calibration midpoint and widens by half the workloads’ disagreement', () => {
    const then = { computeNs: 100, memoryNs: 200 };
    const shift = machineShift({ computeNs: 100, memoryNs: 240 }, then);
    expect(shift?.logCorrection).toBeCloseTo(Math.log(1.2) / 2, 10);
    const candidate = base.map((value) => value * 1.1);
    const comparison = compareSides(
      { values: base },
      { values: candidate },
      { sessionSpread: 0.02, ...(shift ? { shift } : {}) },
    );
    const judged = judgeSuite([comparison], policy)[0];
    expect(judged?.machineCorrection).toBeCloseTo(Math.sqrt(1.2), 10);
    expect(judged?.ratio.estimate).toBeCloseTo(1.1 / Math.sqrt(1.2), 2);
    expect(judged?.verdict.kind).toBe('inconclusive');
  });

  it('a correction both workloads agree on is still uncertain by half its size (measured: unchanged code)', () => {
    // Model routing, measured here: both workloads ran 5–6 % faster than at the baseline, the
    // benchmark did not; taken as exact, the correction turned +7.6 % into a +14 % "regression".
    const shift = machineShift({ computeNs: 94, memoryNs: 95 }, { computeNs: 100, memoryNs: 100 });
    expect(shift?.logSd).toBeCloseTo(Math.abs(shift?.logCorrection ?? 0) / 2, 10);
    const base = [979, 471, 879, 879, 455, 483, 475, 450, 422, 473];
    const candidate = [587, 480, 641, 454, 732, 878];
    const comparison = compareSides(
      { values: base },
      { values: candidate },
      { sessionSpread: 0.02, ...(shift ? { shift } : {}) },
    );
    expect(judgeSuite([comparison], policy)[0]?.verdict.kind).not.toBe('regression');
  });

  it('no correction when the calibration moved less than 3 %', () => {
    expect(
      machineShift({ computeNs: 101, memoryNs: 202 }, { computeNs: 100, memoryNs: 200 }),
    ).toBeUndefined();
  });
});

describe('compareSides with processes that ran while the machine was disturbed', () => {
  const base = [1000, 1004, 998, 1010, 1002, 1001];
  const quietStates = [9300, 9350, 9280, 9400, 9310, 9330];

  it('leaves out the processes whose state was ≥ 10 % over the quietest, and compares the rest', () => {
    // Three candidate processes ran 60 % slower while a neighbour loaded the machine (state +30 %).
    const candidate = [1003, 1600, 999, 1620, 1005, 1580];
    const states = [9320, 12_100, 9300, 12_200, 9350, 12_000];
    const comparison = compareSides(
      { values: base, states: quietStates },
      { values: candidate, states },
      { sessionSpread: 0.02 },
    );
    expect(comparison.processes).toEqual({ base: 6, candidate: 3, baseMeasured: 6, candidateMeasured: 6 });
    expect(judgeSuite([comparison], policy)[0]?.verdict).toEqual({ kind: 'unchanged' });
  });

  it('with fewer than 3 quiet processes on a side the comparison is inconclusive (disturbed), never a regression', () => {
    const candidate = base.map((value) => value * 1.6);
    const states = quietStates.map((state, i) => (i === 0 ? state : state * 1.3));
    const comparison = compareSides(
      { values: base, states: quietStates },
      { values: candidate, states },
      { sessionSpread: 0.02 },
    );
    expect(comparison.match).toBe('disturbed');
    expect(judgeSuite([comparison], policy)[0]?.verdict).toEqual({
      kind: 'inconclusive',
      reason: 'disturbed',
    });
  });

  it('a disturbed process that still ran fast counts: unchanged code measured on a busy VM is no regression', () => {
    // ToolHub Vector Search, measured here: the baseline, then an unchanged run under heavy load in
    // which the three processes whose state looked quiet ran 10–20 % slow and a disturbed one fast.
    const baseline = {
      values: [797_956, 761_713, 788_136, 794_312, 791_397, 824_995, 800_056, 789_616, 787_484, 783_426],
      states: [9754, 9918, 9803, 9799, 9856, 9746, 9796, 9808, 9795, 9808],
    };
    const now = {
      values: [
        883_513, 1_289_154, 1_350_067, 1_385_091, 1_381_759, 799_935, 941_617, 844_221, 1_148_531, 867_756,
        953_139, 940_772,
      ],
      states: [12_792, 14_351, 13_699, 12_550, 12_785, 14_584, 9557, 9781, 13_385, 12_430, 12_662, 9779],
    };
    const comparison = compareSides(baseline, now, { sessionSpread: 0.02 });
    expect(comparison.processes.candidate).toBe(3);
    expect(judgeSuite([comparison], policy)[0]?.verdict.kind).not.toBe('regression');
  });

  it('a disturbed candidate can still show an improvement, and a regression only beyond what its disturbance could cause', () => {
    const states = quietStates.map((state) => state * 1.4);
    const candidate = (factor: number) =>
      compareSides(
        { values: base, states: quietStates },
        { values: base.map((value) => value * factor), states },
        { sessionSpread: 0.02 },
      );
    const faster = candidate(1 / 10);
    expect(faster.processes.disturbed).toBe('candidate');
    expect(judgeSuite([faster], policy)[0]?.verdict).toEqual({ kind: 'improved' });
    // State 1.4× slower: the disturbance alone could slow the benchmark up to 1.4² = 1.96×.
    expect(judgeSuite([candidate(1.8)], policy)[0]?.verdict).toEqual({
      kind: 'inconclusive',
      reason: 'disturbed',
    });
    expect(judgeSuite([candidate(10)], policy)[0]?.verdict).toEqual({
      kind: 'regression',
      severity: 'critical',
    });
  });

  it('a disturbed base can show a regression, and an improvement only beyond what its disturbance could cause', () => {
    const states = quietStates.map((state) => state * 1.4);
    const against = (factor: number) =>
      compareSides(
        { values: base, states },
        { values: base.map((value) => value * factor), states: quietStates },
        { sessionSpread: 0.02 },
      );
    expect(judgeSuite([against(1.6)], policy)[0]?.verdict).toEqual({
      kind: 'regression',
      severity: 'critical',
    });
    expect(judgeSuite([against(1 / 1.8)], policy)[0]?.verdict).toEqual({
      kind: 'inconclusive',
      reason: 'disturbed',
    });
    expect(judgeSuite([against(1 / 10)], policy)[0]?.verdict).toEqual({ kind: 'improved' });
  });

  it('without states (older baselines) every process is compared', () => {
    const comparison = compareSides(
      { values: base },
      { values: base, states: quietStates },
      { sessionSpread: 0.02 },
    );
    expect(comparison.processes.base).toBe(6);
    expect(comparison.match).toBe('unimodal');
  });
});
