// Game-day drill notifications are routed by their `drill` event: only channels that list it (or
// that gameday.notify names) hear of a drill; a channel with default routing, PagerDuty included,
// never does. Real HTTP receivers on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock as clock } from '../../src/cli/clock.js';
import { drillChannels, drillNotification } from '../../src/cli/gameday/drill-notify.js';
import { notificationsSchema } from '../../src/config/schema/notifications.js';
import { silentLogger } from '../../src/core/logger.js';
import { createNotifiers, sendToEach } from '../../src/notify/index.js';
import type { DrillPlan, DrillVerdict } from '../../src/pipeline/gameday/index.js';
import { HttpReceiver } from '../notify/http-receiver.js';

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await new HttpReceiver().start();
});
afterAll(() => receiver.stop());

const drill = drillNotification(
  { timeScale: 60 } as DrillPlan,
  { passed: true, results: [], falsePages: [] } as unknown as DrillVerdict,
  'smm-gameday',
);

function channels() {
  const config = notificationsSchema.parse({
    slack: { webhookUrl: receiver.url('/slack') },
    pagerduty: { routingKey: 'R0UTINGKEY0123456789abcdefABCDEF', eventsUrl: receiver.url('/pd') },
    webhooks: [
      { name: 'ops', url: receiver.url('/ops') },
      { name: 'drills', url: receiver.url('/drills'), events: ['drill'], minSeverity: 'info' },
    ],
  });
  return createNotifiers(config, { clock });
}

describe('game-day drill notifications', () => {
  it('reach only the channels whose events list drill; default routing, PagerDuty included, hears nothing', async () => {
    const { notifiers, redact } = channels();
    const chosen = drillChannels(drill, notifiers, []);
    expect(chosen.map((n) => n.name)).toEqual(['drills']);
    const results = await sendToEach(drill, chosen, { clock, logger: silentLogger, redact });
    expect(results.map((r) => [r.state, r.error])).toEqual([['sent', undefined]]);
    expect(receiver.requests.map((r) => r.path)).toEqual(['/drills']);
    expect(JSON.stringify(receiver.requests[0]?.body)).toContain('[DRILL] game day passed');
  });

  it('also reach the channels gameday.notify names, by name or type', () => {
    expect(drillChannels(drill, channels().notifiers, ['slack']).map((n) => n.name)).toEqual([
      'slack',
      'drills',
    ]);
    expect(drillChannels(drill, channels().notifiers, ['webhook']).map((n) => n.name)).toEqual([
      'ops',
      'drills',
    ]);
  });
});
