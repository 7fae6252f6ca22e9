export { formatScriptIssue, formatScriptPath } from './issues.js';
export type * from './model.js';
export {
  type ParseScriptObjectResult,
  type ParseScriptOptions,
  type ParseScriptResult,
  parseScript,
  parseScriptObject,
} from './parse.js';
export { DEFAULT_PHASES } from './phases.js';
