import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver does with one request: answer (after validating the body), or never answer. */
export type Behaviour =
  | { respond: number; body?: string; headers?: Record<string, string> }
  | { hang: true }
  | 'validate';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** Problems the payload validator found; empty when the payload is valid. */
  problems: string[];
}

/** Checks a payload, the way the real service would; returns what is wrong with it. */
export type PayloadValidator = (body: unknown) => string[];

/**
 * A real HTTP receiver on 127.0.0.1. Each path has a queue of behaviours, used one per request;
 * when the queue is empty it validates the payload and answers as the real service does.
 */
export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly server: Server;
  private readonly queues = new Map<string, Behaviour[]>();
  private readonly validators = new Map<string, { validate: PayloadValidator; ok: () => [number, string] }>();

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const body = parseJson(Buffer.concat(chunks).toString('utf8'));
        const route = this.validators.get(path);
        const problems = route ? route.validate(body) : [];
        this.requests.push({ path, headers: request.headers, body, problems });
        const behaviour = this.queues.get(path)?.shift() ?? 'validate';
        if (behaviour !== 'validate' && 'hang' in behaviour) return;
        if (behaviour !== 'validate') {
          response.writeHead(behaviour.respond, behaviour.headers).end(behaviour.body ?? '');
          return;
        }
        if (problems.length > 0) response.writeHead(400).end(`invalid_payload: ${problems.join('; ')}`);
        else if (route) response.writeHead(...route.ok()).end();
        else response.writeHead(200).end('ok');
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Validates requests to `path`; valid ones get `ok`'s status and body. */
  validate(path: string, validate: PayloadValidator, ok: () => [number, string] = () => [200, 'ok']): this {
    this.validators.set(path, { validate, ok });
    return this;
  }

  /** The next requests to `path` get these behaviours, in order. */
  script(path: string, ...behaviours: Behaviour[]): this {
    this.queues.set(path, [...(this.queues.get(path) ?? []), ...behaviours]);
    return this;
  }

  received(path: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
