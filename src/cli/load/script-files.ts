import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ScriptAssets } from '../../load/data/assets.js';
import { loadScriptAssets } from '../../load/data/assets.js';
import { loadProcessor } from '../../load/flow/load-processor.js';
import type { ProcessorModule } from '../../load/flow/processor.js';
import { formatScriptIssue } from '../../load/script/issues.js';
import type { LoadScript } from '../../load/script/model.js';
import { parseScript } from '../../load/script/parse.js';
import type { CliIo } from '../io.js';

export type LoadedScript =
  | { state: 'ok'; script: LoadScript; assets: ScriptAssets; processor?: ProcessorModule }
  | { state: 'invalid'; messages: string[] };

export interface ScriptOptions {
  readonly environment?: string;
  readonly target?: string;
}

let tsxRegistered = false;

/** Imports a processor module; `.ts`/`.mts` processors go through tsx (registered once). */
export async function importModule(path: string): Promise<unknown> {
  if (/\.[cm]?ts$/.test(path) && !tsxRegistered) {
    const { register } = await import('tsx/esm/api');
    register();
    tsxRegistered = true;
  }
  return import(pathToFileURL(path).href);
}

/** Reads and parses the script, its CSV payloads and its processor: every problem as FILE:LINE:COL. */
export async function loadScriptFiles(
  io: CliIo,
  file: string,
  options: ScriptOptions,
): Promise<LoadedScript> {
  const path = resolve(io.cwd, file);
  if (!io.fileExists(path)) return { state: 'invalid', messages: [`${file}: no such file`] };
  const shown = relative(io.cwd, path) || path;
  const parsed = parseScript(io.readFile(path), shown, {
    env: io.env,
    ...(options.environment === undefined ? {} : { environment: options.environment }),
    ...(options.target === undefined ? {} : { targetOverride: options.target }),
  });
  if (parsed.state === 'invalid') return { state: 'invalid', messages: parsed.issues.map(formatScriptIssue) };
  const script = withAbsolutePaths(parsed.script, io.cwd);
  const assets = await loadScriptAssets(script, (p) => readFile(p, 'utf8'));
  if (assets.state === 'invalid') return { state: 'invalid', messages: assets.issues.map(formatScriptIssue) };
  const processor = await loadProcessor(script, importModule);
  if (processor.state === 'invalid')
    return { state: 'invalid', messages: [`${shown}: ${processor.message}`] };
  return {
    state: 'ok',
    script,
    assets: assets.assets,
    ...(processor.processor === undefined ? {} : { processor: processor.processor }),
  };
}

/** The parser resolves paths against the script's directory as given; make them absolute for workers. */
function withAbsolutePaths(script: LoadScript, cwd: string): LoadScript {
  return {
    ...script,
    payloads: script.payloads.map((p) => ({ ...p, resolvedPath: resolve(cwd, p.resolvedPath) })),
    ...(script.processorPath === undefined ? {} : { processorPath: resolve(cwd, script.processorPath) }),
  };
}
