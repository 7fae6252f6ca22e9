/**
 * A game day tells only the channels its config names (`gameday.notify`), never every configured
 * channel: a drill must not page on-call. The notification says plainly that it is a drill.
 */
import type { PerfgateConfig } from '../../config/index.js';
import { formatDuration } from '../../core/duration.js';
import { createNotifiers, type Notification, notifyAll } from '../../notify/index.js';
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
    timestamp: systemClock.now(),
  };
}

/** Sends to the channels in `gameday.notify` only; problems are warnings, never the verdict. */
export async function notifyDrill(
  { output }: CommandContext<object>,
  config: PerfgateConfig,
  plan: DrillPlan,
  verdict: DrillVerdict,
): Promise<void> {
  if (plan.notify.length === 0) return;
  const logger = output.logger.child('notify');
  const { notifiers, problems, redact } = createNotifiers(config.notifications, {
    clock: systemClock,
    logger,
  });
  const chosen = notifiers.filter((n) => plan.notify.includes(n.name) || plan.notify.includes(n.type));
  const missing = plan.notify.filter((name) => !notifiers.some((n) => n.name === name || n.type === name));
  for (const problem of [
    ...problems,
    ...missing.map((name) => `gameday.notify: no channel ${name} configured`),
  ]) {
    output.warn(problem);
  }
  const results = await notifyAll(drillNotification(plan, verdict, config.name ?? 'perfgate'), chosen, {
    clock: systemClock,
    logger,
    redact,
  });
  for (const result of results) {
    if (result.state === 'sent') output.info(`notified ${result.channel} (drill)`);
    else output.warn(`${result.channel}: ${result.error ?? 'failed'}`);
  }
}
