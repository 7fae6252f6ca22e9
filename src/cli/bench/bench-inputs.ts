/** The inputs of `perfgate bench`: flags folded into the config, and the bench files to run. */
import { basename, resolve } from 'node:path';
import { formatIssue, type PerfgateConfig } from '../../config/index.js';
import { PerfgateError } from '../../core/errors.js';
import { readConfig } from '../config-file.js';
import type { CommandContext } from '../context.js';
import type { Output } from '../output.js';
import type { CommandReportOptions } from '../report/report-flags.js';
import { discoverEveryPattern } from './discover.js';

export interface BenchOptions extends CommandReportOptions {
  updateBaselines?: boolean;
  threshold?: string;
  compareRef?: string;
  output?: string;
  processes?: string;
  maxProcesses?: string;
  gc?: boolean;
  mode?: string;
  tieBreak?: string;
  /** Set by `perfgate run`: baselines are recorded there in passing, within the run's time budget. */
  withinPipeline?: boolean;
}

function positiveNumber(flag: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `${flag} must be a positive ${integer ? 'integer' : 'number'}, got "${text}"`,
    );
  }
  return value;
}

function benchMode(text: string | undefined): 'wall' | 'instructions' | undefined {
  if (text === undefined || text === 'wall' || text === 'instructions') return text;
  throw new PerfgateError('INVALID_ARGUMENT', `--mode must be wall or instructions, got "${text}"`);
}

function tieBreak(text: string | undefined): 'auto' | 'instructions' | 'off' | undefined {
  if (text === undefined || text === 'auto' || text === 'instructions' || text === 'off') return text;
  throw new PerfgateError('INVALID_ARGUMENT', `--tie-break must be auto, instructions or off, got "${text}"`);
}

function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

/** The config (file optional: defaults apply) with flags over env vars over the file. */
export function loadBenchConfig(
  io: CommandContext['io'],
  output: Output,
  options: BenchOptions & { config?: string; env?: string },
): PerfgateConfig {
  const flags = {
    regression: defined({
      threshold: positiveNumber('--threshold', options.threshold, false),
      updateBaselines: options.updateBaselines ? true : undefined,
    }),
    benchmarks: defined({
      processes: positiveNumber('--processes', options.processes, true),
      maxProcesses: positiveNumber('--max-processes', options.maxProcesses, true),
      mode: benchMode(options.mode),
      tieBreak: tieBreak(options.tieBreak),
    }),
  };
  const { path, result } = readConfig(io, {
    config: options.config,
    env: options.env,
    flags,
    required: false,
    logger: output.logger,
  });
  if (result.state === 'ok') return result.config;
  for (const issue of result.issues) output.error(formatIssue(issue));
  throw new PerfgateError(
    'CONFIG_INVALID',
    `${path ?? 'the configuration'} has ${result.issues.length} problem(s)`,
    {
      hint: 'fix them, then check with `perfgate validate`',
    },
  );
}

/** Files named on the command line (relative to cwd), else those `benchmarks.files` matches. */
export function benchFiles(
  io: CommandContext['io'],
  config: PerfgateConfig,
  named: readonly string[],
): string[] {
  if (named.length > 0) {
    return named.map((name) => {
      const path = resolve(io.cwd, name);
      if (!io.fileExists(path) || io.isDirectory(path)) {
        throw new PerfgateError('FILE_NOT_FOUND', `benchmark file not found: ${path}`);
      }
      return path;
    });
  }
  return discoverEveryPattern(config.dir, config.benchmarks.files);
}

/** Suite name per file: the file name without `.bench.ts` (or the extension); must be unique. */
export function suiteNames(files: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const file of files) {
    const name = basename(file).replace(/(\.bench)?\.[cm]?[jt]sx?$/, '');
    const other = seen.get(name);
    if (other !== undefined) {
      throw new PerfgateError(
        'INVALID_ARGUMENT',
        `two bench files give the suite name "${name}": ${other} and ${file}`,
        {
          hint: 'rename one; the suite name keys its baseline file',
        },
      );
    }
    seen.set(name, file);
    names.set(file, name);
  }
  return names;
}
