/**
 * The recording server of the differential harness: one port on 127.0.0.1 that answers HTTP,
 * WebSocket (any path but /socket.io/) and Socket.IO (any namespace), and records what it
 * received, in order. Its answers are fixed and the same for every client, so two tools that
 * send the same requests see the same responses and take the same paths through a flow.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Socket, Server as SocketIoServer } from 'socket.io';
import { type WebSocket, WebSocketServer } from 'ws';

export type RecordedEvent =
  | {
      readonly kind: 'http';
      readonly method: string;
      readonly path: string;
      readonly query: string;
      readonly headers: Readonly<Record<string, string | string[]>>;
      /** UTF-8 text, or `base64:` and the bytes when they are not valid UTF-8. */
      readonly body: string;
    }
  | {
      readonly kind: 'ws-connect';
      readonly connection: number;
      readonly path: string;
      readonly query: string;
      readonly headers: Readonly<Record<string, string | string[]>>;
    }
  | { readonly kind: 'ws-message'; readonly connection: number; readonly data: string }
  | { readonly kind: 'sio-connect'; readonly namespace: string; readonly auth: unknown }
  | {
      readonly kind: 'sio-event';
      readonly namespace: string;
      readonly event: string;
      readonly args: unknown[];
    };

export interface Recorder {
  /** `127.0.0.1:PORT`. */
  readonly host: string;
  readonly events: RecordedEvent[];
  close(): Promise<void>;
}

/** Paths whose answer sets a cookie, so cookie jars are exercised the same way in both tools. */
const SETS_COOKIE = /login|signin|sign-in|auth|session|cookie/i;

/** The JSON every HTTP request gets back: common capture targets, plus an echo of the request. */
function answer(method: string, path: string, query: string, body: string): string {
  let json: unknown = null;
  try {
    json = body === '' ? null : JSON.parse(body);
  } catch {
    json = null;
  }
  return JSON.stringify({
    id: 1,
    token: 'token-1',
    access_token: 'token-1',
    name: 'Artillery',
    username: 'new-user',
    ok: true,
    items: [{ id: 1 }, { id: 2 }],
    request: { method, path, query, json },
  });
}

export async function startRecorder(port = 0): Promise<Recorder> {
  const events: RecordedEvent[] = [];
  const server = createServer((request, response) => recordHttp(request, response, events));
  const wss = new WebSocketServer({ noServer: true });
  let connections = 0;
  server.on('upgrade', (request, socket, head) => {
    if ((request.url ?? '').startsWith('/socket.io/')) return;
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = ++connections;
      const [path = '', query = ''] = (request.url ?? '').split(/\?(.*)/s);
      events.push({ kind: 'ws-connect', connection, path, query, headers: plainHeaders(request) });
      echoWebSocket(ws, connection, events);
    });
  });
  const io = new SocketIoServer(server, { serveClient: false, cors: { origin: '*' } });
  // The main namespace is not one of the dynamic ones: both are listened to.
  io.on('connection', (socket) => recordSocketIo(socket, events));
  io.of(/^\/.+/).on('connection', (socket) => recordSocketIo(socket, events));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${bound}`,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        io.close();
        for (const client of wss.clients) client.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function recordHttp(request: IncomingMessage, response: ServerResponse, events: RecordedEvent[]): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const bytes = Buffer.concat(chunks);
    const text = bytes.toString('utf8');
    const body = Buffer.from(text, 'utf8').equals(bytes) ? text : `base64:${bytes.toString('base64')}`;
    const [path = '', query = ''] = (request.url ?? '').split(/\?(.*)/s);
    const method = request.method ?? '';
    events.push({ kind: 'http', method, path, query, headers: plainHeaders(request), body });
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (SETS_COOKIE.test(path)) headers['set-cookie'] = 'sid=recorded-session; Path=/';
    response.writeHead(200, headers);
    response.end(method === 'HEAD' ? undefined : answer(method, path, query, body));
  });
}

function echoWebSocket(ws: WebSocket, connection: number, events: RecordedEvent[]): void {
  ws.on('message', (data, isBinary) => {
    const text = isBinary ? `base64:${Buffer.from(data as Buffer).toString('base64')}` : String(data);
    events.push({ kind: 'ws-message', connection, data: text });
    ws.send(data, { binary: isBinary });
  });
}

/**
 * Socket.IO: every event is recorded; an acknowledgement gets the event's arguments back, and
 * the same arguments are emitted on the same event, on `echoed` and on `<event>Response` (the
 * names Artillery's own examples and test servers answer on).
 */
function recordSocketIo(socket: Socket, events: RecordedEvent[]): void {
  const namespace = socket.nsp.name;
  events.push({ kind: 'sio-connect', namespace, auth: socket.handshake.auth });
  socket.onAny((event: string, ...raw: unknown[]) => {
    const ack = typeof raw.at(-1) === 'function' ? (raw.pop() as (...args: unknown[]) => void) : undefined;
    events.push({ kind: 'sio-event', namespace, event, args: raw });
    if (ack) ack(...raw);
    for (const name of new Set([event, 'echoed', `${event}Response`])) socket.emit(name, ...raw);
  });
}

function plainHeaders(request: IncomingMessage): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) out[name] = value;
  return out;
}
