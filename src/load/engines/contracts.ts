/**
 * The seams of the ws and socketio engines (as `HttpClient` is for HTTP): the VU side decides
 * what to send and when; a transport, injected, opens the connections. Tests and the runner
 * build the real ones (transports.ts, on the `ws` and `socket.io-client` packages).
 */

/** One open WebSocket. */
export interface WebSocketConnection {
  /** Sends one text message; resolves once it is written. */
  send(data: string): Promise<void>;
  /**
   * Who gets the messages that arrive. Artillery's engine only listens while a step waits for a
   * reply, and drops what arrives in between: `undefined` drops them too.
   */
  onMessage(handler: ((data: string) => void) | undefined): void;
  close(): void;
  /** The client's own socket, for processor functions (Artillery's `context.ws`). */
  readonly raw: unknown;
}

/** One Socket.IO socket (one namespace). */
export interface SocketIoSocket {
  /** `socket.emit(...args)`, with an acknowledgement callback when given. */
  emit(args: readonly unknown[], acknowledge?: (...reply: unknown[]) => void): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  /** Stops listening on `event` (every listener, as Artillery's `socket.off(channel)`). */
  off(event: string): void;
  disconnect(): void;
  /** The client's own socket, for processor functions (Artillery's `context.sockets[namespace]`). */
  readonly raw: unknown;
}

export interface RealtimeTransports {
  /** Resolves when the socket is open; rejects with the connection error (its `code` set when known). */
  openWebSocket(
    url: string,
    protocols: readonly string[],
    options: Readonly<Record<string, unknown>>,
  ): Promise<WebSocketConnection>;
  /** Resolves when the namespace is connected; rejects on `connect_error`. */
  openSocketIo(url: string, options: Readonly<Record<string, unknown>>): Promise<SocketIoSocket>;
}
