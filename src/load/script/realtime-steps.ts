import type { InvalidStep, RealtimeSettings, SocketIoEmitStep, WsConnect, WsSendStep } from './model.js';
import { formatPlainPath, isRecord, type Path, type ScriptReader } from './reader.js';
import { readCaptures, readMatches } from './request-checks.js';

/** The ws engine's error for a step it cannot run (Artillery's `invalid_step`). */
export const INVALID_STEP = 'invalid_step';

/**
 * One step of a ws scenario that is not think/loop/function/log: Artillery's ws engine reads
 * `send` (or `wait`) and treats anything else as `invalid_step`, which fails the VU. A `connect`
 * step does nothing where it stands (the first step's `connect` opens the connection).
 */
export function readWsStep(
  reader: ScriptReader,
  path: Path,
  step: Record<string, unknown>,
  strictCapture: boolean,
): WsSendStep | InvalidStep | undefined {
  if ('connect' in step) return undefined;
  const params = step.wait ?? step.send;
  const at = [...path, step.wait !== undefined ? 'wait' : 'send'];
  const awaitsReply = isRecord(params) && ('capture' in params || 'match' in params);
  const payload = awaitsReply ? (params as Record<string, unknown>).payload : params;
  if (payload === undefined && !awaitsReply) {
    reader.warn(
      `${formatPlainPath(path)}: the ws engine runs send and wait steps only: this step fails the VU (invalid_step), as in Artillery`,
    );
    return { kind: 'invalid', error: INVALID_STEP };
  }
  const reply = awaitsReply ? (params as Record<string, unknown>) : {};
  return {
    kind: 'ws-send',
    ...(payload === undefined ? {} : { payload }),
    awaitsReply,
    captures: readCaptures(reader, [...at, 'capture'], reply.capture, strictCapture),
    matches: readMatches(reader, [...at, 'match'], reply.match, strictCapture),
  };
}

/** How a ws scenario connects: its first step's `connect` (a URL, options, or a processor function). */
export function readWsConnect(reader: ScriptReader, path: Path, flow: unknown): WsConnect | undefined {
  const first = Array.isArray(flow) ? flow[0] : undefined;
  if (!isRecord(first) || first.connect === undefined) return undefined;
  const connect = first.connect;
  if (!isRecord(connect)) return { target: connect };
  if (typeof connect.function === 'string') return { function: connect.function };
  const { target, headers, subprotocols, ...options } = connect;
  const where = [...path, 0, 'connect'];
  return {
    ...(target === undefined ? {} : { target }),
    ...(headers === undefined ? {} : { headers: reader.record([...where, 'headers'], headers) ?? {} }),
    ...(subprotocols === undefined ? {} : { subprotocols: toStrings(subprotocols) }),
    ...(Object.keys(options).length === 0 ? {} : { options }),
  };
}

/** A socketio `emit` step (with `namespace`, `response`, `acknowledge` beside it, as Artillery reads them). */
export function readEmit(
  reader: ScriptReader,
  path: Path,
  step: Record<string, unknown>,
): SocketIoEmitStep | undefined {
  const emit = step.emit;
  if (!isRecord(emit) && !Array.isArray(emit)) {
    return reader.fail([...path, 'emit'], 'emit is { channel, data } or a list [channel, ...arguments]');
  }
  const reply = (key: 'response' | 'acknowledge') =>
    step[key] === undefined ? undefined : reader.record([...path, key], step[key]);
  const response = reply('response');
  const acknowledge = reply('acknowledge');
  if (isRecord(emit) && (emit.response !== undefined || emit.acknowledge !== undefined)) {
    reader.warn(
      `${formatPlainPath(path)}: response and acknowledge belong beside emit, not inside it: Artillery ignores them there, and so does perfgate`,
    );
  }
  return {
    kind: 'socketio-emit',
    emit,
    ...(step.namespace === undefined ? {} : { namespace: step.namespace }),
    ...(response === undefined ? {} : { response }),
    ...(acknowledge === undefined ? {} : { acknowledge }),
  };
}

function toStrings(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Artillery's default wait for a ws or socketio reply, seconds. */
const DEFAULT_REPLY_TIMEOUT_S = 10;

/** `config.ws`, `config.socketio` and the reply timeout (`config.timeout`, else `config.ws.timeout`, seconds). */
export function readRealtimeSettings(
  reader: ScriptReader,
  config: Record<string, unknown>,
): RealtimeSettings {
  const ws = config.ws === undefined ? {} : (reader.record(['config', 'ws'], config.ws) ?? {});
  const socketio =
    config.socketio === undefined ? {} : (reader.record(['config', 'socketio'], config.socketio) ?? {});
  const seconds = Number(config.timeout) || Number(ws.timeout) || DEFAULT_REPLY_TIMEOUT_S;
  return { ws, socketio, replyTimeoutMs: seconds * 1_000 };
}
