import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Logger, silentLogger } from '../../src/core/logger.js';
import {
  createNotifiers,
  type DeliveryContext,
  type DeliveryResult,
  notifyAll,
  sendToEach,
} from '../../src/notify/index.js';
import { failedRun, notificationsConfig, recordingClock } from './fixtures.js';
import { HttpReceiver } from './http-receiver.js';
import { SmtpReceiver } from './smtp-receiver.js';
import { pagerDutyAccepted, pagerDutyProblems, slackProblems } from './validators.js';

const SLACK_PATH = '/services/T0SECRET/B0SECRET/slackT0kenSecret';
const ROUTING_KEY = 'pdRoutingKeySecret0123456789abcd';
const SMTP_PASSWORD = 'smtp-Pa55word-secret';
const SECRETS = [
  SLACK_PATH,
  'slackT0kenSecret',
  'T0SECRET',
  ROUTING_KEY,
  'hookHeaderSecret',
  'wrong-password',
];

let http: HttpReceiver;
let smtp: SmtpReceiver;

beforeAll(async () => {
  http = await new HttpReceiver()
    .validate(SLACK_PATH, slackProblems)
    .validate('/v2/enqueue', pagerDutyProblems, pagerDutyAccepted)
    .start();
  smtp = await new SmtpReceiver('perf', SMTP_PASSWORD).start();
});
afterAll(async () => {
  await http.stop();
  await smtp.stop();
});

/** A logger that keeps every line, to prove no secret reaches the logs. */
function capturingLogger(lines: string[]): Logger {
  const keep = (message: string, ...args: unknown[]) => lines.push([message, ...args].join(' '));
  return { debug: keep, info: keep, warn: keep, error: keep, child: () => capturingLogger(lines) };
}

function channels(input: Record<string, unknown>) {
  const clock = recordingClock();
  const configured = createNotifiers(notificationsConfig(input), { clock });
  const logs: string[] = [];
  const context: DeliveryContext = {
    clock,
    redact: configured.redact,
    logger: capturingLogger(logs),
    backoffBaseMs: 20,
    random: () => 0.5,
  };
  return { ...configured, clock, context, logs };
}

const slack = (extra: Record<string, unknown> = {}) => ({ webhookUrl: http.url(SLACK_PATH), ...extra });
const pagerduty = (extra: Record<string, unknown> = {}) => ({
  routingKey: ROUTING_KEY,
  eventsUrl: http.url('/v2/enqueue'),
  ...extra,
});
const summary = (results: DeliveryResult[]) =>
  results.map((result) => ({ channel: result.channel, state: result.state, attempts: result.attempts }));

describe('retries', () => {
  it('retries a 500 with backoff and reports the channel as sent', async () => {
    http.script(SLACK_PATH, { respond: 500, body: 'internal_error' });
    const { notifiers, context, clock } = channels({ slack: slack() });
    const results = await notifyAll(failedRun(), notifiers, context);
    expect(summary(results)).toEqual([{ channel: 'slack', state: 'sent', attempts: 2 }]);
    // One backoff between the attempts: base 20 ms, full jitter at 0.5 → 15 ms (plus 10 s time limits).
    expect(clock.sleeps.filter((ms) => ms !== 10_000)).toEqual([15]);
  });

  it('never retries a 400: the payload or the key is wrong, and will stay wrong', async () => {
    http.script('/v2/enqueue', {
      respond: 400,
      body: '{"status":"invalid event","message":"Event object is invalid"}',
    });
    const { notifiers, context } = channels({ pagerduty: pagerduty() });
    const [result] = await notifyAll(failedRun(), notifiers, context);
    expect(result).toMatchObject({ state: 'failed', attempts: 1 });
    expect(result?.error).toBe('HTTP 400: {"status":"invalid event","message":"Event object is invalid"}');
  });

  it('waits as long as a 429 Retry-After says, then sends', async () => {
    http.script(SLACK_PATH, { respond: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' });
    const { notifiers, context, clock } = channels({ slack: slack() });
    const results = await notifyAll(failedRun(), notifiers, context);
    expect(summary(results)).toEqual([{ channel: 'slack', state: 'sent', attempts: 2 }]);
    expect(clock.sleeps).toContain(1000);
  });

  it('gives up at once when Retry-After is longer than a run may wait', async () => {
    http.script(SLACK_PATH, { respond: 503, headers: { 'retry-after': '3600' } });
    const { notifiers, context } = channels({ slack: slack() });
    const [result] = await notifyAll(failedRun(), notifiers, context);
    expect(result).toMatchObject({ state: 'failed', attempts: 1 });
    expect(result?.error).toBe('HTTP 503 (receiver asked to retry after 3600 s)');
  });

  it('stops after the configured retries when the receiver keeps failing', async () => {
    http.script(SLACK_PATH, { respond: 502 }, { respond: 502 }, { respond: 502 });
    const { notifiers, context } = channels({ slack: slack({ retries: 2 }) });
    const [result] = await notifyAll(failedRun(), notifiers, context);
    expect(result).toMatchObject({ state: 'failed', attempts: 3, error: 'HTTP 502' });
  });

  it('retries network errors (nothing listening) and reports them', async () => {
    const closed = new HttpReceiver();
    await closed.start();
    const url = closed.url('/hook');
    await closed.stop();
    const { notifiers, context } = channels({ webhooks: [{ url, retries: 1 }] });
    const [result] = await notifyAll(failedRun(), notifiers, context);
    expect(result).toMatchObject({ state: 'failed', attempts: 2 });
    expect(result?.error).toMatch(/ECONNREFUSED/);
  });
});

describe('a hanging receiver', () => {
  it('times out each attempt, reports the channel failed, and does not hold up the others', async () => {
    http.script('/hang', { hang: true }, { hang: true });
    const { notifiers, context } = channels({
      slack: slack(),
      webhooks: [{ name: 'stuck', url: http.url('/hang'), timeout: '300ms', retries: 1 }],
    });
    const results = await notifyAll(failedRun(), notifiers, context);
    expect(summary(results)).toEqual([
      { channel: 'slack', state: 'sent', attempts: 1 },
      { channel: 'stuck', state: 'failed', attempts: 2 },
    ]);
    expect(results[1]?.error).toBe('timed out after 300 ms');
    expect(http.received('/hang')).toHaveLength(2);
  });

  it('ends every delivery promptly when the run is interrupted', async () => {
    http.script('/hang', { hang: true });
    const { notifiers, context } = channels({ webhooks: [{ url: http.url('/hang'), retries: 3 }] });
    const controller = new AbortController();
    const delivery = notifyAll(failedRun(), notifiers, { ...context, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const [result] = await delivery;
    expect(result).toMatchObject({ state: 'failed', attempts: 1, error: 'interrupted' });
  });
});

describe('secrets', () => {
  it('never appear in results or logs, even when every channel fails', async () => {
    http.script(SLACK_PATH, { respond: 404, body: `no_service for ${SLACK_PATH}` });
    http.script('/v2/enqueue', { respond: 400, body: `invalid routing key ${ROUTING_KEY}` });
    http.script('/echo', { respond: 401, body: 'bad token hookHeaderSecret in Bearer hookHeaderSecret' });
    const { notifiers, context, logs, redact } = channels({
      slack: slack(),
      pagerduty: pagerduty(),
      email: { recipients: ['sre@example.com'], smtpUrl: smtp.url('wrong-password') },
      webhooks: [{ url: http.url('/echo'), headers: { authorization: 'Bearer hookHeaderSecret' } }],
    });
    const results = await notifyAll(failedRun(), notifiers, context);
    expect(summary(results).map((result) => result.state)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(results[0]?.error).toBe('HTTP 404: no_service for [redacted]');
    expect(results[1]?.error).toMatch(/^EAUTH: /);
    expect(results[2]?.error).toBe('HTTP 400: invalid routing key [redacted]');
    expect(results[3]?.error).toBe('HTTP 401: bad token [redacted] in [redacted]');
    const everything = [
      JSON.stringify(results),
      ...logs,
      ...notifiers.map((notifier) => notifier.target),
    ].join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(everything).not.toContain(SMTP_PASSWORD);
    for (const secret of SECRETS) {
      expect(redact(`x ${secret} y`)).toContain('[redacted]');
      expect(everything).not.toContain(secret);
    }
  });

  it('are kept out of the e-mail target and the SMTP error when the password is rejected', async () => {
    const { notifiers, context } = channels({
      email: { recipients: 'sre@example.com', smtpUrl: smtp.url('nope-Secret-9') },
    });
    expect(notifiers[0]?.target).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    const [result] = await sendToEach(failedRun(), notifiers, { ...context, logger: silentLogger });
    expect(result).toMatchObject({ state: 'failed', attempts: 1 });
    expect(result?.error).not.toContain('nope-Secret-9');
  });
});
