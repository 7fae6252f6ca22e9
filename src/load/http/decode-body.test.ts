import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bodyText } from './decode-body.js';

const text = '{"hello":"wörld"}';

describe('bodyText', () => {
  it('decompresses gzip, deflate and br, and codings applied in turn', () => {
    const bytes = Buffer.from(text);
    expect(bodyText([gzipSync(bytes)], 'gzip')).toBe(text);
    expect(bodyText([deflateSync(bytes)], 'Deflate')).toBe(text);
    expect(bodyText([brotliCompressSync(bytes)], 'br')).toBe(text);
    expect(bodyText([brotliCompressSync(gzipSync(bytes))], 'gzip, br')).toBe(text);
  });

  it('joins chunks; keeps what is not compressed or does not decompress as received', () => {
    const gz = gzipSync(Buffer.from(text));
    expect(bodyText([gz.subarray(0, 5), gz.subarray(5)], 'gzip')).toBe(text);
    expect(bodyText([Buffer.from(text)], undefined)).toBe(text);
    expect(bodyText([Buffer.from(text)], 'identity')).toBe(text);
    expect(bodyText([Buffer.from('not gzip')], 'gzip')).toBe('not gzip');
  });
});
