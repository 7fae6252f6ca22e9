// `config.faults` in a load script: `perfgate load` puts the fault proxy in front of the target.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/cli.js';
import { startTarget } from '../../observability/processes.js';

let target: Awaited<ReturnType<typeof startTarget>>;
const dir = mkdtempSync(join(tmpdir(), 'perfgate-script-faults-'));

beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => {
  await target.close();
  rmSync(dir, { recursive: true, force: true });
});

const script = (faults: string) => `
config:
  target: ${target.url}
  phases: [{ duration: 2, arrivalRate: 20 }]
  faults:
${faults}
scenarios:
  - flow: [{ get: { url: /api/items } }]
`;

describe('perfgate load with config.faults', { timeout: 30_000 }, () => {
  it('answers injected errors during the fault window only, then the service answers', async () => {
    writeFileSync(
      join(dir, 'faulted.yml'),
      script(
        '    - { name: first-second, endpoint: GET /api/items, to: 1s, error: { status: 503, ratio: 1 } }',
      ),
    );
    const run = await runInProcess(['load', 'faulted.yml', '-o', 'out.json', '--quiet'], { cwd: dir });
    expect(run.stderr).toMatch(
      /faults: proxy http:\/\/127\.0\.0\.1:\d+ in front of http:\/\/127\.0\.0\.1:\d+/,
    );
    const counters = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).aggregate.counters;
    // ~20 arrivals in the first second get 503, ~20 in the next get the service's 200.
    expect(counters['http.codes.503']).toBeGreaterThan(10);
    expect(counters['http.codes.200']).toBeGreaterThan(10);
    expect(counters['http.codes.503'] + counters['http.codes.200']).toBe(counters['http.requests']);
  });

  it('reports a bad fault at its place in the script (exit 2)', async () => {
    writeFileSync(join(dir, 'bad.yml'), script('    - { latency: { fixed: 10ms }, error: { status: 503 } }'));
    const run = await runInProcess(['load', 'bad.yml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /bad\.yml:\d+:\d+ config\.faults\[0\]: a fault has exactly one of latency, error, reset, bandwidth, blackhole \(found latency, error\)/,
    );
  });
});
