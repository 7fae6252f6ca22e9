export * from './expected-alerts.js';
export * from './inhibit.js';
export * from './promql.js';
export * from './promtool-tests.js';
export * from './rules.js';
export * from './simulate.js';
export * from './test-series.js';
