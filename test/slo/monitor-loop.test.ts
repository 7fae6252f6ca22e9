import { describe, expect, it } from 'vitest';
import { runMonitor } from '../../src/cli/slo/monitor-loop.js';
import type { Clock } from '../../src/core/clock.js';
import type { SloAlertEvent } from '../../src/slo/live/alerts.js';
import { type BudgetSlo, hasBudget } from '../../src/slo/model.js';
import type { PrometheusQuerier } from '../../src/slo/prometheus/client.js';
import { sloFromSpec } from '../../src/slo/spec.js';

const outcome = sloFromSpec({
  name: 'api_availability',
  service: 'api',
  sli: {
    type: 'availability',
    prometheus: { bad: 'sum(rate(b[{{window}}]))', total: 'sum(rate(t[{{window}}]))' },
  },
  slo: { target: 99, operator: '>=' },
});
if (outcome.state !== 'ok' || !hasBudget(outcome.slo)) throw new Error('fixture');
const slo: BudgetSlo = outcome.slo;

describe('runMonitor', () => {
  it('backs off while Prometheus is down (× 2 up to × 8), reports no data once, and recovers', async () => {
    const answers: (number | 'down')[] = ['down', 'down', 'down', 'down', 'down', 0, 0.5, 0.5];
    let round = 0;
    const sleeps: number[] = [];
    const controller = new AbortController();
    let now = 0;
    const clock: Clock = {
      now: () => now,
      monotonic: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
        round += 1;
        if (round >= answers.length) controller.abort();
      },
    };
    const querier: PrometheusQuerier = {
      async query() {
        const answer = answers[round] ?? 0;
        return answer === 'down'
          ? { state: 'errored', error: 'ECONNREFUSED' }
          : { state: 'ok', samples: [{ labels: {}, value: answer }] };
      },
    };
    const events: SloAlertEvent[] = [];
    await runMonitor({
      slos: [slo],
      querier,
      clock,
      intervalMs: 1_000,
      once: false,
      notifiers: [{ name: 'recorder', notify: async (event) => void events.push(event) }],
      onRound: () => {},
      signal: controller.signal,
    });
    expect(sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 1_000, 1_000, 1_000]);
    expect(events.map((event) => event.kind)).toEqual(['no-data', 'firing']);
  });
});
