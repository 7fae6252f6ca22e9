// The load engine's public API. Part A (script, templates, data, flow, ensure) and part B
// (executors, http, metrics, runLoadTest) each append their own lines.
export * from './contracts.js';
export * from './data/index.js';
export * from './ensure/index.js';
export * from './flow/index.js';
export * from './run/index.js';
export * from './script/index.js';
export * from './template/index.js';
