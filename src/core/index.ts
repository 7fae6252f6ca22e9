export * from './clock.js';
export * from './duration.js';
export * from './errors.js';
export * from './logger.js';
