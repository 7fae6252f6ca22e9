export * from './html.js';
export * from './model.js';
