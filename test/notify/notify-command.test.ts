import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../src/report/index.js';
import { runBinary, runInProcess } from '../helpers/cli.js';
import { HttpReceiver } from './http-receiver.js';
import { SmtpReceiver, subjectOf } from './smtp-receiver.js';
import { pagerDutyAccepted, pagerDutyProblems, slackProblems } from './validators.js';

const SLACK_PATH = '/services/T0CLI/B0CLI/cliSlackT0ken';
const ROUTING_KEY = 'cliRoutingKey0123456789abcdefABC';
const SMTP_PASSWORD = 'cli-smtp-Pa55';

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

/** A project whose config points PagerDuty and a webhook at the local receiver. */
function project(notifications: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfgate-notify-'));
  writeFileSync(join(dir, 'perfgate.config.yaml'), `name: shop\nnotifications:\n${notifications}`);
  return dir;
}

const secretsEnv = () => ({
  SLACK_WEBHOOK_URL: http.url(SLACK_PATH),
  PAGERDUTY_ROUTING_KEY: ROUTING_KEY,
  EMAIL_RECIPIENTS: 'sre@example.com,perf@example.com',
  SMTP_URL: smtp.url(),
});
// The file names the routing key by its env var: a section is validated as the file states it.
const pagerDutyAt = () =>
  `  pagerduty:\n    routingKey: \${PAGERDUTY_ROUTING_KEY}\n    eventsUrl: ${http.url('/v2/enqueue')}\n    retries: 0\n`;

describe('perfgate notify test', () => {
  it('sends a test through every configured channel, one line each, and exits 0', async () => {
    const dir = project(`${pagerDutyAt()}  webhooks:\n    - name: ops\n      url: ${http.url('/ops')}\n`);
    const events = http.received('/v2/enqueue').length;
    const run = await runInProcess(['notify', 'test'], { cwd: dir, env: secretsEnv() });
    expect(run.stderr).toContain('4 of 4 channels sent the test notification');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.map((line) => line.split(/\s+/).slice(0, 2))).toEqual([
      ['slack', 'sent'],
      ['email', 'sent'],
      ['pagerduty', 'sent'],
      ['ops', 'sent'],
    ]);
    expect(lines[1]).toMatch(/^email\s+sent\s+smtp:\/\/127\.0\.0\.1:\d+\s+\(1 attempt, \d+ ms\)$/);
    const pagerduty = http.received('/v2/enqueue').slice(events);
    expect(pagerduty.map((event) => (event.body as { event_action: string }).event_action)).toEqual([
      'trigger',
      'resolve',
    ]);
    expect(pagerduty[0]?.body).toMatchObject({ routing_key: ROUTING_KEY, payload: { source: 'shop (ci)' } });
    expect(http.received(SLACK_PATH).at(-1)?.problems).toEqual([]);
    const mail = smtp.mails.at(-1);
    expect(mail?.to).toEqual(['sre@example.com', 'perf@example.com']);
    expect(subjectOf(mail?.raw ?? '')).toBe('[perfgate] INFO: perfgate test notification');
  });

  it('--dry-run prints every payload per channel, secrets redacted, and sends nothing', async () => {
    const dir = project(`${pagerDutyAt()}  webhooks:\n    - name: ops\n      url: ${http.url('/ops')}\n`);
    const counts = () =>
      [http.received('/v2/enqueue'), http.received(SLACK_PATH), http.received('/ops')].map((r) => r.length);
    const before = counts();
    const mails = smtp.mails.length;
    const run = await runInProcess(['notify', 'test', '--dry-run'], { cwd: dir, env: secretsEnv() });
    expect(run.code).toBe(0);
    expect(counts()).toEqual(before);
    expect(smtp.mails.length).toBe(mails);
    const headers = run.stdout.split('\n').filter((line) => line.startsWith('── '));
    expect(headers.map((line) => line.split(' ')[1])).toEqual(['slack', 'email', 'pagerduty', 'ops']);
    expect(headers[2]).toContain('(2 requests; dry run, not sent)');
    expect(run.stdout).toContain('"event_action": "trigger"');
    expect(run.stdout).toContain('"event_action": "resolve"');
    expect(run.stdout).toContain('"subject": "[perfgate] INFO: perfgate test notification"');
    expect(run.stdout).not.toContain(ROUTING_KEY);
    expect(run.stdout).toContain('"routing_key": "[redacted]"');
    expect(run.stderr).not.toContain('opens a real incident');
  });

  it('says that a real PagerDuty test opens an incident (and resolves it right after)', async () => {
    const dir = project(pagerDutyAt());
    const run = await runInProcess(['notify', 'test', '--channel', 'pagerduty'], {
      cwd: dir,
      env: secretsEnv(),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('pagerduty: this opens a real incident and resolves it right after');
  });

  it('notify summary e-mails the runs of the last 24 h (never Slack or PagerDuty by default)', async () => {
    const dir = project(pagerDutyAt());
    const store = await openHistoryStore(join(dir, '.perfgate', 'history.db'), { create: true });
    const run = (title: string, status: 'passed' | 'failed', ageMs: number, environment: string) => ({
      recordedAt: Date.now() - ageMs,
      title,
      status,
      environment,
      gatesTotal: 3,
      gatesFailed: status === 'failed' ? 1 : 0,
      failedGates: status === 'failed' ? ['SLO api_p95'] : [],
      metrics: [],
    });
    await store.append(run('old run', 'failed', 3 * 86_400_000, 'ci'), 'a');
    await store.append(run('perfgate run · ci', 'passed', 3_600_000, 'ci'), 'b');
    await store.append(run('perfgate run · staging', 'failed', 60_000, 'staging'), 'c');
    await store.close();
    const counts = () => [http.received('/v2/enqueue'), http.received(SLACK_PATH)].map((r) => r.length);
    const before = counts();
    const sent = await runInProcess(['notify', 'summary'], { cwd: dir, env: secretsEnv() });
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/^email\s+sent/m);
    expect(counts()).toEqual(before);
    const mail = smtp.mails.at(-1)?.raw ?? '';
    expect(subjectOf(mail)).toBe('[perfgate] INFO: perfgate summary, last 24h: 2 runs, 1 not passed');
    expect(mail).toContain('SLO api_p95');
    expect(mail).not.toContain('old run');
    const dry = await runInProcess(['notify', 'summary', '--since', '30m', '--dry-run'], {
      cwd: dir,
      env: secretsEnv(),
    });
    expect(dry.stdout).toContain('── email');
    expect(dry.stdout).toContain('last 30m: 1 run, 1 not passed');
  });

  it('tests only the channels named with --channel', async () => {
    const dir = project(pagerDutyAt());
    const run = await runInProcess(['notify', 'test', '--channel', 'slack'], { cwd: dir, env: secretsEnv() });
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const unknown = await runInProcess(['notify', 'test', '--channel', 'teams'], {
      cwd: dir,
      env: secretsEnv(),
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--channel teams: not configured (configured: slack, email, pagerduty)');
  });

  it('exits 1 when a channel fails, says why, and prints no secret even with debug logs on', async () => {
    http.script('/v2/enqueue', { respond: 400, body: `{"message":"Invalid routing key ${ROUTING_KEY}"}` });
    http.script(SLACK_PATH, { respond: 500, body: 'oops' }, { respond: 500, body: 'oops' }, { respond: 500 });
    const dir = project(`${pagerDutyAt()}  slack:\n    webhookUrl: \${SLACK_WEBHOOK_URL}\n    retries: 1\n`);
    const env = { ...secretsEnv(), DEBUG: 'perfgate:*' };
    const run = await runBinary(['notify', 'test', '--verbose', '--no-color'], { cwd: dir, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^slack\s+failed\s+http:\/\/127\.0\.0\.1:\d+\s+HTTP 500: oops \(2 attempts, \d+ ms\)$/m,
    );
    expect(run.stdout).toMatch(
      /^pagerduty\s+failed\s+.*HTTP 400: \{"message":"Invalid routing key \[redacted\]"\}/m,
    );
    expect(run.stdout).toMatch(/^email\s+sent/m);
    expect(run.stderr).toContain('attempt 1 failed: HTTP 500: oops; retrying in');
    const output = run.stdout + run.stderr;
    for (const secret of [ROUTING_KEY, SLACK_PATH, 'cliSlackT0ken', SMTP_PASSWORD]) {
      expect(output).not.toContain(secret);
    }
  });

  it('exits 2 when no channel is configured', async () => {
    const dir = project('  {}\n');
    const run = await runInProcess(['notify', 'test'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no notification channels configured');
  });

  it('exits 2 on a channel that cannot send or an invalid section, without echoing secrets', async () => {
    const noSmtp = await runInProcess(['notify', 'test'], {
      cwd: project('  email:\n    recipients: sre@example.com\n'),
    });
    expect(noSmtp.code).toBe(2);
    expect(noSmtp.stderr).toContain('email: no SMTP server: set SMTP_URL or notifications.email.smtpUrl');
    const badUrl = await runInProcess(['notify', 'test'], {
      cwd: project('  slack:\n    webhookUrl: ${SLACK_WEBHOOK_URL}\n'),
      env: { SLACK_WEBHOOK_URL: 'hooks.slack.com/services/T0/B0/notAUrlSecret' },
    });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('notifications.slack.webhookUrl: expected an http:// or https:// URL');
    expect(badUrl.stdout + badUrl.stderr).not.toContain('notAUrlSecret');
  });
});
