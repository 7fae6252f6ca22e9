/**
 * `import 'perfgate/vitest'` (e.g. in a setup file): registers `toMeetSLO` and
 * `toHaveNoRegression` on Vitest's `expect` and types them, from Vitest 2 to 4.
 */
// Kept in the emitted .d.ts (`preserve`; an import used only as a value is dropped there): the
// augmentation at the end of this file applies only where the declaration file refers to 'vitest'.
/// <reference types="vitest" preserve="true" />
import { expect } from 'vitest';
import { type PerfgateMatchers, perfgateMatchers } from './matchers.js';

export * from './matchers.js';

expect.extend(perfgateMatchers);

// `Assertion` is what `expect(value)` returns in every Vitest since 2 (3.2 added `Matchers`, which
// `Assertion` extends; augmenting `Matchers` alone leaves Vitest 2 – 3.1 untyped).
declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the shape Vitest's own declarations use
  interface Assertion<T = any> extends PerfgateMatchers<T> {}
}
