import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { LoadResults } from './results.js';

/**
 * How a generator hands its results to a coordinator through its log (`--print-results`): a pod's
 * log is the one channel every Kubernetes cluster gives back without volumes or extra services.
 * The results JSON is gzipped, base64-encoded in lines of 76 characters and framed by two marker
 * lines; the opening line carries the byte count and SHA-256 of the JSON, so a truncated or
 * interleaved log is detected, never merged as a smaller run.
 */
export const HANDOVER_BEGIN = 'perfgate-results-begin';
export const HANDOVER_END = 'perfgate-results-end';
const LINE_WIDTH = 76;

export type HandoverRead =
  | { state: 'found'; results: LoadResults }
  | { state: 'absent' }
  | { state: 'corrupt'; reason: string };

/** The framed lines (ending with a newline) that carry `results`. */
export function encodeHandover(results: LoadResults): string {
  const json = Buffer.from(JSON.stringify(results), 'utf8');
  const body = gzipSync(json).toString('base64');
  const lines = [`${HANDOVER_BEGIN} v1 bytes=${json.length} sha256=${sha256(json)}`];
  for (let at = 0; at < body.length; at += LINE_WIDTH) lines.push(body.slice(at, at + LINE_WIDTH));
  lines.push(HANDOVER_END);
  return `${lines.join('\n')}\n`;
}

/** Finds the last frame in a log and checks it; other log lines around it are ignored. */
export function decodeHandover(log: string): HandoverRead {
  const lines = log.split(/\r?\n/);
  const begin = lines.findLastIndex((line) => line.startsWith(`${HANDOVER_BEGIN} `));
  if (begin < 0) return { state: 'absent' };
  const header = /^\S+ v1 bytes=(\d+) sha256=([0-9a-f]{64})$/.exec(lines[begin]?.trim() ?? '');
  if (!header) return { state: 'corrupt', reason: `unknown results header "${lines[begin]}"` };
  const end = lines.indexOf(HANDOVER_END, begin + 1);
  if (end < 0) return { state: 'corrupt', reason: 'the results end marker is missing (log cut short?)' };
  let json: Buffer;
  try {
    json = gunzipSync(Buffer.from(lines.slice(begin + 1, end).join(''), 'base64'));
  } catch (error) {
    return { state: 'corrupt', reason: `results do not decompress: ${(error as Error).message}` };
  }
  if (json.length !== Number(header[1]) || sha256(json) !== header[2]) {
    return { state: 'corrupt', reason: 'results do not match their checksum' };
  }
  try {
    return { state: 'found', results: JSON.parse(json.toString('utf8')) as LoadResults };
  } catch (error) {
    return { state: 'corrupt', reason: `results are not JSON: ${(error as Error).message}` };
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
