/**
 * What every history store promises (src/report/history/store.ts), as one suite each backend
 * runs against itself: `open(create)` gives a fresh store, or reopens the same one.
 */
import { describe, expect, it } from 'vitest';
import { isPerfgateError } from '../../src/core/errors.js';
import { type HistoryStore, summarizeRun } from '../../src/report/index.js';
import { sampleReport } from './sample-report.js';

export async function errorCode(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return isPerfgateError(error) ? error.code : `not a PerfgateError: ${String(error)}`;
  }
  return undefined;
}

export function historyStoreContract(
  backend: string,
  fresh: () => { open(create: boolean): Promise<HistoryStore> },
): void {
  describe(`history store contract: ${backend}`, () => {
    it('appends runs once per key, lists them newest first and shows one with its metrics', async () => {
      const place = fresh();
      const store = await place.open(true);
      const summary = summarizeRun(sampleReport());
      expect(await store.append(summary, 'a')).toEqual({ id: 1, added: true });
      expect(await store.append(summary, 'a')).toEqual({ id: 1, added: false });
      const passed = { ...summary, status: 'passed' as const, gatesFailed: 0, failedGates: [] };
      expect(await store.append(passed, 'b')).toEqual({ id: 2, added: true });
      await store.close();

      const reopened = await place.open(false);
      expect((await reopened.listRuns(10)).map((run) => [run.id, run.status])).toEqual([
        [2, 'passed'],
        [1, 'failed'],
      ]);
      expect(await reopened.listRuns(1)).toHaveLength(1);
      const { run, metrics } = await reopened.getRun(1);
      expect(run).toMatchObject({ runKey: 'a', title: 'nightly', commit: '0123456789abcdef' });
      expect(run.failedGates).toContain('model_router_availability');
      expect(metrics.find((m) => m.name === 'slo/model_router_availability')).toEqual({
        name: 'slo/model_router_availability',
        value: 98.96,
        unit: '%',
        better: 'higher',
      });
      expect(await errorCode(() => reopened.getRun(99))).toBe('HISTORY_RUN_NOT_FOUND');
      await reopened.close();
    });

    it('gives each metric as a series over the newest runs, oldest first', async () => {
      const store = await fresh().open(true);
      const summary = summarizeRun(sampleReport());
      for (const [i, p95] of [120, 121, 150].entries()) {
        const metrics = summary.metrics.map((m) =>
          m.name === 'slo/model_router_p95' ? { ...m, value: p95 } : m,
        );
        await store.append({ ...summary, metrics, recordedAt: summary.recordedAt + i }, `run-${i}`);
      }
      const p95 = (await store.series(2)).find((s) => s.name === 'slo/model_router_p95');
      expect(p95).toMatchObject({ name: 'slo/model_router_p95', better: 'lower' });
      expect(p95?.points.map((p) => [p.runId, p.value])).toEqual([
        [2, 121],
        [3, 150],
      ]);
      await store.close();
    });
  });
}
