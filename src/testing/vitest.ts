/**
 * `import 'perfgate/vitest'` (e.g. in a setup file): registers `toMeetSLO` and
 * `toHaveNoRegression` on Vitest's `expect` and types them.
 */
import { expect } from 'vitest';
import { type PerfgateMatchers, perfgateMatchers } from './matchers.js';

export * from './matchers.js';

expect.extend(perfgateMatchers);

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the shape Vitest's own declarations use
  interface Matchers<T = any> extends PerfgateMatchers<T> {}
}
