/**
 * What the distributed tests share: a target on 127.0.0.1 that records every request, and a test
 * directory with a script whose files sit in subfolders (a CSV payload read in sequence, a
 * processor), as a user's repository has them.
 */
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RecordingTarget {
  readonly url: string;
  /** The `user` query value of each request, in arrival order. */
  readonly users: string[];
  /** Requests that lacked the processor's header. */
  unsigned: number;
  close(): Promise<void>;
}

export async function startRecordingTarget(): Promise<RecordingTarget> {
  const target = { users: [] as string[], unsigned: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://target');
    target.users.push(url.searchParams.get('user') ?? '');
    if (req.headers['x-generator'] !== 'perfgate') target.unsigned++;
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return Object.assign(target, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
    },
  });
}

/** 39 arrivals: 2 s at 15/s, then 9 in 1 s; one CSV row per arrival (`order: sequence`). */
export const ARRIVALS = 39;

/**
 * `ensure` checks on the whole test's request count, which only a merge can judge: each third of
 * the test sends 13 requests, the whole 39.
 */
export const ENSURE = {
  /** Passes on each third, fails on the whole. */
  fewerThan30: ['thresholds:', '  - http.requests: 30'],
  /** Fails on each third, passes on the whole. */
  moreThan20: ['conditions:', '  - expression: http.requests > 20'],
  loose: ['thresholds:', '  - http.requests: 1000'],
};

/** Writes `tests/load.yml`, `data/users.csv` (ARRIVALS rows) and `lib/sign.mjs`; returns the dir. */
export function writeTestDir(targetUrl: string, ensure: readonly string[] = ENSURE.loose): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfgate-distributed-'));
  for (const sub of ['tests', 'data', 'lib']) mkdirSync(join(dir, sub));
  const rows = Array.from({ length: ARRIVALS }, (_, i) => `user-${i}`);
  writeFileSync(join(dir, 'data', 'users.csv'), `${rows.join('\n')}\n`);
  writeFileSync(
    join(dir, 'lib', 'sign.mjs'),
    "export function sign(req, context, events, done) { req.headers = { ...req.headers, 'x-generator': 'perfgate' }; done(); }\n",
  );
  writeFileSync(
    join(dir, 'tests', 'load.yml'),
    [
      'config:',
      `  target: ${targetUrl}`,
      '  processor: ../lib/sign.mjs',
      '  phases:',
      '    - { duration: 2, arrivalRate: 15 }',
      '    - { duration: 1, arrivalCount: 9 }',
      '  payload:',
      '    path: ../data/users.csv',
      '    fields: [user]',
      '    order: sequence',
      '  plugins: { ensure: {} }',
      '  ensure:',
      ...ensure.map((line) => `    ${line}`),
      'scenarios:',
      '  - flow:',
      '      - get:',
      '          url: "/item?user={{ user }}"',
      '          beforeRequest: sign',
      '',
    ].join('\n'),
  );
  return dir;
}
