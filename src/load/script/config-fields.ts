/** Readers of single `config` fields of a script: target, processor, engines, perfgate's faults. */
import { dirname, resolve } from 'node:path';
import type { Fault } from '../faults/model.js';
import { describePhases, faultsFromConfig, faultsSchema, findPhase, phaseWindows } from '../faults/spec.js';
import type { LoadScript } from './model.js';
import { isRecord, type ScriptReader } from './reader.js';
import { SUPPORTED_ENGINES } from './scenarios.js';

/** perfgate's `config.faults` (see load/faults/spec.ts): every issue reported at its path. */
export function readFaults(
  reader: ScriptReader,
  raw: unknown,
  phases: LoadScript['phases'],
): { faults?: Fault[] } {
  if (raw === undefined) return {};
  const parsed = faultsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
      reader.fail(['config', 'faults', ...at], issue.message);
    }
    return {};
  }
  const windows = phaseWindows(phases);
  let unknown = false;
  for (const [index, fault] of parsed.data.entries()) {
    if (fault.phase === undefined || findPhase(windows, fault.phase) !== undefined) continue;
    unknown = true;
    reader.fail(
      ['config', 'faults', index, 'phase'],
      `no phase ${JSON.stringify(fault.phase)}: the phases are ${describePhases(windows)}`,
    );
  }
  return unknown ? {} : { faults: faultsFromConfig(parsed.data, windows) };
}

export function readTarget(reader: ScriptReader, raw: unknown): string | undefined {
  if (raw === undefined) {
    return reader.fail(
      ['config', 'target'],
      'no target: set config.target, pick an environment that has one, or pass --target',
    );
  }
  const target = reader.string(['config', 'target'], raw);
  if (target === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return reader.fail(['config', 'target'], `"${target}" is not a URL such as http://localhost:8080`);
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    reader.warn(
      `config.target: "${target}" is neither an http(s) nor a ws(s) URL; the http, ws and socketio engines cannot reach it`,
    );
  }
  return target;
}

export function readProcessorPath(
  reader: ScriptReader,
  raw: unknown,
  file: string,
  resolveProcessor: ((written: string) => string) | undefined,
): string | undefined {
  if (raw === undefined) return undefined;
  const path = reader.string(['config', 'processor'], raw);
  if (path === undefined) return undefined;
  return resolveProcessor ? resolveProcessor(path) : resolve(dirname(file), path);
}

export function warnEngines(reader: ScriptReader, engines: unknown): void {
  if (!isRecord(engines)) return;
  for (const name of Object.keys(engines)) {
    if (!SUPPORTED_ENGINES.has(name))
      reader.warn(`config.engines.${name}: perfgate does not run the "${name}" engine`);
  }
}
