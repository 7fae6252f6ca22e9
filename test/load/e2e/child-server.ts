import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface ChildServer {
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts a test server in its own process (`node FILE ARGS…`); it prints its port first. */
export async function startChildServer(file: string, args: string[] = []): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [file, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const [first] = (await once(lines, 'line')) as [string];
  lines.close();
  return {
    port: Number(first),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
