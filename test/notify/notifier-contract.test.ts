import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/cli/clock.js';
import { createNotifiers, DeliveryError, type Notifier } from '../../src/notify/index.js';
import { failedRun, notificationsConfig } from './fixtures.js';
import { HttpReceiver } from './http-receiver.js';
import { SmtpReceiver } from './smtp-receiver.js';

/**
 * The Notifier contract (src/notify/notifier.ts), run against every channel type: `send` resolves
 * when the receiver accepts; rejects with a retryable DeliveryError on a transient refusal and a
 * final one on a permanent refusal; stops when its signal aborts, even if the receiver hangs.
 */
interface ChannelUnderTest {
  notifier: () => Notifier;
  accept: () => void;
  refuseTransiently: () => void;
  refusePermanently: () => void;
  hanging: () => Notifier;
}

let http: HttpReceiver;
let smtp: SmtpReceiver;
let silent: Server;
const sockets = new Set<Socket>();

beforeAll(async () => {
  http = await new HttpReceiver().start();
  smtp = await new SmtpReceiver('perf', 'pw').start();
  // Accepts connections and never says a word: a hanging SMTP server.
  silent = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  await http.stop();
  await smtp.stop();
});

const only = (section: Record<string, unknown>): Notifier => {
  const [notifier] = createNotifiers(notificationsConfig(section), { clock: systemClock }).notifiers;
  if (!notifier) throw new Error('no notifier configured');
  return notifier;
};

function httpChannel(path: string, section: (url: string) => Record<string, unknown>): ChannelUnderTest {
  return {
    notifier: () => only(section(http.url(path))),
    accept: () => {},
    refuseTransiently: () => http.script(path, { respond: 503 }),
    refusePermanently: () => http.script(path, { respond: 403 }),
    hanging: () => {
      http.script('/hang', { hang: true });
      return only(section(http.url('/hang')));
    },
  };
}

const silentPort = () => (silent.address() as { port: number }).port;

const CHANNELS: Record<string, ChannelUnderTest> = {
  slack: httpChannel('/slack', (webhookUrl) => ({ slack: { webhookUrl } })),
  pagerduty: httpChannel('/pd', (eventsUrl) => ({ pagerduty: { routingKey: 'k3y', eventsUrl } })),
  webhook: httpChannel('/wh', (url) => ({ webhooks: [{ url }] })),
  email: {
    notifier: () => only({ email: { recipients: 'sre@example.com', smtpUrl: smtp.url() } }),
    accept: () => {
      smtp.refuseRecipientsWith = undefined;
    },
    refuseTransiently: () => {
      smtp.refuseRecipientsWith = 451;
    },
    refusePermanently: () => {
      smtp.refuseRecipientsWith = 550;
    },
    hanging: () =>
      only({ email: { recipients: 'sre@example.com', smtpUrl: `smtp://127.0.0.1:${silentPort()}` } }),
  },
};

const rejection = async (promise: Promise<unknown>): Promise<DeliveryError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
};

describe.each(Object.entries(CHANNELS))('the %s notifier', (_name, channel) => {
  it('resolves when the receiver accepts', async () => {
    channel.accept();
    await expect(channel.notifier().send(failedRun(), new AbortController().signal)).resolves.toBeUndefined();
  });

  it('rejects with a retryable error on a transient refusal', async () => {
    channel.refuseTransiently();
    const error = await rejection(channel.notifier().send(failedRun(), new AbortController().signal));
    expect(error.retryable).toBe(true);
  });

  it('rejects with a final error on a permanent refusal', async () => {
    channel.refusePermanently();
    const error = await rejection(channel.notifier().send(failedRun(), new AbortController().signal));
    expect(error.retryable).toBe(false);
    channel.accept();
  });

  it('stops when its signal aborts, even while the receiver hangs', async () => {
    const controller = new AbortController();
    const sending = channel.hanging().send(failedRun(), controller.signal);
    setTimeout(() => controller.abort(new Error('stop')), 100);
    await rejection(sending);
  });
});
