import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** examples/smm: services are started from here, exactly as the README says. */
const SMM_DIR = fileURLToPath(new URL('../..', import.meta.url));
const STARTUP_TIMEOUT_MS = 15_000;
/** After SIGTERM a service must be gone within ~2 s; past this it is killed and the test fails. */
const STOP_TIMEOUT_MS = 3_000;
const LISTENING_LINE = /^smm (\S+) listening on (http:\/\/127\.0\.0\.1:(\d+))$/m;

export type ServiceName = 'model-router' | 'toolhub' | 'workspace' | 'simulation';

export interface ServiceProcess {
  readonly name: ServiceName;
  readonly baseUrl: string;
  readonly child: ChildProcess;
  stderr(): string;
  /** Sends `signal` (SIGTERM), then waits; resolves with the exit code (SIGKILL after a timeout gives null). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<ChildProcess>();

// A crashed test run must not leave services behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (isRunning(child)) {
    const exited = once(child, 'exit');
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  running.delete(child);
  return child.exitCode;
}

/** Environment for a child: inherited, minus any fault knobs of the caller, plus test settings. */
function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', SMM_SEED: 'perfgate-tests' };
  for (const key of Object.keys(env)) if (key.startsWith('SMM_FAULT_')) delete env[key];
  return { ...env, ...overrides };
}

export function spawnService(name: ServiceName, env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', `./services/${name}.ts`], {
    cwd: SMM_DIR,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Starts a service on a free port (PORT=0) and resolves once it prints its listening line. */
export async function startService(
  name: ServiceName,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const child = spawnService(name, env);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${stderr}`)), STARTUP_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = LISTENING_LINE.exec(stdout);
      if (match?.[2] === undefined) return;
      clearTimeout(timer);
      resolve(match[2]);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening: ${stderr}`));
    });
  });
  return { name, baseUrl, child, stderr: () => stderr, stop: (signal) => stopChild(child, signal) };
}

/** Waits for a child that is expected to exit on its own; returns its code and stderr. */
export async function waitForExit(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  if (isRunning(child)) await once(child, 'exit');
  return { code: child.exitCode, stderr };
}
