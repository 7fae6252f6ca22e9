/**
 * The safety net: while a process group started by perfgate may be alive, a synchronous
 * `process.on('exit')` handler SIGKILLs it, so a crash or a stray `process.exit()` never leaves
 * services behind. (It cannot help when this process itself is killed by a signal: owners handle
 * SIGINT/SIGTERM by calling `stop()`.) The handler is installed with the first group and removed
 * with the last.
 */
const guarded = new Set<number>();

function killGuardedGroups(): void {
  for (const pgid of guarded) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // ESRCH: already gone; nothing else can be done while exiting.
    }
  }
}

/** Puts process group `pgid` under the exit guard. */
export function guardGroup(pgid: number): void {
  if (guarded.size === 0) process.on('exit', killGuardedGroups);
  guarded.add(pgid);
}

/** Takes process group `pgid` out of the exit guard (once it is gone). */
export function releaseGroup(pgid: number): void {
  if (!guarded.delete(pgid)) return;
  if (guarded.size === 0) process.off('exit', killGuardedGroups);
}

/** The groups currently guarded (for tests). */
export function guardedGroups(): readonly number[] {
  return [...guarded];
}
