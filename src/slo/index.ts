export * from './alert-policy.js';
export * from './budget.js';
export * from './windows.js';
