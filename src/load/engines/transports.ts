import { HttpsProxyAgent } from 'https-proxy-agent';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import type { RealtimeTransports, SocketIoSocket, WebSocketConnection } from './contracts.js';

/**
 * The real transports, on the clients Artillery's engines use: the `ws` package and
 * `socket.io-client`. Options are handed over as the script wrote them (with `tls` merged in by
 * the engine), so `rejectUnauthorized`, `headers`, `transports`, `extraHeaders`… all work.
 */
export function createRealtimeTransports(): RealtimeTransports {
  return { openWebSocket, openSocketIo };
}

function openWebSocket(
  url: string,
  protocols: readonly string[],
  options: Readonly<Record<string, unknown>>,
): Promise<WebSocketConnection> {
  return new Promise((resolve, reject) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, [...protocols], withProxy(options) as WebSocket.ClientOptions);
    } catch (error) {
      reject(error);
      return;
    }
    socket.once('error', reject);
    socket.once('open', () => {
      socket.off('error', reject);
      // Errors after the handshake end the connection; a waiting step then times out as in Artillery.
      socket.on('error', () => {});
      resolve(wrapWebSocket(socket));
    });
  });
}

/** `config.ws.proxy: { url, ...agent options }`: the connection goes through that HTTP proxy, as in Artillery. */
function withProxy(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { proxy, ...rest } = options;
  if (typeof proxy !== 'object' || proxy === null) return rest;
  const { url, ...agentOptions } = proxy as { url?: unknown };
  return { ...rest, agent: new HttpsProxyAgent(String(url), agentOptions) };
}

function wrapWebSocket(socket: WebSocket): WebSocketConnection {
  let handler: ((data: string) => void) | undefined;
  socket.on('message', (data: WebSocket.RawData) => handler?.(String(data)));
  return {
    send: (data) =>
      new Promise((resolve, reject) => socket.send(data, (error) => (error ? reject(error) : resolve()))),
    onMessage: (next) => {
      handler = next;
    },
    close: () => socket.close(),
    raw: socket,
  };
}

function openSocketIo(url: string, options: Readonly<Record<string, unknown>>): Promise<SocketIoSocket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, options);
    socket.once('connect', () => {
      socket.off('connect_error');
      resolve({
        emit: (args, acknowledge) => {
          const [event, ...rest] = args;
          if (acknowledge) socket.emit(String(event), ...rest, acknowledge);
          else socket.emit(String(event), ...rest);
        },
        on: (event, listener) => {
          socket.on(event, listener);
        },
        off: (event) => {
          socket.off(event);
        },
        disconnect: () => {
          socket.disconnect();
        },
        raw: socket,
      });
    });
    socket.once('connect_error', (error: Error) => {
      socket.disconnect();
      reject(error);
    });
  });
}
