/**
 * perfgate's test-runner matchers, framework-neutral: each returns `{ pass, message }`, which
 * Vitest's and Jest's `expect.extend` both accept. The entry points (`perfgate/vitest`,
 * `perfgate/jest`) register them and type them.
 */
import type { MatcherResult } from './judgement.js';
import { type NoRegressionOptions, toHaveNoRegression } from './regression-matcher.js';
import { type MeetSloOptions, toMeetSLO } from './slo-matcher.js';

export type { MatcherResult } from './judgement.js';
export type { NoRegressionOptions, Severity } from './regression-matcher.js';
export { type MeetSloOptions, useSlos } from './slo-matcher.js';
export { toHaveNoRegression, toMeetSLO };

/** Pass to `expect.extend(perfgateMatchers)`. */
export const perfgateMatchers = {
  toMeetSLO(received: unknown, name: string, options?: MeetSloOptions): MatcherResult {
    return toMeetSLO(received, name, options);
  },
  toHaveNoRegression(received: unknown, options?: NoRegressionOptions): MatcherResult {
    return toHaveNoRegression(received, options);
  },
};

/** The matchers' signatures, for a test runner's `Matchers`/`Assertion` interface. */
export interface PerfgateMatchers<R = unknown> {
  /** The SLO `name` holds on these results; the failure message shows measured vs target. */
  toMeetSLO(name: string, options?: MeetSloOptions): R;
  /** No benchmark regressed against its baseline (by default: of any severity). */
  toHaveNoRegression(options?: NoRegressionOptions): R;
}
