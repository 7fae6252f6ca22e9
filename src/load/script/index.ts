export { formatScriptIssue, formatScriptPath } from './issues.js';
export type * from './model.js';
export { type ParseScriptOptions, type ParseScriptResult, parseScript } from './parse.js';
export { DEFAULT_PHASES } from './phases.js';
