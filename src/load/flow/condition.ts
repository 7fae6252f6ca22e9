import { compileExpression } from '../ensure/expression.js';
import { lookupPath, parsePath } from '../template/expression.js';
import { callCondition, findFunction, type ProcessorModule } from './processor.js';
import type { VuSession } from './session.js';

export type FlowCondition = (session: VuSession) => Promise<boolean>;

/**
 * `ifTrue`: a processor function of that name (called with the context), else an expression
 * over the VU's variables (`status == 'ok' and size > 10`, or just a variable name).
 */
export function compileCondition(text: string, processor: ProcessorModule | undefined): FlowCondition {
  const fn = findFunction(processor, text);
  if (fn) return (session) => session.untilAborted(callCondition(fn, session.context));
  const compiled = compileExpression(text);
  if (compiled.state === 'invalid') return async () => false;
  return async (session) =>
    Boolean(
      compiled.evaluate((name) => {
        if (name in session.vars) return session.vars[name];
        const parts = parsePath(name);
        return parts === undefined ? undefined : lookupPath(session.vars, parts);
      }),
    );
}
