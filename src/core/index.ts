export * from './clock.js';
export * from './duration.js';
export * from './errors.js';
export * from './located-issue.js';
export * from './logger.js';
export * from './yaml-source.js';
