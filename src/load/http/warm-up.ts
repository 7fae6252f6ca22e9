import { createServer } from 'node:net';
import { Client } from 'undici';

const RESPONSE = 'HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n';

/**
 * Sends one request to a throwaway loopback socket of our own before the test's zero, so the
 * one-off costs of the first request (undici compiles its llhttp WebAssembly parser, V8 warms
 * the request path) do not stall the first real arrivals and show up as schedule slip.
 */
export async function warmUpHttp(): Promise<void> {
  const server = createServer((socket) => {
    socket.once('data', () => socket.end(RESPONSE));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const client = new Client(`http://127.0.0.1:${port}`);
  try {
    const response = await client.request({ path: '/', method: 'GET' });
    await response.body.dump();
  } catch {
    // Warming up is best effort: the test itself reports real connection problems.
  } finally {
    await client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
