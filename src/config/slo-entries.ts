/**
 * SLO definitions handed over in code (`useSlos`, `checkSlos`): the `slos` of a loaded config, or
 * the entries as written (YAML/JSON parsed by the caller, with `period: 30d` and `long: 1h` still
 * strings). Each entry is validated by the config file's own schema, so both shapes mean the same
 * thing as in perfgate.config.yaml; already built SLOs pass through.
 */
import { PerfgateError } from '../core/errors.js';
import { formatPath } from '../core/located-issue.js';
import type { Slo } from '../slo/model.js';
import { slosFromSpecs } from '../slo/spec.js';
import type { PerfgateConfig } from './model.js';
import { type SloConfig, sloSchema } from './schema/slos.js';

/** What code may pass as SLOs: a loaded config, its `slos`, or entries as written in the file. */
export type SloDefinitions = Pick<PerfgateConfig, 'slos'> | readonly (SloConfig | SloEntry | Slo)[];

/** An SLO entry as written in the config file (durations may be strings such as `30d`). */
export interface SloEntry {
  name: string;
  service: string;
  description?: string;
  sli: {
    type: SloConfig['sli']['type'];
    percentile?: number;
    loadMetric?: string;
    measure?: string;
    endpoint?: string;
    scenario?: string;
    benchmark?: string;
    prometheus?: object;
  };
  slo: { target: number; operator: '<=' | '>=' | '<' | '>'; unit?: string };
  errorBudget?: { period?: number | string; timezone?: string; budgetPercentage?: number };
  labels?: Record<string, string>;
  alerting?: object;
}

const isBuilt = (entry: unknown): entry is Slo =>
  typeof entry === 'object' && entry !== null && 'indicator' in entry && 'target' in entry;

/** The SLO models; INVALID_ARGUMENT listing every problem as `slos[i].field: message`. */
export function slosFromDefinitions(definitions: SloDefinitions): Slo[] {
  const entries: readonly unknown[] = 'slos' in definitions ? definitions.slos : definitions;
  const problems: string[] = [];
  const specs: SloConfig[] = [];
  entries.forEach((entry, index) => {
    if (isBuilt(entry)) return;
    const parsed = sloSchema.safeParse(entry);
    if (parsed.success) specs.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push(`${formatPath(['slos', index, ...issueKeys(issue.path)])}: ${issue.message}`);
  });
  if (problems.length > 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `invalid SLO definitions:\n  ${problems.join('\n  ')}`, {
      hint: 'pass the `slos` of loadConfig(path), or entries shaped as in perfgate.config.yaml',
    });
  }
  const built = slosFromSpecs(specs);
  return entries.flatMap((entry) => (isBuilt(entry) ? [entry] : built.splice(0, 1)));
}

const issueKeys = (path: readonly PropertyKey[]) =>
  path.map((key) => (typeof key === 'symbol' ? String(key) : key));
