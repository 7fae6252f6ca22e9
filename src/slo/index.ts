export * from './alert-policy.js';
export * from './budget.js';
export * from './compliance/index.js';
export * from './evidence/index.js';
export * from './model.js';
export * from './rules/index.js';
export * from './spec.js';
export * from './windows.js';
