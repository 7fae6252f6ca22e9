import { describe, expect, it } from 'vitest';
import { invalidUrl, joinTarget, type RenderedParams, toHttpSpec } from './request-params.js';

const OPTIONS = {
  timeoutMs: 1_000,
  followRedirect: true,
  intendedStartMs: 5,
  needsBody: false,
  signal: new AbortController().signal,
};

describe('joinTarget (Artillery: target + url when the url starts with /, else the url alone)', () => {
  it.each([
    ['http://h:1', '/a', 'http://h:1/a'],
    ['http://h:1/', '/a', 'http://h:1//a'],
    ['http://h:1/api', '/a', 'http://h:1/api/a'],
    ['http://h:1', 'https://other/x', 'https://other/x'],
    ['http://h:1', 'a', 'a'],
  ])('%s + %s → %s', (target, url, expected) => {
    expect(joinTarget(target, url)).toBe(expected);
  });

  it('fails a URL that does not start with http as Artillery names it', () => {
    expect(invalidUrl('http://h:1/a')).toBeUndefined();
    expect(invalidUrl('users/1')).toBe('Invalid URL - users/1');
    expect(invalidUrl(undefined)).toBe('Invalid URL - undefined');
  });
});

describe('toHttpSpec', () => {
  it('appends qs (lists repeat the key), encodes json with its content type, keeps explicit headers', () => {
    const params: RenderedParams = {
      url: 'http://h/s?x=1',
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.api+json', 'x-n': 3 },
      qs: { tag: ['a', 'b'], q: 'a b' },
      json: { n: 1 },
    };
    const spec = toHttpSpec(params, { ...OPTIONS, cookieHeader: 'c=1' });
    expect(spec).toMatchObject({
      url: 'http://h/s?x=1&tag=a&tag=b&q=a+b',
      headers: { 'content-type': 'application/vnd.api+json', 'x-n': '3', cookie: 'c=1' },
      body: '{"n":1}',
      intendedStartMs: 5,
    });
  });

  it('sends a raw body as written and objects in body as JSON', () => {
    expect(toHttpSpec({ url: 'http://h/', method: 'PUT', headers: {}, body: 'raw text' }, OPTIONS).body).toBe(
      'raw text',
    );
    expect(toHttpSpec({ url: 'http://h/', method: 'PATCH', headers: {}, body: { a: 1 } }, OPTIONS).body).toBe(
      '{"a":1}',
    );
    expect(toHttpSpec({ url: 'http://h/', method: 'DELETE', headers: {} }, OPTIONS).body).toBeUndefined();
  });
});
