export {
  type EnsureAggregate,
  type EnsureVerdict,
  ensurePassed,
  evaluateEnsure,
  flattenAggregate,
  type MetricSummary,
} from './evaluate.js';
export { type CompiledExpression, compileExpression, type SymbolLookup } from './expression.js';
