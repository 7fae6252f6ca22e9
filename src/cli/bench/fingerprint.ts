import { arch, availableParallelism, cpus, platform } from 'node:os';
import type { MachineFingerprint } from '../../bench/baseline.js';

/** What makes timings from two machines incomparable: CPU model, cores, Node version, OS and arch. */
export function machineFingerprint(): MachineFingerprint {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    platform: platform(),
    arch: arch(),
  };
}
