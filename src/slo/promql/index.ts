export * from './check.js';
export * from './functions.js';
export * from './selectors.js';
export * from './strings.js';
export * from './window.js';
