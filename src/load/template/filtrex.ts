import compileFiltrex from 'filtrex';

/**
 * `ifTrue` expressions, read by filtrex 0.5 as Artillery 2 reads them (the same library and
 * version, so `==` compares loosely, `a.b` is one variable name, `and`/`or`/`not` are words and
 * `===` is not an expression). Compiled once per request step.
 */
export type VariablesCondition = (vars: Readonly<Record<string, unknown>>) => unknown;

export function compileFiltrexExpression(text: string): VariablesCondition | undefined {
  try {
    return compileFiltrex(text) as VariablesCondition;
  } catch {
    return undefined;
  }
}

export function isFiltrexExpression(text: string): boolean {
  return compileFiltrexExpression(text) !== undefined;
}
