import { existsSync, readFileSync, statSync } from 'node:fs';

/** Everything the CLI takes from the outside world, so commands can be run in-process by tests. */
export interface CliIo {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: Writable;
  stderr: Writable;
  /** Registers a handler for SIGINT/SIGTERM; returns a function that removes it. */
  onSignal(handler: (signal: 'SIGINT' | 'SIGTERM') => void): () => void;
  readFile(path: string): string;
  fileExists(path: string): boolean;
  isDirectory(path: string): boolean;
}

export interface Writable {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function processIo(): CliIo {
  return {
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    onSignal(handler) {
      const listener = (signal: NodeJS.Signals) => handler(signal === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
    readFile: (path) => readFileSync(path, 'utf8'),
    fileExists: (path) => existsSync(path),
    isDirectory: (path) => existsSync(path) && statSync(path).isDirectory(),
  };
}
