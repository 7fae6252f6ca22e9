import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifiers, notifyAll, sendToEach, testNotification } from '../../src/notify/index.js';
import { failedRun, notificationsConfig, recordingClock } from './fixtures.js';
import { HttpReceiver } from './http-receiver.js';
import { mimePart, SmtpReceiver, subjectOf } from './smtp-receiver.js';
import { pagerDutyAccepted, pagerDutyProblems, slackProblems } from './validators.js';

const ROUTING_KEY = 'R0UTINGKEY0123456789abcdefABCDEF';
let http: HttpReceiver;
let smtp: SmtpReceiver;

beforeAll(async () => {
  http = await new HttpReceiver()
    .validate('/slack/T000/B000/XXXX', slackProblems)
    .validate('/v2/enqueue', pagerDutyProblems, pagerDutyAccepted)
    .start();
  smtp = await new SmtpReceiver('perf', 's3cr3t-pass').start();
});
afterAll(async () => {
  await http.stop();
  await smtp.stop();
});

function allChannels() {
  const config = notificationsConfig({
    slack: { webhookUrl: http.url('/slack/T000/B000/XXXX'), channel: '#performance-alerts' },
    pagerduty: { routingKey: ROUTING_KEY, eventsUrl: http.url('/v2/enqueue') },
    email: {
      recipients: 'sre@example.com, perf@example.com',
      smtpUrl: smtp.url(),
      from: 'perfgate@ci.example.com',
    },
    webhooks: [{ url: http.url('/hook'), headers: { authorization: 'Bearer t0k3n' }, minSeverity: 'info' }],
  });
  return createNotifiers(config, { clock: recordingClock() });
}

describe('channels against real local receivers', () => {
  it('routes a critical run result to Slack, PagerDuty and the webhook, and a summary to email', async () => {
    const { notifiers, redact, problems } = allChannels();
    expect(problems).toEqual([]);
    const results = await notifyAll(failedRun(), notifiers, { clock: recordingClock(), redact });
    expect(results.map((result) => [result.channel, result.state, result.attempts])).toEqual([
      ['slack', 'sent', 1],
      ['email', 'sent', 1],
      ['pagerduty', 'sent', 1],
      ['webhook', 'sent', 1],
    ]);
  });

  it('sends Slack a valid Block Kit message: verdict header, facts as fields, links in the context', () => {
    const [slack] = http.received('/slack/T000/B000/XXXX');
    expect(slack?.problems).toEqual([]);
    const body = slack?.body as { channel: string; blocks: Array<Record<string, unknown>> };
    expect(body.channel).toBe('#performance-alerts');
    expect(body.blocks.map((block) => block.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(JSON.stringify(body.blocks[0])).toContain(':red_circle: perfgate run failed: 2 SLOs violated');
    expect(JSON.stringify(body.blocks[1])).toContain('&lt;ci&gt;');
    const fields = (body.blocks[2] as { fields: Array<{ text: string }> }).fields.map((field) => field.text);
    expect(fields[0]).toBe('*model_router_p95*\n2412 ms (target ≤ 2000 ms)');
    const context = JSON.stringify(body.blocks[3]);
    expect(context).toContain('<https://ci.example.com/runs/42/report.html|HTML report>');
    expect(context).toContain('JSON results: `results/run-42.json`');
  });

  it('sends PagerDuty one trigger per critical SLO with its dedup_key, severity and details', () => {
    const events = http.received('/v2/enqueue');
    expect(events.every((event) => event.problems.length === 0)).toBe(true);
    expect(events.map((event) => event.body)).toMatchObject([
      {
        routing_key: ROUTING_KEY,
        event_action: 'trigger',
        dedup_key: 'perfgate:slo:model_router_p95',
        payload: {
          summary: 'p95 over',
          source: 'model-router (ci)',
          severity: 'critical',
          timestamp: '2026-11-27T03:00:00.000Z',
          custom_details: { model_router_p95: '2412 ms (target ≤ 2000 ms)' },
        },
        links: [{ href: 'https://ci.example.com/runs/42/report.html', text: 'HTML report' }],
      },
      {
        event_action: 'trigger',
        dedup_key: 'perfgate:slo:model_router_availability',
        payload: { severity: 'critical', summary: 'avail' },
      },
    ]);
    expect(events).toHaveLength(2);
  });

  it('e-mails every recipient from the configured sender, with a subject and text and HTML parts', () => {
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail?.from).toBe('perfgate@ci.example.com');
    expect(mail?.to).toEqual(['sre@example.com', 'perf@example.com']);
    const raw = mail?.raw ?? '';
    expect(subjectOf(raw)).toBe('[perfgate] CRITICAL: perfgate run failed: 2 SLOs violated');
    const text = mimePart(raw, 'text/plain');
    expect(text).toContain('- model_router_p95: 2412 ms (target ≤ 2000 ms)');
    expect(text).toContain('HTML report: https://ci.example.com/runs/42/report.html');
    const html = mimePart(raw, 'text/html');
    expect(html).toContain('<th align="left">model_router_p95</th><td>2412 ms (target ≤ 2000 ms)</td>');
    expect(html).toContain('&lt;ci&gt;');
    expect(html).toContain('<a href="https://ci.example.com/runs/42/report.html">HTML report</a>');
  });

  it('posts the notification as JSON to the webhook, with its headers', () => {
    const [hook] = http.received('/hook');
    expect(hook?.headers.authorization).toBe('Bearer t0k3n');
    expect(hook?.body).toMatchObject({
      schemaVersion: 1,
      kind: 'run-result',
      severity: 'critical',
      time: '2026-11-27T03:00:00.000Z',
      facts: failedRun().facts,
    });
  });

  it('resolves each SLO incident by its dedup_key, on the channels that got the trigger', async () => {
    const { notifiers, redact } = allChannels();
    const before = http.received('/v2/enqueue').length;
    const recovered = failedRun({
      kind: 'slo-state-change',
      action: 'resolve',
      title: 'model_router_p95 recovered',
      alerts: [
        { dedupKey: 'perfgate:slo:model_router_p95', action: 'resolve', severity: 'critical', summary: 'ok' },
      ],
    });
    const results = await notifyAll(recovered, notifiers, { clock: recordingClock(), redact });
    expect(results.map((result) => result.channel)).toEqual(['slack', 'pagerduty', 'webhook']);
    const events = http.received('/v2/enqueue').slice(before);
    expect(events.map((event) => event.body)).toEqual([
      {
        routing_key: ROUTING_KEY,
        event_action: 'resolve',
        dedup_key: 'perfgate:slo:model_router_p95',
        client: 'perfgate',
      },
    ]);
    const slack = http.received('/slack/T000/B000/XXXX').at(-1)?.body;
    expect(JSON.stringify(slack)).toContain(':white_check_mark: model_router_p95 recovered');
  });

  it('never pages for a CI or staging run, nor for one without an environment, unless routed there', async () => {
    const { notifiers, redact } = allChannels();
    const before = http.received('/v2/enqueue').length;
    for (const environment of ['ci', 'staging', undefined]) {
      const run = { ...failedRun(), environment };
      const results = await notifyAll(run, notifiers, { clock: recordingClock(), redact });
      expect(results.map((result) => result.channel)).toEqual(['slack', 'email', 'webhook']);
    }
    expect(http.received('/v2/enqueue').length).toBe(before);
    const config = notificationsConfig({
      pagerduty: { routingKey: ROUTING_KEY, eventsUrl: http.url('/v2/enqueue'), environments: ['staging'] },
    });
    const routed = createNotifiers(config, { clock: recordingClock() });
    const staging = await notifyAll({ ...failedRun(), environment: 'staging' }, routed.notifiers, {
      clock: recordingClock(),
      redact: routed.redact,
    });
    expect(staging.map((result) => [result.channel, result.state])).toEqual([['pagerduty', 'sent']]);
  });

  it('sends only warnings to Slack and the webhook, not to PagerDuty or email', async () => {
    const { notifiers, redact } = allChannels();
    const warning = failedRun({ kind: 'slo-state-change', severity: 'warning', alerts: [] });
    const results = await notifyAll(warning, notifiers, { clock: recordingClock(), redact });
    expect(results.map((result) => result.channel)).toEqual(['slack', 'webhook']);
  });

  it('a PagerDuty test triggers and then resolves its own key, leaving no incident open', async () => {
    const { notifiers, redact } = allChannels();
    const pagerduty = notifiers.filter((notifier) => notifier.name === 'pagerduty');
    const before = http.received('/v2/enqueue').length;
    const [result] = await sendToEach(testNotification('demo (ci)', Date.UTC(2026, 0, 1)), pagerduty, {
      clock: recordingClock(),
      redact,
    });
    expect(result?.state).toBe('sent');
    const events = http
      .received('/v2/enqueue')
      .slice(before)
      .map((event) => event.body as Record<string, unknown>);
    expect(events.map((event) => event.event_action)).toEqual(['trigger', 'resolve']);
    expect(events[0]?.dedup_key).toBe(events[1]?.dedup_key);
    expect(events[0]).toMatchObject({ payload: { severity: 'info', source: 'demo (ci)' } });
  });
});
