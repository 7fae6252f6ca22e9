import type { LocatedIssue } from '../core/located-issue.js';

export { formatIssue, formatPath, sortIssues } from '../core/located-issue.js';

/** One problem found in a config file, located in its source (the shape every perfgate file check uses). */
export type ConfigIssue = LocatedIssue;
