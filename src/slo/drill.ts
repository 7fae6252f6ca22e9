/**
 * SLOs compressed in time for a game-day drill: every alert window and the period are divided by
 * `timeScale`, so a page that watches 1h / 5m watches 1m / 5s at 60×. The burn-rate factors stay
 * as they are (f = X · P / L is unchanged when P and L shrink alike): the drill checks the very
 * thresholds the real rules use, only sooner.
 */
import { PerfgateError } from '../core/errors.js';
import type { BudgetSlo } from './model.js';

/** A window shorter than this many scrape intervals holds too few samples for `rate()`. */
export const MIN_SCRAPES_PER_WINDOW = 4;

/** Prometheus durations are whole milliseconds. */
const scaled = (ms: number, timeScale: number) => Math.max(1, Math.round(ms / timeScale));

/**
 * The SLO as the drill runs it. Throws `INVALID_ARGUMENT` when a scaled window would hold fewer
 * than MIN_SCRAPES_PER_WINDOW scrapes (the alert could never be computed).
 */
export function scaleSloForDrill(slo: BudgetSlo, timeScale: number, scrapeIntervalMs: number): BudgetSlo {
  if (!(timeScale >= 1)) throw new PerfgateError('INVALID_ARGUMENT', `timeScale ${timeScale}: must be >= 1`);
  const tiers = slo.tiers.map((tier) => ({
    ...tier,
    longWindowMs: scaled(tier.longWindowMs, timeScale),
    shortWindowMs: scaled(tier.shortWindowMs, timeScale),
  }));
  const tooShort = tiers.filter((tier) => tier.shortWindowMs < MIN_SCRAPES_PER_WINDOW * scrapeIntervalMs);
  if (tooShort.length > 0) {
    const names = tooShort.map((tier) => `${tier.name} (${tier.shortWindowMs}ms)`).join(', ');
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `${slo.id}: at timeScale ${timeScale} the short windows of ${names} hold fewer than ${MIN_SCRAPES_PER_WINDOW} scrapes of ${scrapeIntervalMs}ms`,
      { hint: 'lower gameday.timeScale or gameday.interval' },
    );
  }
  return {
    ...slo,
    period: { kind: 'rolling', nominalMs: scaled(slo.period.nominalMs, timeScale) },
    tiers,
  };
}
