/** Reading what `perfgate report` needs from disk: results files and uPlot's browser assets. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { PerfgateError } from '../../core/errors.js';
import type { HtmlAssets, ResultsInput } from '../../report/index.js';
import type { CliIo } from '../io.js';

export interface ReadResults {
  inputs: ResultsInput[];
  /** SHA-256 over the files' contents: the same results are recorded in history once. */
  runKey: string;
}

export function readResultsFiles(io: CliIo, files: readonly string[]): ReadResults {
  const hash = createHash('sha256');
  const inputs = files.map((file) => {
    const path = resolve(io.cwd, file);
    if (!io.fileExists(path)) {
      throw new PerfgateError('FILE_NOT_FOUND', `results file ${file} does not exist`);
    }
    const text = io.readFile(path);
    hash.update(text).update('\0');
    try {
      return { source: file, json: JSON.parse(text) as unknown };
    } catch (error) {
      throw new PerfgateError(
        'REPORT_INPUT_INVALID',
        `${file} is not valid JSON: ${(error as Error).message}`,
      );
    }
  });
  return { inputs, runKey: hash.digest('hex') };
}

/** uPlot's IIFE build and stylesheet, read from the installed package at generation time. */
export function readUplotAssets(): HtmlAssets {
  const require = createRequire(import.meta.url);
  const read = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
  return { uplotJs: read('uPlot.iife.min.js'), uplotCss: read('uPlot.min.css') };
}
