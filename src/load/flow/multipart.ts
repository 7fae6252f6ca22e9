/**
 * `formData` bodies: which requests send one, and their encoding, with files read when sent.
 */
import { basename, resolve } from 'node:path';
import type { HttpRequestSpec } from '../contracts.js';
import type { FormDataField } from '../script/model.js';
import { stringify } from '../template/compile.js';
import type { RenderedParams } from './request-params.js';

/** The `formData` fields when they are the request's body (`json`, `form` and `body` come first). */
export function multipartFields(params: RenderedParams): Record<string, unknown> | undefined {
  if (params.json !== undefined || params.form !== undefined || params.body !== undefined) return undefined;
  return params.formData;
}

/** Reads a file to upload when the request is sent (a templated `fromFile`); injected by the caller. */
export type ReadUpload = (absolutePath: string) => Promise<Uint8Array>;

/**
 * The request with a `multipart/form-data` body. Encoded by the platform's own FormData
 * serialiser (boundary, name escaping, part headers), which is why this step is async. A file
 * part's type, unless the script gives one, is looked up from its name as Artillery's form-data
 * does (`image/jpeg` for `.jpg`, else `application/octet-stream`).
 */
export async function withMultipartBody(
  spec: HttpRequestSpec,
  fields: Record<string, unknown>,
  files: Readonly<Record<string, Uint8Array>>,
  readUpload: ReadUpload | undefined,
): Promise<HttpRequestSpec> {
  const form = new FormData();
  for (const [name, raw] of Object.entries(fields)) {
    const field = raw as FormDataField;
    if (field.kind === 'text') {
      form.append(name, stringify(field.value));
      continue;
    }
    const path = field.resolvedPath ?? resolve(field.baseDir, stringify(field.fromFile));
    const bytes = files[path] ?? (await readFileToUpload(path, readUpload));
    const type = field.contentType ?? ((await mimeTypes()).lookup(path) || 'application/octet-stream');
    form.append(name, new Blob([bytes], { type }), field.filename ?? basename(path));
  }
  const encoded = new Response(form);
  const body = new Uint8Array(await encoded.arrayBuffer());
  const headers = { ...spec.headers };
  // The boundary is ours: a content-type without one (`multipart/form-data`) is replaced.
  if (!headers['content-type']?.includes('boundary='))
    headers['content-type'] = encoded.headers.get('content-type') ?? '';
  return { ...spec, headers, body };
}

async function readFileToUpload(path: string, readUpload: ReadUpload | undefined): Promise<Uint8Array> {
  if (!readUpload) throw Object.assign(new Error(`cannot read ${path}`), { code: 'ENOENT' });
  return readUpload(path);
}

/** mime-types (and its 200 kB database) is loaded by the first upload, not by every load run. */
async function mimeTypes(): Promise<typeof import('mime-types')> {
  const module = (await import('mime-types')) as typeof import('mime-types') & {
    default?: typeof import('mime-types');
  };
  return module.default ?? module;
}
