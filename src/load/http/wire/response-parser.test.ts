import { describe, expect, it } from 'vitest';
import { HttpParseError, ResponseParser, type ResponseSink } from './response-parser.js';

interface Seen {
  status?: number;
  head?: string;
  body: string;
  completed: boolean[];
}

function parserWithSink(): { parser: ResponseParser; seen: Seen } {
  const seen: Seen = { body: '', completed: [] };
  const sink: ResponseSink = {
    onHead: (status, head) => Object.assign(seen, { status, head }),
    onBody: (data, start, end) => {
      seen.body += data.toString('latin1', start, end);
    },
    onComplete: (keepAlive) => seen.completed.push(keepAlive),
  };
  return { parser: new ResponseParser(sink), seen };
}

/** Feeds `text` in pieces of `size` bytes, as a socket might deliver it. */
function feed(parser: ResponseParser, text: string, size = text.length): void {
  const bytes = Buffer.from(text, 'latin1');
  for (let at = 0; at < bytes.length; at += size) parser.execute(bytes.subarray(at, at + size));
}

describe('ResponseParser', () => {
  it('reads a content-length body, however the bytes are split', () => {
    const response = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello';
    for (const size of [1, 2, 7, response.length]) {
      const { parser, seen } = parserWithSink();
      parser.expect(false);
      feed(parser, response, size);
      expect(seen).toMatchObject({ status: 200, body: 'hello', completed: [true] });
      expect(seen.head).toContain('Content-Type: text/plain');
    }
  });

  it('de-chunks a chunked body with extensions and trailers', () => {
    const response =
      'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: y\r\n\r\n';
    for (const size of [1, 3, response.length]) {
      const { parser, seen } = parserWithSink();
      parser.expect(false);
      feed(parser, response, size);
      expect(seen).toMatchObject({ status: 201, body: 'Wikipedia', completed: [true] });
    }
  });

  it('skips 1xx responses, ends HEAD and 204 without a body, honours connection: close', () => {
    const a = parserWithSink();
    a.parser.expect(false);
    feed(a.parser, 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n');
    expect(a.seen).toMatchObject({ status: 204, body: '', completed: [false] });
    const b = parserWithSink();
    b.parser.expect(true);
    feed(b.parser, 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n');
    expect(b.seen).toMatchObject({ status: 200, body: '', completed: [true] });
  });

  it('reads a body without framing until the connection closes', () => {
    const { parser, seen } = parserWithSink();
    parser.expect(false);
    feed(parser, 'HTTP/1.0 200 OK\r\n\r\nall of it');
    expect(seen.completed).toEqual([]);
    expect(parser.finish()).toBe(true);
    expect(seen).toMatchObject({ body: 'all of it', completed: [false] });
  });

  it('reads framing headers in any letter case with blanks around the value, and refuses a bad length', () => {
    const { parser, seen } = parserWithSink();
    parser.expect(false);
    feed(parser, 'HTTP/1.1 200 OK\r\nCONTENT-length: \t3 \r\nConnection:   CLOSE\r\n\r\nabc');
    expect(seen).toMatchObject({ body: 'abc', completed: [false] });
    for (const length of ['', '3x', '-1', '1e3']) {
      const bad = parserWithSink();
      bad.parser.expect(false);
      expect(() => feed(bad.parser, `HTTP/1.1 200 OK\r\nContent-Length: ${length}\r\n\r\n`)).toThrow(
        HttpParseError,
      );
    }
  });

  it('reports a response cut short, and refuses what is not HTTP/1.x', () => {
    const { parser } = parserWithSink();
    parser.expect(false);
    feed(parser, 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
    expect(parser.finish()).toBe(false);
    const bad = parserWithSink();
    bad.parser.expect(false);
    expect(() => feed(bad.parser, 'SSH-2.0-OpenSSH\r\n\r\n')).toThrow(HttpParseError);
  });
});
