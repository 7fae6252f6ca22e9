// The package's entry: the public library API (src/api/index.ts). Nothing else is exported.
export * from './api/index.js';
