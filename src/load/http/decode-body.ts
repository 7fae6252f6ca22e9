import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

const DECODERS: Readonly<Record<string, (data: Buffer) => Buffer>> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/**
 * The body as text, decompressed per `content-encoding` (only bodies a flow reads get here). A
 * body that does not decompress is kept as received rather than failing the request: the target
 * answered, and a check on the body will say what it got.
 */
export function bodyText(chunks: readonly Buffer[], contentEncoding: unknown): string {
  const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
  const codings = typeof contentEncoding === 'string' ? contentEncoding.toLowerCase().split(',') : [];
  let data = raw;
  try {
    // Applied in the order listed, so they are undone in reverse.
    for (const coding of codings.map((c) => c.trim()).reverse()) {
      const decode = DECODERS[coding];
      if (decode) data = decode(data);
    }
  } catch {
    data = raw;
  }
  return data.toString('utf8');
}
