import { type ChildProcess, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Clock } from '../../core/clock.js';
import { PerfgateError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { guardGroup, releaseGroup } from './exit-guard.js';
import { type OutputStream, OutputTail } from './output-tail.js';
import { terminateGroup } from './process-group.js';
import { KILL_WAIT_MS, OUTPUT_SETTLE_MS, OUTPUT_TAIL_LINES } from './tunables.js';
import type { ExitInfo, ServiceSpec } from './types.js';

/** A running start command: the leader of its own process group, its output tail, its exit. */
export interface ServiceProcess {
  /** Process id of `sh -c <start>`, which is also the id of its process group. */
  readonly pid: number;
  /** Settles (never rejects) when the leader exits; its group may live on. */
  readonly exited: Promise<ExitInfo>;
  /** How the leader exited, once it has. */
  exitInfo(): ExitInfo | undefined;
  /** The last lines of stdout+stderr, oldest first. */
  outputLines(): string[];
  /** Terminates the whole group (SIGTERM, grace, SIGKILL) and collects the last output; idempotent, never rejects. */
  stop(): Promise<void>;
}

export interface SpawnDeps {
  logger: Logger;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
}

/**
 * Runs `command` with `sh -c` in its own process group (`detached`), stdio piped into an output tail
 * whose lines go to `logger.debug` as `[name] line`, the group under the exit guard.
 * Rejects with SERVICE_START_FAILED when the process cannot be spawned (or `cwd` is not a directory).
 */
export async function spawnServiceProcess(
  spec: ServiceSpec,
  command: string,
  deps: SpawnDeps,
): Promise<ServiceProcess> {
  if (spec.cwd !== undefined && !isDirectory(spec.cwd)) {
    throw startFailed(spec, command, `working directory ${spec.cwd} does not exist`);
  }
  const output = new OutputTail(OUTPUT_TAIL_LINES, (line) => deps.logger.debug(`[${spec.name}] ${line}`));
  const child = spawn('sh', ['-c', command], {
    cwd: spec.cwd,
    env: childEnv(deps.env, spec.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { exited, closed, exitInfo } = watchExit(child);
  collect(child.stdout, 'stdout', output);
  collect(child.stderr, 'stderr', output);
  const pid = await spawned(child).catch((error: unknown) => {
    throw startFailed(spec, command, error instanceof Error ? error.message : String(error), error);
  });
  guardGroup(pid);
  deps.logger.debug(`[${spec.name}] started pid ${pid}: ${command}`);
  let stopping: Promise<void> | undefined;
  const stopOnce = async () => {
    const how = await terminateGroup(pid, spec.stopTimeoutMs, deps.clock);
    await within(exited, KILL_WAIT_MS, deps.clock);
    await within(closed, OUTPUT_SETTLE_MS, deps.clock);
    output.end('stdout');
    output.end('stderr');
    child.stdout?.destroy();
    child.stderr?.destroy();
    if (how === 'survived') deps.logger.warn(`service '${spec.name}': process group ${pid} survived SIGKILL`);
    else releaseGroup(pid);
    deps.logger.debug(`[${spec.name}] stopped (${how})`);
  };
  return {
    pid,
    exited,
    exitInfo,
    outputLines: () => output.lines(),
    stop: () => (stopping ??= stopOnce()),
  };
}

/** The leader's exit (recorded for `exitInfo`) and the closing of its stdio. Listen before the first await. */
function watchExit(child: ChildProcess) {
  let exit: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
  });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return { exited, closed, exitInfo: () => exit };
}

function spawned(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('spawn', () => {
      child.off('error', reject);
      if (child.pid === undefined) reject(new Error('no process id'));
      else resolve(child.pid);
    });
  });
}

function collect(stream: Readable | null, name: OutputStream, output: OutputTail): void {
  if (!stream) return;
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => output.write(name, chunk));
  stream.once('end', () => output.end(name));
  stream.on('error', () => output.end(name));
}

function childEnv(
  inherited: Readonly<Record<string, string | undefined>>,
  added: Record<string, string> | undefined,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(inherited)) if (value !== undefined) env[key] = value;
  return { ...env, ...added };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Waits for `promise`, but at most `ms`; the timer does not outlive the wait. */
async function within(promise: Promise<unknown>, ms: number, clock: Clock): Promise<void> {
  const timer = new AbortController();
  await Promise.race([promise, clock.sleep(ms, timer.signal).catch(() => {})]);
  timer.abort();
}

function startFailed(spec: ServiceSpec, command: string, reason: string, cause?: unknown): PerfgateError {
  return new PerfgateError(
    'SERVICE_START_FAILED',
    `service '${spec.name}': could not start \`${command}\`: ${reason}`,
    {
      hint: spec.cwd ? `check the command and its working directory (${spec.cwd})` : 'check the command',
      cause,
    },
  );
}
