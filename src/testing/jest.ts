/**
 * `perfgate/jest`: registers `toMeetSLO` and `toHaveNoRegression` on Jest's global `expect` and
 * types them. Name it in Jest's `setupFilesAfterEnv` (`"setupFilesAfterEnv": ["perfgate/jest"]`),
 * or import it at the top of a test file. Jest's default (CommonJS) setup loads the CommonJS build
 * (dist/cjs/jest.cjs); ESM setups load this file. Also works with any runner whose global
 * `expect` has Jest's `extend` (Vitest with `globals: true`, Bun).
 */
// Jest's `expect` package (every Jest install has it), whose `Matchers` is augmented below; kept
// in the emitted .d.ts (`preserve`), where an `import type {}` would be dropped.
/// <reference types="expect" preserve="true" />
import { type PerfgateMatchers, perfgateMatchers } from './matchers.js';

export * from './matchers.js';

interface ExtendableExpect {
  extend(matchers: Record<string, (...args: never[]) => unknown>): void;
}

const globalExpect = (globalThis as { expect?: ExtendableExpect }).expect;
if (globalExpect === undefined) {
  throw new Error(
    "perfgate/jest: no global `expect`; list it in Jest's setupFilesAfterEnv, or use 'perfgate/vitest'",
  );
}
globalExpect.extend(perfgateMatchers);

declare global {
  // @types/jest's global `expect`.
  namespace jest {
    interface Matchers<R> extends PerfgateMatchers<R> {}
  }
}

// `import { expect } from '@jest/globals'` (Jest's own types).
declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends PerfgateMatchers<R> {}
}
