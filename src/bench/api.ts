/**
 * What a bench file needs, without the rest of perfgate: `import { benchmark } from 'perfgate/bench'`
 * loads in a few milliseconds, where the whole library (`'perfgate'`) takes about a second — paid
 * again by every measuring process. The registry is shared either way (registry.ts).
 */
export { BenchmarkFramework, type BenchmarkResult, type FrameworkOptions } from './framework.js';
export { benchmark } from './registry.js';
export type { BenchmarkFn, BenchmarkOptions } from './types.js';
