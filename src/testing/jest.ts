/**
 * `import 'perfgate/jest'` (e.g. in `setupFilesAfterEach`): registers `toMeetSLO` and
 * `toHaveNoRegression` on Jest's global `expect` and types them. Also works with any runner whose
 * global `expect` has Jest's `extend` (Vitest with `globals: true`, Bun).
 */
import { type PerfgateMatchers, perfgateMatchers } from './matchers.js';

export * from './matchers.js';

interface ExtendableExpect {
  extend(matchers: Record<string, (...args: never[]) => unknown>): void;
}

const globalExpect = (globalThis as { expect?: ExtendableExpect }).expect;
if (globalExpect === undefined) {
  throw new Error(
    "perfgate/jest: no global `expect`; import it from a Jest setup file, or use 'perfgate/vitest'",
  );
}
globalExpect.extend(perfgateMatchers);

declare global {
  namespace jest {
    interface Matchers<R> extends PerfgateMatchers<R> {}
  }
}
