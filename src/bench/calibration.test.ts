import { describe, expect, it } from 'vitest';
import {
  calibrationBenchmarks,
  disturbedProcesses,
  recordingDisturbance,
  sideCalibration,
} from './calibration.js';

const quiet = { computeNs: 3400, memoryNs: 4700 };
const busy = { computeNs: 3450, memoryNs: 7600 };

describe('calibration', () => {
  it('the workloads are plain benchmarks that do work', () => {
    const { compute, memory } = calibrationBenchmarks();
    expect(typeof compute.fn()).toBe('number');
    expect(memory.fn()).toBeGreaterThan(0);
  });

  it('a side is its fastest process per workload; disturbed processes are ≥ 15 % slower on memory', () => {
    const processes = [quiet, busy, { computeNs: 3300, memoryNs: 4800 }];
    expect(sideCalibration(processes)).toEqual({ computeNs: 3300, memoryNs: 4700 });
    expect(disturbedProcesses(processes)).toEqual([1]);
    expect(sideCalibration([])).toBeUndefined();
  });

  it('refuses to record a session where most processes were disturbed, with the reason', () => {
    expect(recordingDisturbance([quiet, quiet, busy])).toBeUndefined();
    expect(recordingDisturbance([quiet, busy, busy])).toMatch(
      /visibly disturbed: 2 of 3 processes .* ≥ 15 % slower/,
    );
  });
});
