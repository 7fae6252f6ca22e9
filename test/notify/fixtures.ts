import { systemClock } from '../../src/cli/clock.js';
import { notificationsSchema } from '../../src/config/schema/notifications.js';
import type { Clock } from '../../src/core/clock.js';
import type { Notification } from '../../src/notify/index.js';

/** A `perfgate run` verdict with two violated SLOs (one alert each) and a regression. */
export function failedRun(overrides: Partial<Notification> = {}): Notification {
  return {
    kind: 'run-result',
    severity: 'critical',
    action: 'trigger',
    environment: 'production',
    title: 'perfgate run failed: 2 SLOs violated',
    summary: 'model-router p95 latency and availability are outside their objectives <ci>.',
    facts: [
      { label: 'model_router_p95', value: '2412 ms (target ≤ 2000 ms)' },
      { label: 'model_router_availability', value: '99.1 % (target ≥ 99.9 %)' },
      { label: 'toolhub search regression', value: '+31.5 % (p < 0.001)' },
    ],
    links: [
      { label: 'HTML report', url: 'https://ci.example.com/runs/42/report.html' },
      { label: 'JSON results', url: 'results/run-42.json' },
    ],
    alerts: [
      {
        dedupKey: 'perfgate:slo:model_router_p95',
        action: 'trigger',
        severity: 'critical',
        summary: 'p95 over',
      },
      {
        dedupKey: 'perfgate:slo:model_router_availability',
        action: 'trigger',
        severity: 'critical',
        summary: 'avail',
      },
      // A warning inside a critical run: Slack shows it, PagerDuty must not page for it.
      {
        dedupKey: 'perfgate:slo:toolhub_p95',
        action: 'trigger',
        severity: 'warning',
        summary: 'toolhub slow',
      },
    ],
    source: 'model-router (ci)',
    timestamp: Date.UTC(2026, 10, 27, 3, 0, 0),
    ...overrides,
  };
}

/** The `notifications:` section as the config loader produces it (defaults applied). */
export const notificationsConfig = (input: unknown) => notificationsSchema.parse(input);

/** The real clock, recording every sleep it is asked for (timeouts and backoff delays). */
export function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: systemClock.now,
    monotonic: systemClock.monotonic,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return systemClock.sleep(ms, signal);
    },
  };
}
