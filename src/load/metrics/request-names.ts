/**
 * perfgate's per-request metric names: every request is counted and timed under its scenario,
 * method and endpoint label (`perfgate.scenario.<scenario>.requests.<METHOD> <endpoint>.…`), so
 * reports can show what each scenario did and the Prometheus exporter can label series with
 * `scenario`, `method`, `endpoint` and `status`. Artillery's own names are recorded beside them
 * unchanged. Names are dotted like Artillery's; scenario names may hold dots, so parsing needs
 * the run's scenario names (`vusers.created_by_name.*`).
 */

export const SCENARIO_PREFIX = 'perfgate.scenario.';
const REQUESTS = '.requests.';
const CODES = /^(.+)\.codes\.(\d{3})$/;
const ERRORS = '.errors.';
const DURATION = '.duration';

/** The prefix of one (scenario, method, endpoint)'s names. */
export function requestKeyPrefix(scenario: string, method: string, endpoint: string): string {
  return `${SCENARIO_PREFIX}${scenario}${REQUESTS}${method.toUpperCase()} ${endpoint}`;
}

export const requestNames = {
  code: (prefix: string, status: number) => `${prefix}.codes.${status}`,
  error: (prefix: string, code: string) => `${prefix}${ERRORS}${code}`,
  duration: (prefix: string) => `${prefix}${DURATION}`,
};

export interface RequestKey {
  readonly scenario: string;
  readonly method: string;
  readonly endpoint: string;
}

export type ParsedRequestName = RequestKey &
  ({ kind: 'code'; status: string } | { kind: 'error'; code: string } | { kind: 'duration' });

/**
 * Reads a per-request name back; undefined for any other name. `scenarios`: the run's scenario
 * names, longest first (see `sortScenarioNames`), so `a.b` wins over `a`.
 */
export function parseRequestName(name: string, scenarios: readonly string[]): ParsedRequestName | undefined {
  if (!name.startsWith(SCENARIO_PREFIX)) return undefined;
  const rest = name.slice(SCENARIO_PREFIX.length);
  const scenario = scenarios.find((candidate) => rest.startsWith(`${candidate}${REQUESTS}`));
  if (scenario === undefined) return undefined;
  const tail = rest.slice(scenario.length + REQUESTS.length);
  const key = (keyText: string): RequestKey | undefined => {
    const space = keyText.indexOf(' ');
    if (space <= 0) return undefined;
    return { scenario, method: keyText.slice(0, space), endpoint: keyText.slice(space + 1) };
  };
  if (tail.endsWith(DURATION)) {
    const found = key(tail.slice(0, -DURATION.length));
    return found && { ...found, kind: 'duration' };
  }
  const codes = CODES.exec(tail);
  if (codes?.[1] !== undefined && codes[2] !== undefined) {
    const found = key(codes[1]);
    return found && { ...found, kind: 'code', status: codes[2] };
  }
  const at = tail.lastIndexOf(ERRORS);
  if (at <= 0) return undefined;
  const found = key(tail.slice(0, at));
  return found && { ...found, kind: 'error', code: tail.slice(at + ERRORS.length) };
}

/** Scenario names from counters such as `vusers.created_by_name.<name>`, longest first. */
export function sortScenarioNames(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** The scenario names a window's or aggregate's counters mention (`vusers.created_by_name.*`). */
export function scenarioNamesIn(counters: Readonly<Record<string, number>>): string[] {
  const prefix = 'vusers.created_by_name.';
  return sortScenarioNames(
    Object.keys(counters)
      .filter((name) => name.startsWith(prefix))
      .map((name) => name.slice(prefix.length)),
  );
}
