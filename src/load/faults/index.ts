export * from './model.js';
export * from './proxy.js';
export * from './schedule.js';
