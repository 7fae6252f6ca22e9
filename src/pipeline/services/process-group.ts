import { readdirSync, readFileSync } from 'node:fs';
import type { Clock } from '../../core/clock.js';
import { GROUP_POLL_MS, KILL_WAIT_MS } from './tunables.js';

/** How a group ended under `terminateGroup`. */
export type Termination = 'already-gone' | 'terminated' | 'killed' | 'survived';

/** Sends `signal` to every process of group `pgid`; false when the group no longer exists. Never throws. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH (gone) or EPERM (not ours any more): either way nothing to signal
  }
}

/**
 * True while group `pgid` has a member that is not a zombie. Zombies count as gone: where PID 1
 * does not reap orphans (many containers), a killed grandchild stays a zombie forever, yet it runs
 * nothing and holds no port. Without /proc (macOS) the kernel's answer to signal 0 is trusted.
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return hasLiveMember(pgid);
}

function hasLiveMember(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(entry);
    if (stat && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') return true;
  }
  return false;
}

/** State and process group from `/proc/<pid>/stat` (the command name may hold spaces and parentheses). */
export function readProcStat(pid: number | string): { state: string; pgrp: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** Resolves true once group `pgid` has no live member, false if it still has one after `timeoutMs`. */
export async function waitForGroupExit(pgid: number, timeoutMs: number, clock: Clock): Promise<boolean> {
  const deadline = clock.monotonic() + timeoutMs;
  while (groupAlive(pgid)) {
    const remaining = deadline - clock.monotonic();
    if (remaining <= 0) return false;
    await clock.sleep(Math.min(GROUP_POLL_MS, remaining));
  }
  return true;
}

/**
 * Stops group `pgid`: SIGTERM to the whole group, up to `graceMs` for every member to exit, then
 * SIGKILL to the group and up to KILL_WAIT_MS more. Tolerates a group that is already gone; never throws.
 */
export async function terminateGroup(pgid: number, graceMs: number, clock: Clock): Promise<Termination> {
  if (!groupAlive(pgid) || !signalGroup(pgid, 'SIGTERM')) return 'already-gone';
  if (await waitForGroupExit(pgid, graceMs, clock)) return 'terminated';
  signalGroup(pgid, 'SIGKILL');
  return (await waitForGroupExit(pgid, KILL_WAIT_MS, clock)) ? 'killed' : 'survived';
}
