import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eventually,
  FIXTURES,
  freePort,
  isRunning,
  liveGroupMembers,
  REPO_ROOT,
} from '../../../test/fixtures/services/helpers.js';
import { checkHealth } from './health.js';

const HOLD = join(FIXTURES, 'hold.ts');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

interface Held {
  child: ChildProcess;
  /** The service's process group and the grandchild its command spawned. */
  pgid: number;
  grandchild: number;
  exit: Promise<number | null>;
}

/** Runs hold.ts (a program that owns a running service) until it prints `ready`. */
async function hold(port: number, mode: 'stop-on-signal' | 'crash'): Promise<Held> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLD, String(port), mode], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready (\d+) (\d+)/.exec(output);
      if (match) resolve(match);
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exit.then((code) => reject(new Error(`hold.ts exited with ${code} before ready:\n${output}`)));
  });
  return { child, pgid: Number(ready[1]), grandchild: Number(ready[2]), exit };
}

describe('a program holding services', () => {
  it('stops them on SIGINT: it exits 130 and the process group is gone', async () => {
    const port = await freePort();
    const held = await hold(port, 'stop-on-signal');
    expect(liveGroupMembers(held.pgid).length).toBeGreaterThan(0);
    expect(isRunning(held.grandchild)).toBe(true);

    held.child.kill('SIGINT');
    expect(await held.exit).toBe(130);
    expect(liveGroupMembers(held.pgid)).toEqual([]);
    expect(isRunning(held.grandchild)).toBe(false);
    expect((await checkHealth(`http://127.0.0.1:${port}/health`, 1_000)).error).toBe('ECONNREFUSED');
  });

  it('leaves nothing behind when it exits without stopping them (the exit guard)', async () => {
    const port = await freePort();
    const held = await hold(port, 'crash');

    expect(await held.exit).toBe(1);
    // SIGKILL was sent synchronously on exit; give the kernel a moment to deliver it.
    await eventually(() => (liveGroupMembers(held.pgid).length === 0 ? true : undefined), 1_000);
    expect(isRunning(held.grandchild)).toBe(false);
  });
});
