import type { VuSession } from '../flow/session.js';
import type { Scenario } from '../script/model.js';
import type { CompiledTemplate } from '../template/compile.js';
import { socketFor } from './socketio-engine.js';
import { openWebSocket } from './ws-engine.js';

/**
 * Before a VU's flow: a ws scenario opens its WebSocket, a socketio scenario connects its
 * default namespace (Artillery's engines do so before the first step; a failure ends the VU).
 */
export async function openEngine(
  session: VuSession,
  scenario: Scenario,
  socketioOptions: CompiledTemplate | undefined,
): Promise<void> {
  if (scenario.engine === 'ws') await openWebSocket(session, scenario.wsConnect);
  else if (scenario.engine === 'socketio') {
    session.socketioOptions = socketioOptions;
    await socketFor(session, '');
  }
}

/** After the flow, however it ended: every connection the VU opened is closed. */
export function closeEngine(session: VuSession): void {
  const realtime = session.realtime;
  if (!realtime) return;
  realtime.ws?.close();
  for (const socket of realtime.sockets.values()) socket.disconnect();
  session.realtime = undefined;
}
