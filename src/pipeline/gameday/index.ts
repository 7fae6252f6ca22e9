export * from './plan.js';
export * from './timeline.js';
export * from './verdict.js';
