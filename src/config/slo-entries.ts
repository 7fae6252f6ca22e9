/**
 * SLO definitions handed over in code (`useSlos`, `checkSlos`): the `slos` of a loaded config, or
 * the entries as written (YAML/JSON parsed by the caller, with `period: 30d` and `long: 1h` still
 * strings). They are validated by the config file's own schema and explained in its words, so
 * both shapes mean the same thing, and fail the same way, as in perfgate.config.yaml.
 */
import { stringify } from 'yaml';
import { z } from 'zod';
import { PerfgateError } from '../core/errors.js';
import { formatPath } from '../core/located-issue.js';
import type { Slo } from '../slo/model.js';
import { slosFromSpecs } from '../slo/spec.js';
import type { PerfgateConfig } from './model.js';
import { type SloConfig, slosSchema } from './schema/slos.js';
import { parseConfigSource } from './source.js';
import { explainIssues } from './validate.js';

/** What code may pass as SLOs: a loaded config, its `slos`, or entries as written in the file. */
export type SloDefinitions = Pick<PerfgateConfig, 'slos'> | readonly (SloConfig | SloEntry)[];

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

const definitionsSchema = z.strictObject({ slos: slosSchema });

/** The SLO models; INVALID_ARGUMENT listing every problem as `slos[i].field: message`. */
export function slosFromDefinitions(definitions: SloDefinitions): Slo[] {
  const data = { slos: 'slos' in definitions ? definitions.slos : definitions };
  const parsed = definitionsSchema.safeParse(data);
  if (parsed.success) return slosFromSpecs(parsed.data.slos);
  // Explained as a config file's problems are (the same words), from the entries written as YAML.
  const { source } = parseConfigSource(stringify(data), '(slos)');
  const problems = explainIssues(parsed.error.issues, { source, schema: definitionsSchema, data }).map(
    (issue) => `${formatPath(issue.path)}: ${issue.message}`,
  );
  throw new PerfgateError('INVALID_ARGUMENT', `invalid SLO definitions:\n  ${problems.join('\n  ')}`, {
    hint: 'pass the `slos` of loadConfig(path), or entries shaped as in perfgate.config.yaml',
    details: problems,
  });
}
