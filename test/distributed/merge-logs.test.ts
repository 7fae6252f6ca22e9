/** `perfgate merge` reads a generator's log (`kubectl logs POD`) as well as its `-o` JSON. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IterationFn } from '../../src/load/contracts.js';
import { encodeHandover } from '../../src/load/metrics/handover.js';
import type { IterationDeps } from '../../src/load/run/generator.js';
import { runLoadTest } from '../../src/load/run/run-load-test.js';
import { runInProcess } from '../helpers/cli.js';
import { FakeClock } from '../load/engine/fake-clock.js';

async function segment(index: number) {
  const clock = new FakeClock();
  const script = {
    config: { target: 'http://127.0.0.1:9', phases: [{ duration: 1, arrivalRate: 10 }] },
    scenarios: [{ flow: [{ get: { url: '/' } }] }],
  };
  // Each iteration counts a request, as a real flow does (a run that sent nothing exits 3).
  const iterate =
    ({ metrics }: IterationDeps): IterationFn =>
    async () => {
      metrics.counter('http.requests');
      return { state: 'completed' };
    };
  return clock.run(runLoadTest(script, { clock, segment: { index, count: 2 }, createIteration: iterate }));
}

describe('perfgate merge of generator logs', () => {
  it('takes the framed results out of a log, and names a damaged one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfgate-merge-logs-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(await segment(0)));
    const log = `segment 2/2 ready\n[12:00:01] 5 requests\n${encodeHandover(await segment(1))}`;
    writeFileSync(join(dir, 'pod-1.log'), log);
    writeFileSync(join(dir, 'cut.log'), log.slice(0, log.length - 40));
    const run = await runInProcess(['merge', 'a.json', 'pod-1.log', '-o', 'all.json', '--allow-saturated'], {
      cwd: dir,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('segments 1/2, 2/2');
    const damaged = await runInProcess(['merge', 'a.json', 'cut.log', '-o', 'all.json'], { cwd: dir });
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(
      /cut\.log: its --print-results output is damaged: the results end marker is missing/,
    );
  });
});
