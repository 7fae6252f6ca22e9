import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseOk, runVus } from './harness.js';
import { type RecordingServer, sendJson, startRecordingServer } from './recording-server.js';

let server: RecordingServer;

beforeEach(async () => {
  server = await startRecordingServer((request, response) => {
    if (request.url === '/login')
      return sendJson(
        response,
        201,
        { token: 'tok-1', user: { id: 42 } },
        { 'x-request-id': 'rid-7', 'set-cookie': 'session=abc; Path=/; HttpOnly' },
      );
    if (request.url === '/redirect') {
      response.writeHead(302, { location: '/landing' });
      return response.end();
    }
    if (request.url === '/gz') {
      // Compressed only for clients that ask, as a real server would.
      const accepts = String(request.headers['accept-encoding'] ?? '');
      const body = Buffer.from(JSON.stringify({ token: 'zipped-7' }));
      if (!accepts.includes('gzip')) return sendJson(response, 200, { token: 'plain' });
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return response.end(gzipSync(body));
    }
    if (request.url === '/html') {
      response.writeHead(200, { 'content-type': 'text/html' });
      return response.end('<a href="/item?id=981">x</a>');
    }
    sendJson(response, 200, { ok: true });
  });
});

afterEach(async () => {
  await server.close();
});

const script = (flow: string, config = '') => `
config:
  target: "{{ $env.TARGET }}"
${config}
scenarios:
  - name: main
    flow:
${flow}
`;

describe('request shaping against a real server', () => {
  it('reuses JSON, header and regexp captures in later requests', async () => {
    const text = script(`
      - post:
          url: /login
          json: { user: alice }
          capture:
            - { json: "$.token", as: token }
            - { json: "$.user.id", as: userId }
            - { header: x-request-id, as: rid }
      - get:
          url: /html
          capture: { regexp: "id=(\\\\d+)", group: 1, as: itemId }
      - get:
          url: "/users/{{ userId }}?rid={{ rid }}&item={{ itemId }}"
          headers: { Authorization: "Bearer {{ token }}" }`);
    const { outcomes } = await runVus(parseOk(text, undefined, { TARGET: server.url }));
    expect(outcomes).toEqual([{ state: 'completed' }]);
    const last = server.received[2];
    expect(last?.url).toBe('/users/42?rid=rid-7&item=981');
    expect(last?.headers.authorization).toBe('Bearer tok-1');
    expect(server.received[0]?.body).toBe('{"user":"alice"}');
    expect(server.received[0]?.headers['content-type']).toBe('application/json');
  });

  it('keeps the type of a value that is exactly one template, deep inside a json body', async () => {
    const text = script(
      `
      - post:
          url: /typed
          json:
            count: "{{ n }}"
            flags: { on: "{{ flag }}" }
            list: ["{{ n }}", "n={{ n }}"]
            "{{ keyName }}": "{{ tags }}"`,
      `  variables:
    n: 7
    flag: true
    keyName: dynamic
    tags: [[a, b]]`,
    );
    await runVus(parseOk(text, undefined, { TARGET: server.url }));
    expect(JSON.parse(server.received[0]?.body ?? '')).toEqual({
      count: 7,
      flags: { on: true },
      list: [7, 'n=7'],
      dynamic: ['a', 'b'],
    });
  });

  it('sends qs, form bodies, basic auth, default headers and a request cookie', async () => {
    const text = script(
      `
      - post:
          url: /form
          qs: { page: 2, q: "a b" }
          form: { name: "{{ who }}", age: 30 }
          auth: { user: alice, pass: "s3cret" }
          cookie: { theme: dark }`,
      `  defaults:
    headers: { X-Api-Key: "key-{{ $env.KEY }}" }
  variables: { who: bob }`,
    );
    await runVus(parseOk(text, undefined, { TARGET: server.url, KEY: 'k1' }));
    const received = server.received[0];
    expect(received?.url).toBe('/form?page=2&q=a+b');
    expect(received?.body).toBe('name=bob&age=30');
    expect(received?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(received?.headers.authorization).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    expect(received?.headers['x-api-key']).toBe('key-k1');
    expect(received?.headers.cookie).toBe('theme=dark');
  });

  it('uploads multipart formData: templated text fields and a file read before the test', async () => {
    const text = script(
      `
      - post:
          url: /upload
          formData:
            title: "report for {{ who }}"
            count: 3
            file:
              fromFile: ./fixtures/logo.png
              contentType: image/png`,
      '  variables: { who: bob }',
    );
    const parsed = parseOk(text, undefined, { TARGET: server.url });
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    await runVus(parsed, { assets: { payloads: [], files: { '/virtual/fixtures/logo.png': bytes } } });
    const received = server.received[0];
    const contentType = String(received?.headers['content-type']);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    // The body as the target parses it (the platform's multipart parser).
    const request = new Request('http://x/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: received?.bodyBytes ?? new Uint8Array(),
    });
    const form = await request.formData();
    expect(form.get('title')).toBe('report for bob');
    expect(form.get('count')).toBe('3');
    const file = form.get('file') as File;
    expect([file.name, file.type]).toEqual(['logo.png', 'image/png']);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });

  it("asks for compressed responses (Artillery's gzip default) and reads them decompressed; gzip: false does not", async () => {
    const text = script(`
      - get:
          url: /gz
          capture: { json: "$.token", as: token }
      - get:
          url: "/echo?t={{ token }}"
      - get:
          url: /gz
          gzip: false
          capture: { json: "$.token", as: plain }
      - get:
          url: "/echo?p={{ plain }}"`);
    await runVus(parseOk(text, undefined, { TARGET: server.url }));
    const urls = server.received.map((request) => [request.url, request.headers['accept-encoding']]);
    expect(urls).toEqual([
      ['/gz', 'gzip, deflate, br'],
      ['/echo?t=zipped-7', 'gzip, deflate, br'],
      ['/gz', undefined],
      ['/echo?p=plain', 'gzip, deflate, br'],
    ]);
  });

  it('sends back cookies the target set, per VU', async () => {
    const text = script(`
      - post: { url: /login }
      - get: { url: /after }`);
    await runVus(parseOk(text, undefined, { TARGET: server.url }), { vus: 2 });
    const cookies = server.received.map((request) => request.headers.cookie);
    expect(cookies).toEqual([undefined, 'session=abc', undefined, 'session=abc']);
  });

  it('does not follow a redirect when followRedirect is false', async () => {
    const text = script(`
      - get: { url: /redirect, followRedirect: false }
      - get: { url: /redirect }`);
    const { metrics } = await runVus(parseOk(text, undefined, { TARGET: server.url }));
    expect(server.received.map((request) => request.url)).toEqual(['/redirect', '/redirect', '/landing']);
    expect(metrics.count('http.codes.302')).toBe(1);
    expect(metrics.count('http.codes.200')).toBe(1);
  });

  it('skips a request whose ifTrue is false and sends the one whose ifTrue holds', async () => {
    const text = script(
      `
      - get: { url: /yes, ifTrue: "size > 10 and region == 'eu'" }
      - get: { url: /no, ifTrue: "size > 100" }
      - get: { url: /var, ifTrue: "missing" }`,
      `  variables: { size: 20, region: eu }`,
    );
    await runVus(parseOk(text, undefined, { TARGET: server.url }));
    expect(server.received.map((request) => request.url)).toEqual(['/yes']);
  });
});
