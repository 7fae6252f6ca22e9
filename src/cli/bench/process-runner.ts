/**
 * Runs one benchmark child process (child.ts) and parses its answer. TypeScript bench files (and
 * the child itself when perfgate runs from source) load through tsx, resolved from perfgate's own
 * dependencies so users need no loader of their own. `--expose-gc` lets the child collect garbage
 * between samples and measure heap deltas after a collection. `prefix` runs the child under
 * another program (valgrind, in callgrind.ts).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProcessResult } from '../../bench/session.js';
import { PerfgateError } from '../../core/errors.js';
import { type ChildRequest, type ChildResponse, RESULT_MARKER } from './child-protocol.js';

const TYPESCRIPT = /\.[cm]?tsx?$/;
const STDERR_TAIL_CHARS = 2_000;

export interface ChildOptions {
  /** The child entry; default: child.js (or child.ts when running from source) beside this module. */
  childEntry?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Working directory of the child (the bench file's project). */
  cwd: string;
  signal?: AbortSignal;
  /** Runs the child under this command (e.g. `taskset -c 1`: cpu-pin.ts). */
  prefix?: readonly string[];
}

/** The child entry beside this module, in the same flavour (.js from dist, .ts from source). */
export function defaultChildEntry(): string {
  const self = fileURLToPath(import.meta.url);
  return self.replace(/process-runner\.(ts|js)$/, 'child.$1');
}

/** `node` arguments for the child: the tsx loader when needed, `nodeFlags`, the entry and the request. */
export function nodeArguments(
  entry: string,
  request: ChildRequest,
  nodeFlags: readonly string[] = [],
): string[] {
  const needsTsx = TYPESCRIPT.test(entry) || TYPESCRIPT.test(request.file);
  const loader = needsTsx
    ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
    : [];
  return [...loader, '--expose-gc', ...nodeFlags, entry, JSON.stringify(request)];
}

function parseResponse(stdout: string): ChildResponse | undefined {
  const line = stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_MARKER));
  return line === undefined ? undefined : (JSON.parse(line.slice(RESULT_MARKER.length)) as ChildResponse);
}

export interface SpawnSpec {
  /** A program node runs under (valgrind and its arguments), after the options' prefix. */
  wrapper?: readonly string[];
  nodeFlags?: readonly string[];
}

/** Runs the child for `request` and resolves with its answer (ok or regions); rejects on errors. */
export function spawnChild(
  request: ChildRequest,
  options: ChildOptions,
  spec: SpawnSpec = {},
): Promise<ChildResponse> {
  const entry = options.childEntry ?? defaultChildEntry();
  const [file = process.execPath, ...args] = [
    ...(options.prefix ?? []),
    ...(spec.wrapper ?? []),
    process.execPath,
    ...nodeArguments(entry, request, spec.nodeFlags),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new PerfgateError('BENCHMARK_FAILED', `${file} is not installed`, {
              hint: `install it (Debian: apt-get install ${file === 'taskset' ? 'util-linux' : file})`,
            })
          : failure(request.file, error.message),
      ),
    );
    child.on('close', (code) => {
      const response = parseResponse(stdout);
      if (response?.state === 'errored') {
        const where = response.benchmark ? ` › ${response.benchmark}` : '';
        return reject(failure(`${request.file}${where}`, response.message));
      }
      if (response !== undefined) return resolve(response);
      reject(
        failure(request.file, `the process exited with code ${code} without a result\n${stderr.trim()}`),
      );
    });
  });
}

/** Measures `request` in a fresh process; rejects with BENCHMARK_FAILED naming the file (and benchmark). */
export async function runChildProcess(request: ChildRequest, options: ChildOptions): Promise<ProcessResult> {
  const response = await spawnChild(request, options);
  if (response.state !== 'ok') throw failure(request.file, 'answered with instruction counts, not times');
  const { measurements, calibration } = response;
  return { measurements, ...(calibration ? { calibration } : {}) };
}

export function failure(where: string, detail: string): PerfgateError {
  return new PerfgateError('BENCHMARK_FAILED', `benchmark failed in ${where}: ${detail}`, {
    hint: 'run the file with `node --import tsx FILE` to see it fail on its own',
  });
}
