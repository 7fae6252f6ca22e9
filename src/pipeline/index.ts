/** `perfgate run`: the plan, the ordered suites, the deploy gate and the closing summary. */
export { type AbortCause, createRunAbort, DEFAULT_HARD_ABORT_GRACE_MS, type RunAbort } from './abort.js';
export { describeRunPlan, type PlannedLoadRun, planRun, type RunPlan, type SuiteName } from './plan.js';
export { describeProfile, formatSeconds, phasesForProfile } from './profile-phases.js';
export { type PipelineDeps, type PipelineOutcome, runPipeline } from './run-pipeline.js';
export { buildPipelineReport, runNotification, SLO_RESULTS_FILE } from './run-report.js';
export * from './slo-gate.js';
export type * from './steps.js';
export { type SummaryLine, summaryLines } from './summary.js';
export * from './verdict.js';
