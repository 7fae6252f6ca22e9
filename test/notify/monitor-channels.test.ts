// `perfgate monitor` → the configured channels, against real local receivers: one PagerDuty
// incident per SLO and environment, triggered once while the SLO burns and resolved once when it
// recovers; a non-production monitor posts to Slack and never pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/cli/clock.js';
import { channelNotifier } from '../../src/cli/slo/channel-notifier.js';
import { runMonitor } from '../../src/cli/slo/monitor-loop.js';
import type { Clock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { type BudgetSlo, hasBudget } from '../../src/slo/model.js';
import type { PrometheusQuerier } from '../../src/slo/prometheus/client.js';
import { sloFromSpec } from '../../src/slo/spec.js';
import { notificationsConfig } from './fixtures.js';
import { HttpReceiver } from './http-receiver.js';
import { pagerDutyAccepted, pagerDutyProblems, slackProblems } from './validators.js';

const SLACK = '/slack/T0MON/B0MON/monitorT0ken';
const ROUTING_KEY = 'M0NITORKEY0123456789abcdefABCDEF';
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

let http: HttpReceiver;
beforeAll(async () => {
  http = await new HttpReceiver()
    .validate(SLACK, slackProblems)
    .validate('/v2/enqueue', pagerDutyProblems, pagerDutyAccepted)
    .start();
});
afterAll(async () => http.stop());

/** Runs the monitor over `ratios` (the bad-event ratio Prometheus answers each round). */
async function monitor(environment: string, ratios: number[]): Promise<string[]> {
  let round = 0;
  let now = Date.UTC(2026, 0, 1);
  const controller = new AbortController();
  const clock: Clock = {
    now: () => now,
    monotonic: () => now,
    sleep: async (ms) => {
      now += ms;
      round += 1;
      if (round >= ratios.length) controller.abort();
    },
  };
  const querier: PrometheusQuerier = {
    query: async () => ({ state: 'ok', samples: [{ labels: {}, value: ratios[round] ?? 0 }] }),
  };
  const { notifier, problems } = channelNotifier({
    notifications: notificationsConfig({
      slack: { webhookUrl: http.url(SLACK) },
      pagerduty: { routingKey: ROUTING_KEY, eventsUrl: http.url('/v2/enqueue') },
    }),
    environment,
    // Deliveries run on the real clock (their time limits); the monitor's rounds on the fake one.
    clock: systemClock,
    logger: silentLogger,
  });
  expect(problems).toEqual([]);
  const errors: string[] = [];
  await runMonitor({
    slos: [slo],
    querier,
    clock,
    intervalMs: 60_000,
    once: false,
    notifiers: notifier ? [notifier] : [],
    onNotifyError: (_, error) => void errors.push(String(error)),
    signal: controller.signal,
  });
  return errors;
}

describe('perfgate monitor → Slack and PagerDuty', () => {
  it('pages once for a production SLO that keeps burning, and resolves once when it recovers', async () => {
    const before = http.received('/v2/enqueue').length;
    expect(await monitor('production', [0, 0.5, 0.5, 0.5, 0.5, 0, 0, 0])).toEqual([]);
    const events = http
      .received('/v2/enqueue')
      .slice(before)
      .map((r) => r.body as Record<string, unknown>);
    expect(events.map((event) => [event.event_action, event.dedup_key])).toEqual([
      ['trigger', 'perfgate:slo:production:api_availability'],
      ['resolve', 'perfgate:slo:production:api_availability'],
    ]);
    expect(events[0]).toMatchObject({ routing_key: ROUTING_KEY, payload: { severity: 'critical' } });
  });

  it('never pages for a staging monitor: Slack hears it instead', async () => {
    const pages = http.received('/v2/enqueue').length;
    const slack = http.received(SLACK).length;
    expect(await monitor('staging', [0, 0.5, 0.5, 0])).toEqual([]);
    expect(http.received('/v2/enqueue').length).toBe(pages);
    const messages = http.received(SLACK).slice(slack);
    expect(messages.map((m) => JSON.stringify(m.body))).toEqual([
      expect.stringContaining('api_availability critical on perfgate monitor (staging)'),
      expect.stringContaining('api_availability recovered on perfgate monitor (staging)'),
    ]);
  });
});
