/**
 * A multi-region run, merged: `slo check` shows each region's latency next to the whole run's,
 * and an SLO scoped to one region (`sli.region`) gates on that region alone.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IterationFn } from '../../src/load/contracts.js';
import { type LoadResults, mergeResults, mergeSegments } from '../../src/load/metrics/results.js';
import type { IterationFactory } from '../../src/load/run/generator.js';
import { runLoadTest } from '../../src/load/run/run-load-test.js';
import { runInProcess } from '../helpers/cli.js';
import { FakeClock } from '../load/engine/fake-clock.js';

/** Every request of this generator answers 200 after `latencyMs`. */
const answersIn =
  (latencyMs: number): IterationFactory =>
  ({ metrics }): IterationFn =>
  async () => {
    metrics.counter(['http.requests', 'http.codes.200', 'http.responses']);
    metrics.summary('perfgate.http.duration', latencyMs);
    return { state: 'completed' };
  };

async function generator(index: number, region: string, latencyMs: number): Promise<LoadResults> {
  const clock = new FakeClock();
  const script = {
    config: { target: 'http://127.0.0.1:9', phases: [{ duration: 2, arrivalRate: 10 }] },
    scenarios: [{ flow: [{ get: { url: '/' } }] }],
  };
  return clock.run(
    runLoadTest(script, {
      clock,
      segment: { index, count: 2 },
      region,
      createIteration: answersIn(latencyMs),
    }),
  );
}

describe('per-region results', () => {
  it('judges each region beside the whole run, and gates a region-scoped SLO on its region', async () => {
    const merged = mergeResults([await generator(0, 'eu-west-1', 40), await generator(1, 'us-east-1', 120)]);
    const dir = mkdtempSync(join(tmpdir(), 'perfgate-regions-'));
    writeFileSync(join(dir, 'merged.json'), JSON.stringify(merged));
    writeFileSync(
      join(dir, 'perfgate.config.yaml'),
      [
        'slos:',
        '  - name: api_p50',
        '    service: api',
        '    sli: { type: latency, percentile: 50 }',
        '    slo: { target: 100, operator: "<=", unit: ms }',
        '  - name: api_p50_us',
        '    service: api',
        '    sli: { type: latency, percentile: 50, region: us-east-1 }',
        '    slo: { target: 100, operator: "<=", unit: ms }',
        '  - name: api_p50_mars',
        '    service: api',
        '    sli: { type: latency, percentile: 50, region: mars-1 }',
        '    slo: { target: 100, operator: "<=", unit: ms }',
        '',
      ].join('\n'),
    );
    const run = await runInProcess(['--no-color', '--verbose', 'slo', 'check', 'merged.json'], { cwd: dir });
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    const whole = lines.findIndex((line) => line.includes('api_p50 [whole run]'));
    expect(lines[whole]).toMatch(/✓ pass {2}api_p50 \[whole run\] p50 40\.\d+ ms/);
    expect(lines[whole + 1]).toMatch(/^ {4}✓ pass {2}region eu-west-1 p50 40\.\d+ ms$/);
    expect(lines[whole + 2]).toMatch(/^ {4}✗ FAIL {2}region us-east-1 p50 120\.\d+ ms$/);
    expect(run.stdout).toMatch(/✗ FAIL {2}api_p50_us \[whole run, region us-east-1\] p50 120\.\d+ ms/);
    expect(run.stdout).toMatch(
      /– not covered {2}api_p50_mars \[no region "mars-1" in the results \(regions: eu-west-1, us-east-1\)\]/,
    );
  });

  it('reports latency per region next to the whole run, and an incomplete run as untrusted', async () => {
    const eu = await generator(0, 'eu-west-1', 40);
    const dir = mkdtempSync(join(tmpdir(), 'perfgate-regions-report-'));
    writeFileSync(
      join(dir, 'merged.json'),
      JSON.stringify(mergeResults([eu, await generator(1, 'us-east-1', 120)])),
    );
    writeFileSync(join(dir, 'partial.json'), JSON.stringify(mergeSegments([eu])));
    const args = ['report', '--no-history', '--markdown', 'r.md', '--json', 'r.json', '--html', 'r.html'];
    expect((await runInProcess([...args, 'merged.json'], { cwd: dir })).code).toBe(0);
    const markdown = readFileSync(join(dir, 'r.md'), 'utf8');
    expect(markdown).toMatch(/\| whole run \| 20 \| 0 \| 40(\.\d+)? ms \|/);
    expect(markdown).toMatch(/\| us-east-1 \| 10 \| 0 \| 120(\.\d+)? ms \|/);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('Latency by region');
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.loadTests[0].regions.map((r: { name: string }) => r.name)).toEqual([
      'eu-west-1',
      'us-east-1',
    ]);
    await runInProcess([...args, 'partial.json'], { cwd: dir });
    const partial = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(partial.verdict.status).not.toBe('passed');
    expect(partial.verdict.gates).toContainEqual(
      expect.objectContaining({
        status: 'failed',
        message: 'segment(s) 2/2 handed over no results: the run is incomplete',
      }),
    );
  });
});
