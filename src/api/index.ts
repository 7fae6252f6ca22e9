/**
 * perfgate's public library API: what `import … from 'perfgate'` offers, and all it offers.
 * Everything else in src/ is internal and may change in any release. The README's "Library API"
 * section documents each of these; the packed tarball is type-checked against them by a strict
 * consumer project in the test suite (test/package/).
 */

// Benchmarks
export {
  type BenchmarkFn,
  BenchmarkFramework,
  type BenchmarkOptions,
  type BenchmarkResult,
  benchmark,
  type FrameworkOptions,
} from '../bench/index.js';
// Config
export type {
  LoadProfile,
  PerfgateConfig,
  ResolvedEnvironment,
  ResolvedService,
  SloConfig,
} from '../config/index.js';
export type { SloDefinitions, SloEntry } from '../config/slo-entries.js';
// Errors
export { type ErrorCode, isPerfgateError, PerfgateError } from '../core/errors.js';
// Load tests
export type { LoadResults } from '../load/index.js';
// Reports
export { type RunReport, renderJson, renderJunit, renderMarkdown } from '../report/index.js';
// Test matchers (registered on a runner by `perfgate/vitest` or `perfgate/jest`)
export {
  type MeetSloOptions,
  type NoRegressionOptions,
  type PerfgateMatchers,
  perfgateMatchers,
  toHaveNoRegression,
  toMeetSLO,
  useSlos,
} from '../testing/matchers.js';
export { type LoadConfigOptions, loadConfig } from './config.js';
export { type LoadTestOptions, runLoadTest } from './load-test.js';
export {
  type BuildReportOptions,
  buildReport,
  type ReportFiles,
  type ReportInput,
  renderHtml,
  writeReports,
} from './reports.js';
// SLOs
export { checkSlos, type SloCheckResult, type SloGateResult } from './slos.js';
