// filtrex 0.5 ships no types: it exports one function that compiles an expression.
declare module 'filtrex' {
  function compileExpression(expression: string): (data: Readonly<Record<string, unknown>>) => unknown;
  export default compileExpression;
}
