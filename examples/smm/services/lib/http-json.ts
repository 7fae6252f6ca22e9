import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bodies above this are refused: the demo APIs take small JSON documents only. */
const MAX_BODY_BYTES = 1024 * 1024;

/** An error that already knows its HTTP answer; handlers throw it, the server renders it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: readonly string[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export type ServiceResponse =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'text'; status: number; text: string; contentType: string };

export function json(status: number, body: unknown, headers?: Record<string, string>): ServiceResponse {
  return headers === undefined ? { kind: 'json', status, body } : { kind: 'json', status, body, headers };
}

export function errorResponse(error: HttpError): ServiceResponse {
  const body =
    error.issues.length > 0 ? { error: error.message, issues: error.issues } : { error: error.message };
  return json(error.status, body, { ...error.headers });
}

export function writeResponse(res: ServerResponse, response: ServiceResponse): void {
  if (res.headersSent || res.destroyed) return;
  if (response.kind === 'text') {
    res.writeHead(response.status, { 'content-type': response.contentType });
    res.end(response.text);
    return;
  }
  const payload = JSON.stringify(response.body);
  res.writeHead(response.status, {
    ...response.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** Reads and parses a JSON body; an empty body counts as malformed because every POST/PUT needs one. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'malformed JSON body');
  }
}
