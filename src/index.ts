// The public library API of perfgate. Each capability adds its exports here as it lands.

export * from './bench/index.js';
export { systemClock } from './cli/clock.js';
export * from './core/index.js';
export * from './load/index.js';
export * from './notify/index.js';
export * as report from './report/index.js';
export * as slo from './slo/index.js';
