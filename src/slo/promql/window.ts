/**
 * The range placeholder of SLI queries. perfgate writes `{{window}}`; Sloth and OpenSLO examples
 * write Go-template `{{.window}}` (also `{{ .window }}`): all mean "the window this rule records".
 */
const PLACEHOLDER = /\{\{\s*\.?window\s*\}\}/g;

export function hasWindowPlaceholder(query: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(query);
}

/** `query` with every window placeholder replaced by `window` (a Prometheus duration such as 5m). */
export function fillWindow(query: string, window: string): string {
  return query.replace(PLACEHOLDER, window);
}
