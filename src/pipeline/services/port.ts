import { connect } from 'node:net';

/** Host and port of a URL as `net.connect` wants them (IPv6 brackets removed, default ports filled). */
export function socketAddressOf(url: URL): { host: string; port: number } {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { host, port };
}

/**
 * True when something accepts a TCP connection at `url`'s host:port within `timeoutMs` (the
 * connection is closed at once); false on refusal, any other error, or the timeout. Never rejects.
 */
export function acceptsConnections(url: URL, timeoutMs: number): Promise<boolean> {
  const { host, port } = socketAddressOf(url);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}
