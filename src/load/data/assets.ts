import type { LoadScript, LocatedIssue, PayloadSpec } from '../script/model.js';
import { type CsvCell, parsePayloadCsv } from './csv.js';

export interface LoadedPayload {
  readonly spec: PayloadSpec;
  readonly rows: readonly (readonly CsvCell[])[];
}

/** The script's external data, read once by the caller and handed to `createVuRunner`. */
export interface ScriptAssets {
  readonly payloads: readonly LoadedPayload[];
}

export type LoadAssetsResult =
  | { state: 'ok'; assets: ScriptAssets }
  | { state: 'invalid'; issues: LocatedIssue[] };

/**
 * Reads and parses every payload CSV. File access is injected (only `cli/` touches the file
 * system); every unreadable or malformed file is reported, not just the first.
 */
export async function loadScriptAssets(
  script: LoadScript,
  readFile: (absolutePath: string) => Promise<string>,
): Promise<LoadAssetsResult> {
  const issues: LocatedIssue[] = [];
  const payloads: LoadedPayload[] = [];
  for (const [index, spec] of script.payloads.entries()) {
    const path =
      script.payloads.length > 1 ? ['config', 'payload', index, 'path'] : ['config', 'payload', 'path'];
    let text: string;
    try {
      text = await readFile(spec.resolvedPath);
    } catch (error) {
      issues.push({
        file: script.file,
        line: 0,
        col: 0,
        path,
        message: `cannot read ${spec.resolvedPath}: ${(error as Error).message}`,
      });
      continue;
    }
    const parsed = await parsePayloadCsv(text, spec);
    if (parsed.state === 'invalid') issues.push(parsed.issue);
    else payloads.push({ spec, rows: parsed.rows });
  }
  return issues.length > 0 ? { state: 'invalid', issues } : { state: 'ok', assets: { payloads } };
}

/** Builds assets from rows already in memory (library callers and tests). */
export function assetsFromRows(script: LoadScript, rows: readonly (readonly CsvCell[])[][]): ScriptAssets {
  return { payloads: script.payloads.map((spec, index) => ({ spec, rows: rows[index] ?? [] })) };
}
