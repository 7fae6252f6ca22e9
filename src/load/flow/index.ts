export {
  type LoadProcessorResult,
  loadProcessor,
  missingFunctions,
  referencedFunctions,
} from './load-processor.js';
export { ABORTED, FAILED_CAPTURE, FAILED_EXPECTATIONS, METRIC } from './metric-names.js';
export type { ProcessorContext, ProcessorEvents, ProcessorModule } from './processor.js';
export { type OnceFlowResult, runFlowOnce } from './run-once.js';
export { createVuRunner, NO_RUNNABLE_SCENARIO, type VuRunnerDeps } from './vu-runner.js';
