/**
 * The calibration workloads every benchmark process measures before its benchmarks, so a run can
 * tell whether the machine is in the state its baseline was recorded in. They bracket how code
 * reacts to a busy machine (measured on this project's 2-core VM): a dependent integer-hash chain
 * (`compute`) hardly moves when neighbours load the machine, a strided walk over a 512 KiB typed
 * array (`memory`) slows as much as the most memory-bound benchmark (1.5–2× while another tenant
 * streams memory). A benchmark's own sensitivity lies somewhere between the two.
 */
import type { BenchmarkDefinition } from './types.js';

/** Each process's 10th-percentile time per call of the two workloads, ns. */
export interface ProcessCalibration {
  computeNs: number;
  memoryNs: number;
}

const HASH_ROUNDS = 2_000;
const MEMORY_WORDS = 1 << 16;
const MEMORY_STRIDE = 8;
/** Measured time per workload and process: a small fraction of a process's life. */
const CALIBRATION_SAMPLING_MS = 15;

function hashChain(count: number): number {
  let acc = 0x9e3779b9 | 0;
  for (let i = 0; i < count; i++) acc = (Math.imul(acc ^ (acc >>> 15), 0x85ebca6b) + i) | 0;
  return acc;
}

/** The two workloads as benchmark definitions, measured like any benchmark (batched, warmed up). */
export function calibrationBenchmarks(): { compute: BenchmarkDefinition; memory: BenchmarkDefinition } {
  const words = new Float64Array(MEMORY_WORDS).map((_, i) => i * 0.5);
  const walk = () => {
    let sum = 0;
    for (let i = 0; i < words.length; i += MEMORY_STRIDE) sum += words[i] ?? 0;
    return sum;
  };
  const options = { iterations: 20, warmupIterations: 5, minSamplingTimeMs: CALIBRATION_SAMPLING_MS };
  return {
    compute: { name: 'calibration: compute', fn: () => hashChain(HASH_ROUNDS), options },
    memory: { name: 'calibration: memory', fn: walk, options },
  };
}

/** Calibration of a side: the fastest process of each workload (as benchmarks are compared). */
export function sideCalibration(processes: readonly ProcessCalibration[]): ProcessCalibration | undefined {
  if (processes.length === 0) return undefined;
  return {
    computeNs: Math.min(...processes.map((p) => p.computeNs)),
    memoryNs: Math.min(...processes.map((p) => p.memoryNs)),
  };
}

/** A process whose memory workload ran this much slower than the side's fastest was disturbed. */
export const DISTURBED_FACTOR = 1.15;

/** Indices of processes that ran while the machine was visibly disturbed. */
export function disturbedProcesses(processes: readonly ProcessCalibration[]): number[] {
  const side = sideCalibration(processes);
  if (side === undefined) return [];
  return processes.flatMap((p, i) => (p.memoryNs > DISTURBED_FACTOR * side.memoryNs ? [i] : []));
}

/**
 * How the machine differs from the baseline's: log ratios of now / then for both workloads.
 * The correction applied to a benchmark is the midpoint (log-mean) of the two, with σ half their
 * distance — a benchmark's sensitivity lies between the compute-bound and memory-bound extremes —
 * and at least half the correction itself: when both workloads moved alike, a benchmark may still
 * not have moved with them (measured here: both workloads 5–6 % faster than at the baseline, a
 * 0.5 µs benchmark unchanged; corrected as if known, unchanged code read +14 %).
 */
export interface MachineShift {
  compute: number;
  memory: number;
  /** log of the factor the measured ratio is divided by. */
  logCorrection: number;
  /** σ of the correction's error, log scale. */
  logSd: number;
}

/** Below this (log) difference on both workloads the machine counts as unchanged: no correction. */
export const SAME_MACHINE_STATE = Math.log(1.03);

export function machineShift(
  now: ProcessCalibration | undefined,
  then: ProcessCalibration | undefined,
): MachineShift | undefined {
  if (now === undefined || then === undefined) return undefined;
  const compute = Math.log(now.computeNs / then.computeNs);
  const memory = Math.log(now.memoryNs / then.memoryNs);
  if (Math.abs(compute) < SAME_MACHINE_STATE && Math.abs(memory) < SAME_MACHINE_STATE) return undefined;
  const logCorrection = (compute + memory) / 2;
  return {
    compute,
    memory,
    logCorrection,
    logSd: Math.max(Math.abs(memory - compute), Math.abs(logCorrection)) / 2,
  };
}

/**
 * Why a session must not become a baseline: most of its processes ran while the machine was
 * visibly disturbed (their memory calibration ≥ 15 % slower than the session's fastest), so
 * "normal" for this session is not known. Undefined when the session may be recorded.
 */
export function recordingDisturbance(processes: readonly ProcessCalibration[]): string | undefined {
  const disturbed = disturbedProcesses(processes).length;
  const total = processes.length;
  if (total === 0 || disturbed * 2 <= total) return undefined;
  const pct = Math.round((DISTURBED_FACTOR - 1) * 100);
  return `the machine was visibly disturbed: ${disturbed} of ${total} processes ran the calibration workload ≥ ${pct} % slower than the fastest`;
}
