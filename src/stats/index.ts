export * from './bootstrap.js';
export * from './describe.js';
export * from './mann-whitney.js';
export * from './median-interval.js';
export * from './multiple-testing.js';
export * from './outliers.js';
export * from './random.js';
export * from './sorted.js';
