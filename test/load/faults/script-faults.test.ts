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

  it('a fault on a phase answers injected errors only while that phase runs', async () => {
    const phased = `
config:
  target: ${target.url}
  phases:
    - { duration: 1, arrivalRate: 20, name: calm }
    - { duration: 1, arrivalRate: 20, name: outage }
    - { duration: 1, arrivalRate: 20, name: after }
  faults:
    - { phase: outage, error: { status: 503 } }
scenarios:
  - flow: [{ get: { url: /api/items } }]
`;
    writeFileSync(join(dir, 'phased.yml'), phased);
    const run = await runInProcess(['load', 'phased.yml', '-o', 'phased.json'], { cwd: dir });
    expect(run.stderr).toMatch(/fault all-error \(error 503 × 100%, 1s–2s\)/);
    const results = JSON.parse(readFileSync(join(dir, 'phased.json'), 'utf8'));
    const codes = (window: { counters: Record<string, number> }) => ({
      ok: window.counters['http.codes.200'] ?? 0,
      failed: window.counters['http.codes.503'] ?? 0,
    });
    // 500 ms windows from the start: 0 lies in "calm", 3 in "outage", 5 in "after" (the windows at
    // the phases' edges may hold either, by the few ms between the proxy's clock and the load's).
    const windows = results.intermediate.map(codes);
    // (A cold first connection may push the first answers into the next window: counts per window
    // are not asserted, only which code each window inside a phase holds.)
    expect(windows[0]).toMatchObject({ failed: 0 });
    expect(windows[1]).toMatchObject({ failed: 0 });
    expect(windows[3]).toMatchObject({ ok: 0 });
    expect(windows[5] ?? { failed: 0 }).toMatchObject({ failed: 0 });
    const total = codes(results.aggregate);
    expect(total.failed).toBeGreaterThanOrEqual(15);
    expect(total.failed).toBeLessThanOrEqual(25);
    expect(total.ok).toBeGreaterThanOrEqual(35);
  });

  it('names the phases there are when a fault names one that is not (exit 2)', async () => {
    writeFileSync(join(dir, 'nophase.yml'), script('    - { phase: peak, error: { status: 503 } }'));
    const run = await runInProcess(['load', 'nophase.yml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /nophase\.yml:\d+:\d+ config\.faults\[0\]\.phase: no phase "peak": the phases are 0/,
    );
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
