import { compileFiltrexExpression } from '../template/filtrex.js';
import type { ProcessorModule } from './processor.js';
import type { VuSession } from './session.js';

export type FlowCondition = (session: VuSession) => boolean;

/**
 * `ifTrue`, exactly as Artillery's HTTP engine decides it: a processor export of that name is
 * called with the VU's variables (synchronously: its return value counts), otherwise the text
 * is a filtrex expression over the variables. A condition that throws, or an expression filtrex
 * cannot read, lets the request go (Artillery: "if the expression is incorrect, just proceed").
 */
export function compileCondition(text: string, processor: ProcessorModule | undefined): FlowCondition {
  const own = processor !== undefined && Object.hasOwn(processor, text) ? processor[text] : undefined;
  const expression = own === undefined ? compileFiltrexExpression(text) : undefined;
  return (session) => {
    try {
      if (own !== undefined) return Boolean((own as (vars: unknown) => unknown)(session.vars));
      return expression === undefined ? true : Boolean(expression(session.vars));
    } catch {
      return true;
    }
  };
}
