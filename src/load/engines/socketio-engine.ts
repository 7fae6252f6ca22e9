import { isDeepStrictEqual } from 'node:util';
import { errorName } from '../flow/processor.js';
import type { VuSession } from '../flow/session.js';
import type { CompiledTemplate } from '../template/compile.js';
import type { SocketIoSocket } from './contracts.js';
import {
  ENGINE_METRIC,
  failure,
  NO_TRANSPORT,
  RESPONSE_TIMEOUT,
  settleStep,
  waitFor,
} from './engine-common.js';
import { socketIoReplyView } from './message-view.js';
import { type ReplySpec, readReplySpec, replyCaptures, replyMatchesOk } from './socketio-reply.js';

export interface CompiledEmit {
  readonly kind: 'socketio-emit';
  readonly emit: CompiledTemplate;
  readonly namespace?: CompiledTemplate;
  readonly response?: CompiledTemplate;
  readonly acknowledge?: CompiledTemplate;
}

const DATA_NOT_VALID = 'data is not valid';
const FAILED_MATCH = 'Failed match';

/**
 * Connects the VU to a namespace (`''` first, others on their first emit), as Artillery's
 * socketio engine does: `config.target` plus the namespace, `config.socketio` with the
 * scenario's own `socketio` over it (templated for the VU), `config.tls`.
 */
export async function socketFor(session: VuSession, namespace: string): Promise<SocketIoSocket> {
  session.realtime ??= { sockets: new Map() };
  const open = session.realtime.sockets.get(namespace);
  if (open) return open;
  const { world } = session;
  if (!world.realtime) return session.fail(NO_TRANSPORT);
  const options = {
    ...(session.socketioOptions?.(session.scope) as Record<string, unknown> | undefined),
    rejectUnauthorized: world.script.http.rejectUnauthorized,
  };
  const startedAt = session.testNow();
  try {
    const socket = await session.untilAborted(
      world.realtime.openSocketIo(world.script.target + namespace, options),
    );
    session.realtime.sockets.set(namespace, socket);
    world.metrics.counter(ENGINE_METRIC.sioConnections);
    world.metrics.summary(ENGINE_METRIC.sioConnect, session.testNow() - startedAt);
    return socket;
  } catch (error) {
    return session.fail(errorName(error));
  }
}

/**
 * `emit`: sends the event; with `response` waits for it on its channel (checking `data`, reading
 * `capture`/`match`), with `acknowledge` waits for the acknowledgement. Artillery's metrics:
 * `socketio.emit`, `socketio.emit_rate`, `socketio.response_time` (emit → reply); perfgate adds
 * `perfgate.socketio.duration` from the step's intended start.
 */
export async function runEmit(step: CompiledEmit, session: VuSession): Promise<void> {
  const { metrics } = session.world;
  const intendedStart = session.cursorMs;
  metrics.counter(ENGINE_METRIC.emit);
  metrics.rate(ENGINE_METRIC.emitRate);
  const namespace = textOr(step.namespace?.(session.scope), '');
  const socket = await socketFor(session, namespace);
  const emittedAt = session.testNow();
  const outgoing = outgoingArgs(step.emit(session.scope));
  const response = step.response && readReplySpec(step.response(session.scope), 'response');
  const acknowledge = step.acknowledge && readReplySpec(step.acknowledge(session.scope), 'acknowledge');
  if (response?.channel !== undefined) {
    const received = await awaitResponse(socket, outgoing, response, session);
    processReply(received, response, session);
    // With both, Artillery then calls the acknowledgement check with no arguments.
    if (acknowledge) processReply([], acknowledge, session);
  } else if (acknowledge) {
    const args = await awaitAcknowledgement(socket, outgoing, session);
    processReply(args, acknowledge, session);
  } else socket.emit(outgoing);
  metrics.summary(ENGINE_METRIC.emitResponseTime, session.testNow() - emittedAt);
  metrics.summary(ENGINE_METRIC.emitDuration, session.testNow() - intendedStart);
  settleStep(session, intendedStart);
}

/** `{ channel, data }` → [channel, data]; a list → its items. */
function outgoingArgs(emit: unknown): unknown[] {
  if (emit !== null && typeof emit === 'object' && !Array.isArray(emit)) {
    const { channel, data } = emit as { channel?: unknown; data?: unknown };
    return channel ? [channel, data] : [];
  }
  return Array.isArray(emit) ? emit : [];
}

/**
 * Collects what arrives on the response channel until it is valid (or, without expected data,
 * until the timeout: Artillery then takes whatever arrived, and fails only if nothing did).
 */
function awaitResponse(
  socket: SocketIoSocket,
  outgoing: readonly unknown[],
  response: ReplySpec,
  session: VuSession,
): Promise<unknown[]> {
  const channel = String(response.channel);
  const received: unknown[] = [];
  const timeoutMs = session.world.script.realtime.replyTimeoutMs;
  const waiting = waitFor<unknown[]>(
    session,
    timeoutMs,
    RESPONSE_TIMEOUT,
    (settle) => {
      socket.on(channel, (...args: unknown[]) => {
        received.push(...args);
        if (isValid(received, response)) settle(received);
      });
      return () => socket.off(channel);
    },
    () => (received.length > 0 ? received : undefined),
  );
  socket.emit(outgoing);
  return waiting;
}

function awaitAcknowledgement(
  socket: SocketIoSocket,
  outgoing: readonly unknown[],
  session: VuSession,
): Promise<unknown[]> {
  // Artillery waits for an acknowledgement without a timeout; perfgate stops at the test's end.
  return session.untilAborted(
    new Promise<unknown[]>((resolve) => socket.emit(outgoing, (...args) => resolve(args))),
  );
}

/** Artillery's `processResponse`: expected `data`, then captures and matches over the arguments as JSON. */
function processReply(args: readonly unknown[], reply: ReplySpec, session: VuSession): void {
  if (reply.data !== undefined && !isValid(args, reply)) throw failure(session, DATA_NOT_VALID);
  if (reply.capture === undefined && reply.match === undefined) return;
  const view = socketIoReplyView(args);
  if (!replyMatchesOk(reply, view, session)) throw failure(session, FAILED_MATCH);
  for (const capture of replyCaptures(reply))
    session.vars[capture.as] = capture.extract(view, session.world.random);
  session.vars.$ = view.body;
}

/** Artillery's `isValid`: a list equals, a mapping equals the last argument, a text is part of it. */
function isValid(received: readonly unknown[], reply: ReplySpec): boolean {
  const expected = reply.data;
  if (Array.isArray(expected)) return isDeepStrictEqual(received, expected);
  if (expected !== null && typeof expected === 'object') {
    const { json: _json, ...rest } = expected as Record<string, unknown>;
    return isDeepStrictEqual(received.at(-1), rest);
  }
  if (typeof expected === 'string') {
    const actual = reply.concat ? received.join('') : received.at(-1);
    return typeof actual === 'string' && actual.includes(expected);
  }
  return false;
}

function textOr(value: unknown, fallback: string): string {
  return value === undefined || value === null || value === '' ? fallback : String(value);
}
