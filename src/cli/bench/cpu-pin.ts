/**
 * Pinning benchmark processes to one CPU. On a small shared machine the CPUs are not alike: on
 * this project's 2-vCPU VM a process placed on one of them ran memory-bound code 1.5–1.7× slower
 * than on the other (the host's load differs per vCPU), so unpinned processes settle in two speeds
 * by where the scheduler happened to put them, and migrate mid-measurement. Every measuring process
 * of a run is therefore started with `taskset -c <cpu>` on the last CPU it may use (CPU 0 takes
 * most interrupts); another process keeping a core busy is moved off it by the scheduler.
 * Where `taskset` (util-linux) or the affinity list is missing, processes run unpinned.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** "0-1,4" → [0, 1, 4]. */
export function parseCpuList(text: string): number[] {
  return text
    .trim()
    .split(',')
    .filter((part) => part !== '')
    .flatMap((part) => {
      const [from, to] = part.split('-').map(Number);
      if (from === undefined || !Number.isInteger(from)) return [];
      const last = to === undefined ? from : to;
      return Array.from({ length: last - from + 1 }, (_, i) => from + i);
    });
}

function allowedCpus(): number[] {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const line = /^Cpus_allowed_list:\s*(.+)$/m.exec(status)?.[1];
    return line === undefined ? [] : parseCpuList(line);
  } catch {
    return [];
  }
}

/** The command prefix that pins a child to one CPU (`taskset -c N`), or undefined when pinning is unavailable. */
export function cpuPinPrefix(): { file: string; args: string[] } | undefined {
  const cpus = allowedCpus();
  const cpu = cpus[cpus.length - 1];
  if (cpu === undefined || cpus.length < 2) return undefined;
  const probe = spawnSync('taskset', ['-c', String(cpu), 'true'], { stdio: 'ignore' });
  return probe.status === 0 ? { file: 'taskset', args: ['-c', String(cpu)] } : undefined;
}
