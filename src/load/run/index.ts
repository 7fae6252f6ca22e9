// Part B of the load engine: when (schedule, executor), how (http), where (metrics, health).
export { DROPPED_ITERATIONS, type ExecutionSummary, execute, SKIPPED_VUSERS } from '../executor/executor.js';
export type { GeneratorSample } from '../health/monitor.js';
export {
  DEFAULT_HEALTH_LIMITS,
  type GeneratorHealth,
  type HealthLimits,
  judgeHealth,
} from '../health/verdict.js';
export { createHttpClient, type HttpClientOptions } from '../http/client.js';
export {
  buildResults,
  type EnsureOutcome,
  LOAD_RESULTS_SCHEMA_VERSION,
  type LoadResults,
  mergeResults,
  type PerfgateSection,
} from '../metrics/results.js';
export type { RequestSample, RequestSamples } from '../metrics/samples.js';
export type { ReportWindow, WindowData } from '../metrics/window.js';
export { describePlan } from '../schedule/describe.js';
export { arrivalOffset, type LoadPlan, type PlannedPhase, plan } from '../schedule/plan.js';
export { formatSegment, parseSegment, subSegment } from '../schedule/segment.js';
export type { IterationDeps, IterationFactory } from './generator.js';
export { defaultIntervalMs } from './interval.js';
export {
  DEFAULT_GRACE_MS,
  DEFAULT_INTERVAL_MS,
  type RunLoadTestOptions,
  runLoadTest,
  type SpawnWorker,
  type WorkerInput,
} from './run-load-test.js';
