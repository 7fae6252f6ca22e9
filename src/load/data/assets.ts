import type { FormDataField, LoadScript, LocatedIssue, PayloadSpec, Step } from '../script/model.js';
import { type CsvCell, parsePayloadCsv } from './csv.js';

export interface LoadedPayload {
  readonly spec: PayloadSpec;
  readonly rows: readonly (readonly CsvCell[])[];
}

/** The script's external data, read once by the caller and handed to `createVuRunner`. */
export interface ScriptAssets {
  readonly payloads: readonly LoadedPayload[];
  /** `formData` files by their resolved path (as in the script model). */
  readonly files?: Readonly<Record<string, Uint8Array>>;
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
  readBytes?: (path: string) => Promise<Uint8Array>,
): Promise<LoadAssetsResult> {
  const issues: LocatedIssue[] = [];
  const files: Record<string, Uint8Array> = {};
  for (const upload of uploadFiles(script)) {
    if (upload.resolvedPath === undefined) continue; // templated: read per request
    try {
      if (!readBytes) throw new Error('no file reader given');
      files[upload.resolvedPath] ??= await readBytes(upload.resolvedPath);
    } catch (error) {
      const message = `cannot read ${upload.resolvedPath} (formData fromFile: ${upload.fromFile}): ${(error as Error).message}`;
      issues.push({ file: script.file, line: 0, col: 0, path: [], message });
    }
  }
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
  if (issues.length > 0) return { state: 'invalid', issues };
  return { state: 'ok', assets: Object.keys(files).length > 0 ? { payloads, files } : { payloads } };
}

type FileField = Extract<FormDataField, { kind: 'file' }>;

/** Every `formData` file of the script's flows (scenarios, before, after), loops and parallels included. */
export function uploadFiles(script: LoadScript): FileField[] {
  const found: FileField[] = [];
  const visit = (steps: readonly Step[]): void => {
    for (const step of steps) {
      if (step.kind === 'request') {
        for (const field of Object.values(step.formData ?? {})) if (field.kind === 'file') found.push(field);
      } else if (step.kind === 'loop' || step.kind === 'parallel') visit(step.steps);
    }
  };
  for (const scenario of script.scenarios) visit(scenario.flow);
  if (script.before) visit(script.before.flow);
  if (script.after) visit(script.after.flow);
  return found;
}

/** Builds assets from rows already in memory (library callers and tests). */
export function assetsFromRows(script: LoadScript, rows: readonly (readonly CsvCell[])[][]): ScriptAssets {
  return { payloads: script.payloads.map((spec, index) => ({ spec, rows: rows[index] ?? [] })) };
}
