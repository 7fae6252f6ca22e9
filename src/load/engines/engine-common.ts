import { ABORTED } from '../flow/metric-names.js';
import { VuFailure, type VuSession } from '../flow/session.js';

/** Metric names of the ws and socketio engines: Artillery's, and perfgate's additions under `perfgate.`. */
export const ENGINE_METRIC = {
  wsSent: 'websocket.messages_sent',
  wsSendRate: 'websocket.send_rate',
  wsReceived: 'websocket.messages_received',
  wsReceiveRate: 'websocket.receive_rate',
  /** perfgate: sockets opened, and the handshake time from the VU's intended start. */
  wsConnections: 'perfgate.websocket.connections',
  wsConnect: 'perfgate.websocket.connect',
  /** perfgate: a send-and-reply step, intended start → reply. */
  wsDuration: 'perfgate.websocket.duration',
  emit: 'socketio.emit',
  emitRate: 'socketio.emit_rate',
  /** Artillery's: emit → response or acknowledgement (or just after the emit when none is awaited). */
  emitResponseTime: 'socketio.response_time',
  sioConnections: 'perfgate.socketio.connections',
  sioConnect: 'perfgate.socketio.connect',
  /** perfgate: the same span from the step's intended start. */
  emitDuration: 'perfgate.socketio.duration',
} as const;

/** Artillery's error when no reply came within the timeout. */
export const RESPONSE_TIMEOUT = 'response timeout';
/** A ws/socketio step run without its connection (an engine step in an HTTP flow). */
export const NO_TRANSPORT = 'invalid_step';

/**
 * Waits for `listen` to call `settle`, at most `timeoutMs` (on the injected clock): then the VU
 * fails with `timeoutError` (counted). The test's end aborts the wait. `listen` returns how to
 * stop listening.
 */
export function waitFor<T>(
  session: VuSession,
  timeoutMs: number,
  timeoutError: string,
  listen: (settle: (value: T) => void) => () => void,
  /** At the timeout, a value to settle with instead of failing (undefined: fail). */
  atTimeout: () => T | undefined = () => undefined,
): Promise<T> {
  if (session.signal.aborted) return Promise.reject(new VuFailure(ABORTED));
  return new Promise<T>((resolve, reject) => {
    const timer = new AbortController();
    let settled = false;
    let stop: () => void = () => {};
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      timer.abort();
      session.signal.removeEventListener('abort', onAbort);
      stop();
      outcome();
    };
    const onAbort = () => finish(() => reject(new VuFailure(ABORTED)));
    session.signal.addEventListener('abort', onAbort, { once: true });
    session.world.clock.sleep(timeoutMs, timer.signal).then(
      () => {
        const late = atTimeout();
        finish(() => (late === undefined ? reject(failure(session, timeoutError)) : resolve(late)));
      },
      () => {},
    );
    stop = listen((value) => finish(() => resolve(value)));
  });
}

/** Counts `errors.<code>` and gives the failure to throw (session.fail throws; this returns). */
export function failure(session: VuSession, code: string): VuFailure {
  try {
    session.fail(code);
  } catch (error) {
    return error as VuFailure;
  }
}

/** After a step: the next one is due from when this one really ended. */
export function settleStep(session: VuSession, intendedStart: number): void {
  session.cursorMs = Math.max(intendedStart, session.cursorMs, session.testNow());
}
