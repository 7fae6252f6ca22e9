import { applyCaptures, applyMatches, type CompiledCapture, type CompiledMatch } from '../flow/capture.js';
import { callHook, errorName, findFunction } from '../flow/processor.js';
import type { VuSession } from '../flow/session.js';
import type { WsConnect } from '../script/model.js';
import { type CompiledTemplate, compileTemplate } from '../template/compile.js';
import type { WebSocketConnection } from './contracts.js';
import { ENGINE_METRIC, NO_TRANSPORT, RESPONSE_TIMEOUT, settleStep, waitFor } from './engine-common.js';
import { wsMessageView } from './message-view.js';

export interface CompiledWsSend {
  readonly kind: 'ws-send';
  readonly payload?: CompiledTemplate;
  readonly awaitsReply: boolean;
  readonly captures: readonly CompiledCapture[];
  readonly matches: readonly CompiledMatch[];
}

/** What opening a socket needs, as Artillery's ws engine gathers it (`wsArgs`). */
interface WsArgs {
  target: string;
  subprotocols: string[];
  options: Record<string, unknown>;
}

/**
 * Opens the VU's WebSocket before its flow, as Artillery's ws engine does: `config.target` (or
 * the first step's `connect`), `config.ws` options and subprotocols (a `sec-websocket-protocol`
 * header adds to them), `config.tls`. Counts `perfgate.websocket.connections` and times the
 * handshake from the VU's intended start (`perfgate.websocket.connect`).
 */
export async function openWebSocket(session: VuSession, connect: WsConnect | undefined): Promise<void> {
  const { world } = session;
  if (!world.realtime) session.fail(NO_TRANSPORT);
  const args = await wsArgs(session, connect);
  const startedAt = session.cursorMs;
  let socket: WebSocketConnection;
  try {
    socket = await session.untilAborted(
      world.realtime.openWebSocket(args.target, args.subprotocols, args.options),
    );
  } catch (error) {
    session.fail(errorName(error));
  }
  session.realtime = { ws: socket, sockets: new Map() };
  world.metrics.counter(ENGINE_METRIC.wsConnections);
  world.metrics.summary(ENGINE_METRIC.wsConnect, session.testNow() - startedAt);
  session.catchUp();
}

async function wsArgs(session: VuSession, connect: WsConnect | undefined): Promise<WsArgs> {
  const { script } = session.world;
  const ws = script.realtime.ws;
  if (connect?.function !== undefined) {
    const args = { target: script.target, ...wsOptions(ws, script.http.rejectUnauthorized) };
    const fn = findFunction(session.world.processor, connect.function);
    if (fn) await session.untilAborted(callHook(fn, [args, session.context]));
    return args;
  }
  if (connect === undefined)
    return { target: script.target, ...wsOptions(ws, script.http.rejectUnauthorized) };
  const target =
    connect.target === undefined ? script.target : compileTemplate(connect.target)(session.scope);
  const own = {
    ...connect.options,
    headers: connect.headers ?? ws.headers ?? {},
    subprotocols: connect.subprotocols ?? ws.subprotocols ?? [],
  };
  return { target: String(target), ...wsOptions(own, script.http.rejectUnauthorized) };
}

/** Artillery's `getWsOptions`: client options (minus `proxy`) over the TLS settings, and the subprotocols. */
function wsOptions(
  ws: Readonly<Record<string, unknown>>,
  rejectUnauthorized: boolean,
): Pick<WsArgs, 'subprotocols' | 'options'> {
  const { timeout: _timeout, ...options } = ws;
  const subprotocols = [...toList(ws.subprotocols)];
  const headers = (ws.headers ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'sec-websocket-protocol')
      subprotocols.push(
        ...String(value)
          .split(',')
          .map((item) => item.trim()),
      );
  }
  return { subprotocols, options: { rejectUnauthorized, ...options } };
}

/**
 * `send` (or `wait`): sends the payload (objects as JSON) and, with `capture`/`match`, waits for
 * the next message and reads it. Artillery's names: `websocket.messages_sent`/`send_rate`,
 * `websocket.messages_received`/`receive_rate`; perfgate adds `perfgate.websocket.duration`,
 * from the step's intended start to the reply.
 */
export async function runWsSend(step: CompiledWsSend, session: VuSession): Promise<void> {
  const socket = session.realtime?.ws;
  if (!socket) return session.fail(NO_TRANSPORT);
  const { metrics, script } = session.world;
  const intendedStart = session.cursorMs;
  const reply = step.awaitsReply ? nextMessage(socket, session, script.realtime.replyTimeoutMs) : undefined;
  if (!step.awaitsReply) socket.onMessage(undefined);
  if (step.payload) {
    const payload = step.payload(session.scope);
    metrics.counter(ENGINE_METRIC.wsSent);
    metrics.rate(ENGINE_METRIC.wsSendRate);
    try {
      await socket.send(
        typeof payload === 'object' && payload !== null ? JSON.stringify(payload) : textOf(payload),
      );
    } catch (error) {
      session.fail(errorName(error));
    }
  }
  if (reply) {
    const text = await reply;
    metrics.summary(ENGINE_METRIC.wsDuration, session.testNow() - intendedStart);
    readReply(step, text, session);
  }
  settleStep(session, intendedStart);
}

function nextMessage(socket: WebSocketConnection, session: VuSession, timeoutMs: number): Promise<string> {
  const { metrics } = session.world;
  return waitFor<string>(session, timeoutMs, RESPONSE_TIMEOUT, (settle) => {
    socket.onMessage((data) => {
      metrics.counter(ENGINE_METRIC.wsReceived);
      metrics.rate(ENGINE_METRIC.wsReceiveRate);
      settle(data);
    });
    return () => socket.onMessage(undefined);
  });
}

/** Captures and matches from the message; a strict one that finds nothing ends the VU, as in Artillery. */
function readReply(step: CompiledWsSend, text: string, session: VuSession): void {
  if (text === '') session.fail('Empty response from WS server');
  const view = wsMessageView(text);
  applyCaptures(step.captures, view, session);
  applyMatches(step.matches, view, session);
}

/** lodash `toString`: null and undefined are '', everything else as JavaScript writes it. */
function textOf(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function toList(value: unknown): readonly string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
