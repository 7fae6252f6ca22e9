// Scripts report problems in the same located format as the config (core/located-issue.ts).
export {
  formatIssue as formatScriptIssue,
  formatPath as formatScriptPath,
} from '../../core/located-issue.js';
