export interface JsonReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly elapsedMs: number;
}

/** One HTTP call with a JSON body (a string is sent verbatim, to test malformed JSON). */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<JsonReply> {
  const startedAt = performance.now();
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  const elapsedMs = performance.now() - startedAt;
  const isJson = response.headers.get('content-type')?.includes('application/json') === true;
  return {
    status: response.status,
    headers: response.headers,
    body: isJson ? JSON.parse(text) : text,
    elapsedMs,
  };
}

/** Narrows a JSON reply body for property access in assertions. */
export function record(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null)
    throw new Error(`expected a JSON object, got ${String(body)}`);
  return body as Record<string, unknown>;
}

export async function scrapeMetrics(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`);
  return response.text();
}

/**
 * The value of one series in Prometheus text format, e.g.
 * `metricValue(text, 'simulation_runs_total', { status: 'failed' })`; undefined when absent.
 */
export function metricValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return undefined;
}
