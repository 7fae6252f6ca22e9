/**
 * Whether a run's bad events show an SLO violation, or only hint at one. A point estimate over
 * the target on few events is weak evidence: one HTTP 500 in 50 requests is 2 % bad against a
 * 0.5 % budget, yet a service that truly fails 0.5 % of requests produces it often. A violation
 * is *shown* when the one-sided Wilson lower bound of the bad-event ratio, at the configured
 * confidence, is above the allowed ratio (1 − objective); otherwise the check says how many events
 * at the observed ratio would show it, and the `insufficientEvidence` policy decides the gate
 * (default `warn`: reported, not failed).
 */
import { eventsToShowExcess, wilsonInterval, wilsonLowerBound } from '../../stats/wilson.js';

/** What a point-estimate violation the data cannot show does to the gate. */
export type InsufficientEvidencePolicy = 'warn' | 'fail';

export interface EvidenceOptions {
  /** One-sided confidence at which a violation must be shown, in (0, 1). Default 0.95. */
  confidence: number;
  insufficientEvidence: InsufficientEvidencePolicy;
}

export const DEFAULT_EVIDENCE_OPTIONS: EvidenceOptions = { confidence: 0.95, insufficientEvidence: 'warn' };

export interface EventEvidence {
  bad: number;
  total: number;
  /** bad / total. */
  observedRatio: number;
  /** 1 − objective: the bad-event ratio the SLO allows. */
  allowedRatio: number;
  confidence: number;
  /** One-sided Wilson lower bound of the bad ratio at `confidence`. */
  lowerBound: number;
  /** Two-sided Wilson interval at `confidence`, for reports. */
  interval: { lower: number; upper: number };
  /** True when the lower bound is above the allowed ratio: the data show a violation. */
  shown: boolean;
  /** When a violation is not shown although the point estimate is over: events that would show it. */
  eventsNeeded?: number;
}

/** Weighs `bad` of `total` events (total > 0) against the allowed bad ratio. */
export function weighEvents(
  counts: { bad: number; total: number },
  allowedRatio: number,
  confidence: number,
): EventEvidence {
  const { bad, total } = counts;
  const observedRatio = bad / total;
  const lowerBound = wilsonLowerBound(bad, total, confidence);
  const { lower, upper } = wilsonInterval(bad, total, confidence);
  const shown = lowerBound > allowedRatio;
  const evidence: EventEvidence = {
    bad,
    total,
    observedRatio,
    allowedRatio,
    confidence,
    lowerBound,
    interval: { lower, upper },
    shown,
  };
  const needed = shown ? undefined : eventsToShowExcess(observedRatio, allowedRatio, confidence);
  if (needed !== undefined) evidence.eventsNeeded = needed;
  return evidence;
}

const percent = (ratio: number): string => `${Number((ratio * 100).toPrecision(3))} %`;

/** "1 bad of 50 (2 %) is over the allowed 0.5 %, but cannot show it at 95 % confidence (…); ~60 events would". */
export function describeEvidence(evidence: EventEvidence): string {
  const { bad, total, observedRatio, allowedRatio, confidence, lowerBound } = evidence;
  const counts = `${Number(bad.toPrecision(4))} bad of ${total} (${percent(observedRatio)})`;
  const level = `${Number((confidence * 100).toPrecision(3))} %`;
  if (evidence.shown) {
    return `${counts}: over the allowed ${percent(allowedRatio)} at ${level} confidence (Wilson lower bound ${percent(lowerBound)})`;
  }
  const needed =
    evidence.eventsNeeded === undefined
      ? ''
      : `; at this ratio about ${evidence.eventsNeeded} events would show it`;
  return (
    `${counts} is over the allowed ${percent(allowedRatio)}, but too few events to show a violation at ` +
    `${level} confidence (Wilson lower bound ${percent(lowerBound)})${needed}`
  );
}
