export { type CompiledStep, compileSteps } from './compile-steps.js';
export { CookieJar } from './cookies.js';
export { endpointName } from './endpoint-name.js';
export {
  type LoadProcessorResult,
  loadProcessor,
  referencedFunctions,
  toProcessorModule,
} from './load-processor.js';
export { ABORTED, FAILED_CAPTURE, FAILED_EXPECTATIONS, METRIC } from './metric-names.js';
export type { ProcessorContext, ProcessorEvents, ProcessorModule } from './processor.js';
export { type OnceFlowResult, runFlowOnce } from './run-once.js';
export { thinkMs } from './run-steps.js';
export { createVuRunner, NO_RUNNABLE_SCENARIO, type VuRunnerDeps } from './vu-runner.js';
