export * from './alerts.js';
export * from './evaluate.js';
export * from './metrics.js';
export * from './verify.js';
