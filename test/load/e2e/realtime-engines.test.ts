/**
 * `engine: ws` and `engine: socketio` end to end: `perfgate load` against real WebSocket and
 * Socket.IO servers on 127.0.0.1, as Artillery's own engines would be driven (send, emit with an
 * acknowledgement, response matching, captures from messages, loops, think), with Artillery's
 * metric names in the results.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server as SocketIoServer } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { runInProcess } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'perfgate-realtime-'));
let http: Server;
let port: number;
const wsReceived: string[] = [];
const sioReceived: unknown[][] = [];

beforeAll(async () => {
  http = createServer();
  // WebSocket on /ws: answers each message with a JSON echo (a capture source).
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      const text = data.toString();
      wsReceived.push(text);
      socket.send(JSON.stringify({ echo: text, id: `id-${wsReceived.length}` }));
    });
  });
  const io = new SocketIoServer(http);
  http.on('upgrade', (request, socket, head) => {
    if (request.url?.startsWith('/ws'))
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws));
  });
  io.on('connection', (socket) => {
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as (...a: unknown[]) => void) : undefined;
      sioReceived.push([event, ...args]);
      if (ack) ack({ ok: true, got: args[0] });
      else socket.emit('echoed', args[0]);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  port = (http.address() as AddressInfo).port;
});
afterAll(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
});

function run(name: string, text: string) {
  writeFileSync(join(dir, name), text);
  const out = `${name}.json`;
  return runInProcess(['load', name, '-o', out, '--workers', '1', '--allow-saturated'], { cwd: dir }).then(
    (result) => ({ ...result, results: JSON.parse(readFileSync(join(dir, out), 'utf8')) }),
  );
}

describe('realtime engines', () => {
  it('ws: sends, captures from a reply, loops and thinks, with Artillery metric names', async () => {
    const { code, results } = await run(
      'ws.yml',
      `config:
  target: ws://127.0.0.1:${port}/ws
  phases: [ { duration: 1, arrivalCount: 1 } ]
scenarios:
  - engine: ws
    flow:
      - send: { payload: "hello", capture: { json: "$.id", as: firstId } }
      - loop:
          - send: "again {{ firstId }} {{ $loopCount }}"
          - think: 0.05
        count: 2
`,
    );
    expect(code).toBe(0);
    expect(wsReceived).toEqual(['hello', 'again id-1 0', 'again id-1 1']);
    expect(results.aggregate.counters['websocket.messages_sent']).toBe(3);
    expect(results.aggregate.counters['vusers.completed']).toBe(1);
    expect(results.aggregate.summaries['perfgate.websocket.duration'].count).toBeGreaterThan(0);
  });

  it('socketio: emits with an acknowledgement and matches a response, with Artillery metric names', async () => {
    const { code, results } = await run(
      'sio.yml',
      `config:
  target: http://127.0.0.1:${port}
  phases: [ { duration: 1, arrivalCount: 1 } ]
scenarios:
  - engine: socketio
    flow:
      - emit: { channel: greet, data: "hi" }
        acknowledge: { capture: { json: "$.0.got", as: said } } # the ack arguments, as in Artillery
      - emit: { channel: echo, data: "{{ said }} back" }
        response: { channel: echoed, data: "hi back" }
`,
    );
    expect(code).toBe(0);
    expect(sioReceived).toEqual([
      ['greet', 'hi'],
      ['echo', 'hi back'],
    ]);
    expect(results.aggregate.counters['socketio.emit']).toBe(2);
    expect(results.aggregate.summaries['socketio.response_time'].count).toBe(2);
    expect(results.aggregate.counters['vusers.completed']).toBe(1);
  });

  it('socketio: a response that does not match fails the VU and the run', async () => {
    const { code, results } = await run(
      'sio-bad.yml',
      `config:
  target: http://127.0.0.1:${port}
  phases: [ { duration: 1, arrivalCount: 1 } ]
  timeout: 1 # seconds to wait for a response (Artillery's default: 10)
  plugins: { ensure: {} }
  ensure: { thresholds: [ { vusers.failed: 0 } ] }
scenarios:
  - engine: socketio
    flow:
      - emit: { channel: echo, data: "one" }
        response: { channel: echoed, data: "two" }
`,
    );
    expect(results.aggregate.counters['vusers.failed']).toBe(1);
    expect(code).toBe(1);
  });

  it('a script whose only engine perfgate does not run exits 2 naming the engine', async () => {
    writeFileSync(
      join(dir, 'pw.yml'),
      `config:\n  target: http://127.0.0.1:${port}\n  engines: { playwright: {} }\n  phases: [ { duration: 1, arrivalRate: 1 } ]\nscenarios:\n  - engine: playwright\n    testFunction: search\n`,
    );
    const result = await runInProcess(['load', 'pw.yml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no scenario can run: perfgate does not run the "playwright" engine');
  });
});
