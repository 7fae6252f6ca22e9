import { describe, expect, it } from 'vitest';
import { HttpFramer, HttpFramingError, type MessageHead } from './http-framer.js';

function frame(kind: 'request' | 'response', input: string, chunkSize: number, method = 'GET') {
  const messages: { head?: MessageHead; bytes: string; upgraded?: boolean }[] = [];
  let current = { bytes: '' } as { head?: MessageHead; bytes: string; upgraded?: boolean };
  const framer = new HttpFramer(
    kind,
    {
      onHead: (head) => {
        current.head = head;
      },
      onBytes: (bytes) => {
        current.bytes += bytes.toString('latin1');
      },
      onEnd: (upgraded) => {
        messages.push({ ...current, upgraded });
        current = { bytes: '' };
      },
    },
    () => method,
  );
  const data = Buffer.from(input, 'latin1');
  for (let i = 0; i < data.length; i += chunkSize) framer.push(data.subarray(i, i + chunkSize));
  framer.end();
  return { messages, rest: current.bytes };
}

const PIPELINED =
  'POST /a?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello' +
  'GET /b HTTP/1.1\r\nHost: h\r\n\r\n' +
  'PUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n0\r\nTrailer: x\r\n\r\n';

describe('HttpFramer', () => {
  it.each([1, 3, 7, 1000])(
    'frames pipelined requests at their boundaries, fed %i bytes at a time',
    (size) => {
      const { messages, rest } = frame('request', PIPELINED, size);
      expect(messages.map((m) => `${m.head?.method} ${m.head?.target}`)).toEqual([
        'POST /a?x=1',
        'GET /b',
        'PUT /c',
      ]);
      expect(messages.map((m) => m.bytes).join('')).toBe(PIPELINED);
      expect(messages[0]?.bytes.endsWith('hello')).toBe(true);
      expect(rest).toBe('');
    },
  );

  it('frames responses: length, chunked, no body for 204 and HEAD, until close, 100 Continue, 101', () => {
    const responses =
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' +
      'HTTP/1.1 204 No Content\r\n\r\n' +
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n' +
      'HTTP/1.1 500 Oops\r\n\r\nuntil the end';
    const { messages } = frame('response', responses, 4);
    expect(messages.map((m) => m.head?.status)).toEqual([200, 204, 200, 500]);
    expect(messages[0]?.bytes).toBe(
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
    );
    expect(messages[3]?.bytes.endsWith('until the end')).toBe(true);
    const head = frame('response', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n', 5, 'HEAD');
    expect(head.messages).toHaveLength(1);
    const upgrade = frame('response', 'HTTP/1.1 101 Switching\r\nUpgrade: websocket\r\n\r\nraw bytes', 3);
    expect(upgrade.messages[0]?.upgraded).toBe(true);
    expect(upgrade.rest).toBe('raw bytes');
  });

  it('refuses malformed messages', () => {
    expect(() => frame('request', 'GET /\r\n\r\n', 100)).toThrow(HttpFramingError);
    expect(() => frame('response', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', 100)).toThrow(
      /content-length/,
    );
    expect(() =>
      frame('request', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 100),
    ).toThrow(/chunk size/);
    expect(() => frame('request', `GET / HTTP/1.1\r\nX: ${'a'.repeat(20_000)}`, 100)).toThrow(/too large/);
  });
});
