/**
 * A game day tells only the channels that asked for drills — those whose `events` list `drill`,
 * routed like any notification, and those `gameday.notify` names — never every configured
 * channel: a drill must not page on-call. The notification says plainly that it is a drill.
 */
import type { PerfgateConfig } from '../../config/index.js';
import { formatDuration } from '../../core/duration.js';
import {
  createNotifiers,
  type Notification,
  type Notifier,
  routeNotification,
  sendToEach,
} from '../../notify/index.js';
import type { DrillPlan, DrillVerdict } from '../../pipeline/gameday/index.js';
import { systemClock } from '../clock.js';
import type { CommandContext } from '../context.js';

export function drillNotification(plan: DrillPlan, verdict: DrillVerdict, source: string): Notification {
  const held = verdict.results.filter((r) => r.held).length;
  return {
    kind: 'run-result',
    severity: verdict.passed ? 'info' : 'warning',
    action: 'trigger',
    title: `[DRILL] game day ${verdict.passed ? 'passed' : 'failed'}: ${held}/${verdict.results.length} alert expectations held`,
    summary: `A game-day drill (time scale ${plan.timeScale}), not an incident. ${verdict.falsePages.length} false page(s).`,
    facts: verdict.results.map((r) => ({
      label: `${r.expectation.slo.name} ${r.expectation.alert}`,
      value: r.held
        ? `fired after ${formatDuration(r.timeToFireMs ?? 0)}${r.timeToResolveMs === undefined ? '' : `, resolved ${formatDuration(r.timeToResolveMs)} after the fault`}`
        : r.problems.join('; '),
    })),
    links: [],
    dedupKey: `perfgate-gameday-${source}`,
    source,
    event: 'drill',
    timestamp: systemClock.now(),
  };
}

/** The channels a drill goes to: routed to by its `drill` event, or named in `gameday.notify`. */
export function drillChannels(
  notification: Notification,
  notifiers: readonly Notifier[],
  named: readonly string[],
): Notifier[] {
  const routed = routeNotification(notification, notifiers);
  return notifiers.filter((n) => routed.includes(n) || named.includes(n.name) || named.includes(n.type));
}

/** Sends to the drill's channels (drillChannels); problems are warnings, never the verdict. */
export async function notifyDrill(
  { output }: CommandContext<object>,
  config: PerfgateConfig,
  plan: DrillPlan,
  verdict: DrillVerdict,
): Promise<void> {
  const logger = output.logger.child('notify');
  const { notifiers, problems, redact } = createNotifiers(config.notifications, {
    clock: systemClock,
    logger,
  });
  const notification = drillNotification(plan, verdict, config.name ?? 'perfgate');
  const chosen = drillChannels(notification, notifiers, plan.notify);
  const missing = plan.notify.filter((name) => !notifiers.some((n) => n.name === name || n.type === name));
  for (const problem of [
    ...problems,
    ...missing.map((name) => `gameday.notify: no channel ${name} configured`),
  ]) {
    output.warn(problem);
  }
  if (chosen.length === 0) return;
  const results = await sendToEach(notification, chosen, {
    clock: systemClock,
    logger,
    redact,
  });
  for (const result of results) {
    if (result.state === 'sent') output.info(`notified ${result.channel} (drill)`);
    else output.warn(`${result.channel}: ${result.error ?? 'failed'}`);
  }
}
