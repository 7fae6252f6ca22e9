import type { LoadScript, Step } from '../script/model.js';
import type { ProcessorModule } from './processor.js';

export type LoadProcessorResult =
  | {
      readonly state: 'ok';
      readonly processor?: ProcessorModule;
      /** Functions the script names that the processor lacks (Artillery runs on: see flow/hooks.ts). */
      readonly missing?: readonly string[];
    }
  | { readonly state: 'invalid'; readonly message: string };

/**
 * Imports `config.processor` through the caller's `importModule` (only `cli/` may load code;
 * it registers tsx so `.ts` processors work). CommonJS exports (`default`) and ESM named
 * exports are merged into one module object. Functions the script names but the module lacks
 * are listed (`missing`): Artillery runs such a script, and so does perfgate.
 */
export async function loadProcessor(
  script: LoadScript,
  importModule: (absolutePath: string) => Promise<unknown>,
): Promise<LoadProcessorResult> {
  if (script.processorPath === undefined) return { state: 'ok' };
  let namespace: unknown;
  try {
    namespace = await importModule(script.processorPath);
  } catch (error) {
    return {
      state: 'invalid',
      message: `cannot load processor ${script.processorPath}: ${(error as Error).message}`,
    };
  }
  const processor = toProcessorModule(namespace);
  const missing = missingFunctions(script, processor);
  return { state: 'ok', processor, ...(missing.length === 0 ? {} : { missing }) };
}

/** Functions the script names that the processor does not export (check inline processors too). */
export function missingFunctions(script: LoadScript, processor: ProcessorModule | undefined): string[] {
  return referencedFunctions(script).filter((name) => typeof processor?.[name] !== 'function');
}

export function toProcessorModule(namespace: unknown): ProcessorModule {
  const record = (namespace ?? {}) as Record<string, unknown>;
  const fallback = record.default;
  const base = typeof fallback === 'object' && fallback !== null ? (fallback as Record<string, unknown>) : {};
  return { ...base, ...record };
}

/** Every processor function name the script refers to (hooks, function steps, whileTrue). */
export function referencedFunctions(script: LoadScript): string[] {
  const names = new Set<string>();
  for (const scenario of script.scenarios) {
    if (!scenario.supported) continue;
    const hooks = [
      scenario.beforeScenario,
      scenario.afterScenario,
      scenario.beforeRequest,
      scenario.afterResponse,
      scenario.onError,
    ];
    for (const name of hooks.flat()) names.add(name);
    collectFromSteps(scenario.flow, names);
  }
  if (script.before) collectFromSteps(script.before.flow, names);
  if (script.after) collectFromSteps(script.after.flow, names);
  return [...names];
}

function collectFromSteps(steps: readonly Step[], names: Set<string>): void {
  for (const step of steps) {
    if (step.kind === 'function') names.add(step.name);
    else if (step.kind === 'request')
      for (const name of [...step.beforeRequest, ...step.afterResponse]) names.add(name);
    else if (step.kind === 'parallel') collectFromSteps(step.steps, names);
    else if (step.kind === 'loop') {
      if (step.whileTrue !== undefined) names.add(step.whileTrue);
      collectFromSteps(step.steps, names);
    }
  }
}
