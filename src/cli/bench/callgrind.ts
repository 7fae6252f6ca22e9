/**
 * Runs a benchmark child under valgrind's callgrind for `--mode instructions`
 * (src/bench/instructions.ts, instruction-regions.ts): collection is off at start and toggled on
 * only inside the marker function the child enters for each counted region, with a dump after
 * each. Node runs in V8's `--predictable` mode (compilation and garbage collection on the main
 * thread, where they are counted, with no time-based heuristics) with fixed random and hash seeds
 * and a fixed young generation (its size would otherwise follow measured allocation rates), so
 * unchanged code gives the same count however busy the machine is: three runs of the demo's JSON
 * benchmarks agreed to 0.01 % (without the fixed young generation: 1.3 %).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerfgateError } from '../../core/errors.js';
import type { ChildRequest } from './child-protocol.js';
import { bundleForCount } from './count-bundle.js';
import { CALLGRIND_OUT_ENV, MARKER_FUNCTION, type RegionReport } from './instruction-regions.js';
import { type ChildOptions, failure, spawnChild } from './process-runner.js';

/** V8 flags that make a process's instruction stream repeatable (see the module comment). */
export const DETERMINISTIC_NODE_FLAGS = [
  '--predictable',
  '--random-seed=1',
  '--hash-seed=1',
  '--min-semi-space-size=16',
  '--max-semi-space-size=16',
];

export function callgrindArguments(outFile: string, logFile: string): string[] {
  return [
    '--tool=callgrind',
    '--collect-atstart=no',
    `--toggle-collect=${MARKER_FUNCTION}`,
    `--dump-after=${MARKER_FUNCTION}`,
    `--callgrind-out-file=${outFile}`,
    `--log-file=${logFile}`,
  ];
}

/** Whether `valgrind` runs here. */
export function valgrindInstalled(): boolean {
  const probe = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0;
}

/** Throws a clear error when valgrind is not installed (instructions mode needs it). */
export function requireValgrind(): void {
  if (!valgrindInstalled()) {
    throw new PerfgateError(
      'BENCHMARK_FAILED',
      '--mode instructions needs valgrind, which is not installed',
      {
        hint: 'install it (Debian: apt-get install valgrind), or use --mode wall',
      },
    );
  }
}

/** Counts the instructions per call of `request`'s benchmarks in one process under callgrind. */
export async function countInstructions(
  request: ChildRequest,
  options: ChildOptions,
): Promise<RegionReport[]> {
  const dir = mkdtempSync(join(tmpdir(), 'perfgate-callgrind-'));
  const outFile = join(dir, 'callgrind.out');
  const bundle = await bundleForCount(request.file);
  try {
    const response = await spawnChild(
      { ...request, file: bundle?.file ?? request.file, mode: 'instructions' },
      { ...options, env: { ...options.env, [CALLGRIND_OUT_ENV]: outFile } },
      {
        wrapper: ['valgrind', ...callgrindArguments(outFile, join(dir, 'valgrind.log'))],
        nodeFlags: DETERMINISTIC_NODE_FLAGS,
      },
    );
    if (response.state !== 'regions') {
      throw failure(request.file, 'the process under callgrind answered with times, not counts');
    }
    return response.regions;
  } finally {
    bundle?.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}
