export * from './bootstrap.js';
export * from './mann-whitney.js';
export * from './multiple-testing.js';
export * from './random.js';
export * from './sorted.js';
