/**
 * The identity and labels of an SLO. The id (`service-name`, or the config's `id`) is put on every
 * generated series and alert as `slo_id`; user labels are kept as written, and a user label that
 * would overwrite one perfgate needs is an error naming both.
 */
import { issueAt, type SloSpec, type SpecReport } from './types.js';

/** The labels perfgate puts on generated series and alerts, and what each is for. */
export const PERFGATE_LABELS: Readonly<Record<string, string>> = {
  slo_id: 'the unique id every rule selects on',
  slo: 'the SLO name',
  service: 'the service name',
  window: 'the window of an SLI recording',
  severity: 'the alert severity (critical or warning) that Alertmanager routes on',
  burn_tier: 'the multiwindow tier that fired',
  long: 'the tier’s long window',
  short: 'the tier’s short window',
};

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

export function sloIdOf(spec: SloSpec, report: SpecReport): string {
  if (spec.id !== undefined && !ID.test(spec.id)) {
    issueAt(
      report,
      ['id'],
      `id "${spec.id}" may use letters, digits, "_", ".", ":" and "-", starting with a letter or digit`,
    );
  }
  return spec.id ?? `${spec.service}-${spec.name}`;
}

export function labelsOf(spec: SloSpec, report: SpecReport): Record<string, string> {
  const labels = spec.labels ?? {};
  for (const name of Object.keys(labels)) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) {
      issueAt(
        report,
        ['labels', name],
        `"${name}" is not a Prometheus label name (letters, digits and "_", not starting with a digit or "__")`,
      );
      continue;
    }
    const ours = PERFGATE_LABELS[name];
    if (ours !== undefined) {
      issueAt(
        report,
        ['labels', name],
        `label "${name}" clashes with the label "${name}" perfgate puts on every rule (${ours}); rename yours, e.g. "${spec.service.replace(/\W/g, '_')}_${name}"`,
      );
    }
  }
  return labels;
}
