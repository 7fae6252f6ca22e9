export * from './budget-terms.js';
export * from './check.js';
export * from './event-evidence.js';
export * from './scope.js';
