/**
 * OpenSLO → perfgate `slos:` entries, for `openslo/v1`, `openslo/v1alpha` and `openslo.com/v2alpha`
 * as OpenSLO's own examples write them: single documents or lists of objects, SLIs inline or by
 * reference, DataSources by reference. Every refusal names the document, the field and why; every
 * reading that is not obvious is a note. Each converted SLO is checked like a config's SLOs.
 */
import { parseDuration } from '../../core/duration.js';
import { type SloSpec, sloFromSpec } from '../spec.js';
import { ObjectIndex, openSloObjects } from './documents.js';
import { type ObjectiveContext, sliOf } from './sli.js';
import {
  describeObject,
  type ImportIssue,
  isObject,
  type Json,
  note,
  type OpenSloImport,
  type OpenSloObject,
  type Report,
  refuse,
  text,
  type WrittenSlo,
} from './types.js';
import { periodOf } from './window.js';

export type { ImportIssue, OpenSloImport, WrittenSlo } from './types.js';
export { formatImportIssue } from './types.js';

const METHODS = ['Occurrences', 'Timeslices', 'RatioTimeslices'] as const;
type Method = (typeof METHODS)[number];

const sloName = (text: string): string => text.replace(/[^\w-]/g, '_').replace(/^([^A-Za-z_])/, '_$1');

/** The SLI spec an SLO (or one of its objectives) uses, and where it is, for messages. */
function sliSpecOf(
  spec: Json,
  objective: Json,
  object: OpenSloObject,
  index: ObjectIndex,
  report: Report,
): { sli: Json; field: string } | undefined {
  if (object.version === 'v1alpha') {
    if (isObject(objective.ratioMetrics))
      return { sli: { ratioMetric: objective.ratioMetrics }, field: 'spec.objectives[].ratioMetrics' };
    if (isObject(spec.indicator)) return { sli: spec.indicator, field: 'spec.indicator' };
    return refuse(
      report,
      'spec.objectives[].ratioMetrics',
      'needs ratioMetrics, or spec.indicator.thresholdMetric',
    );
  }
  const [inline, ref] = object.version === 'v1' ? ['indicator', 'indicatorRef'] : ['sli', 'sliRef'];
  const embedded = spec[inline];
  if (isObject(embedded)) {
    return isObject(embedded.spec)
      ? { sli: embedded.spec, field: `spec.${inline}.spec` }
      : refuse(report, `spec.${inline}.spec`, 'is required');
  }
  const name = text(spec[ref]);
  if (name === undefined)
    return refuse(report, `spec.${inline}`, `is required (or ${ref} to an SLI document)`);
  const found = index.find('SLI', name);
  if (found === undefined || !isObject(found.data.spec))
    return refuse(report, `spec.${ref}`, `no SLI named "${name}" in the file`);
  return { sli: found.data.spec, field: `${describeObject(found)} spec` };
}

function convertObjective(
  object: OpenSloObject,
  objective: Json,
  position: { index: number; count: number },
  context: { index: ObjectIndex; report: Report; method: Method },
): WrittenSlo | undefined {
  const { report } = context;
  const spec = isObject(object.data.spec) ? object.data.spec : {};
  const objectiveField = `spec.objectives[${position.index}]`;
  if (
    objective.indicator !== undefined ||
    objective.indicatorRef !== undefined ||
    objective.sli !== undefined ||
    objective.sliRef !== undefined
  ) {
    return refuse(report, objectiveField, 'composite SLOs (an SLI per objective) are not supported');
  }
  const sli = sliSpecOf(spec, objective, object, context.index, report);
  if (sli === undefined) return undefined;
  const sliField = sli.field.replace('[]', `[${position.index}]`);
  const metricField = (kind: 'ratioMetric' | 'thresholdMetric'): string => {
    if (object.version !== 'v1alpha') return `${sliField}.${kind}`;
    return kind === 'ratioMetric' ? `${objectiveField}.ratioMetrics` : 'spec.indicator.thresholdMetric';
  };
  const objectiveContext: ObjectiveContext = {
    metricField,
    version: object.version,
    index: context.index,
    report,
    sliField,
    objectiveField,
    method: context.method,
  };
  const part = sliOf(sli.sli, objective, objectiveContext);
  if (part === undefined) return undefined;
  const base = object.name ?? 'slo';
  const name = sloName(
    position.count > 1 ? `${base}-${text(objective.displayName) ?? position.index + 1}` : base,
  );
  return { name, service: text(spec.service) ?? '', ...part };
}

/** The SLOs of one OpenSLO SLO object (one per objective). */
function convertSlo(object: OpenSloObject, index: ObjectIndex, report: Report): WrittenSlo[] {
  const spec = isObject(object.data.spec) ? object.data.spec : {};
  if (object.name === undefined) refuse(report, 'metadata.name', 'is required');
  if (text(spec.service) === undefined) refuse(report, 'spec.service', 'is required');
  const method = (text(spec.budgetingMethod) ?? 'Occurrences') as Method;
  if (!METHODS.includes(method))
    return refuse(report, 'spec.budgetingMethod', `must be one of ${METHODS.join(', ')}`) ?? [];
  const errorBudget = periodOf(spec, object.version, report);
  const objectives = Array.isArray(spec.objectives) ? spec.objectives.filter(isObject) : [];
  if (objectives.length === 0) return refuse(report, 'spec.objectives', 'needs at least one objective') ?? [];
  if (spec.alertPolicies !== undefined && spec.alertPolicies !== null) {
    note(
      report,
      'spec.alertPolicies',
      'not imported: `perfgate slo rules` writes multiwindow burn-rate alerts instead',
    );
  }
  const slos = objectives.flatMap((objective, position) => {
    const slo = convertObjective(
      object,
      objective,
      { index: position, count: objectives.length },
      { index, report, method },
    );
    if (slo === undefined) return [];
    const description = text(spec.description);
    if (description !== undefined) slo.description = description;
    if (errorBudget !== undefined) slo.errorBudget = errorBudget;
    return [slo];
  });
  return report.issues.length + report.skipped.length > 0 ? [] : slos;
}

/** The written period as the model reads it: a duration in ms, or a calendar unit. */
function specPeriod(budget: WrittenSlo['errorBudget']): SloSpec['errorBudget'] {
  if (budget === undefined) return undefined;
  const calendar = ['week', 'month', 'quarter'].find((unit) => unit === budget.period) as
    | 'week'
    | 'month'
    | 'quarter'
    | undefined;
  const period = calendar ?? parseDuration(budget.period);
  return {
    ...(period === undefined ? {} : { period }),
    ...(budget.timezone === undefined ? {} : { timezone: budget.timezone }),
  };
}

/** Checks a converted SLO as the config would, reporting problems against the OpenSLO document. */
function checkConverted(slo: WrittenSlo, report: Report): boolean {
  const { errorBudget: written, ...rest } = slo;
  const errorBudget = specPeriod(written);
  const outcome = sloFromSpec({ ...rest, ...(errorBudget === undefined ? {} : { errorBudget }) });
  if (outcome.state === 'ok') return true;
  for (const issue of outcome.issues) {
    const field = issue.path[0] === 'errorBudget' ? 'spec.timeWindow' : issue.path.join('.');
    refuse(report, field, `the converted SLO ${slo.name} would be invalid: ${issue.message}`);
  }
  return false;
}

/** A second SLO with the same service and name gets a suffix (and a note), so their ids stay unique. */
function uniqueNames(slos: WrittenSlo[], notes: ImportIssue[]): void {
  const seen = new Set<string>();
  for (const slo of slos) {
    let name = slo.name;
    for (let n = 2; seen.has(`${slo.service}-${name}`); n++) name = `${slo.name}-${n}`;
    if (name !== slo.name) {
      notes.push({
        document: `SLO ${slo.name}`,
        field: 'metadata.name',
        message: `used twice for service ${slo.service}: the second is imported as ${name}`,
      });
      slo.name = name;
    }
    seen.add(`${slo.service}-${name}`);
  }
}

function noSloMessage(objects: readonly OpenSloObject[]): string {
  const kinds = [...new Set(objects.map((object) => object.kind))].join(', ') || 'nothing';
  const slis = objects
    .filter((object) => object.kind === 'SLI' && object.name !== undefined)
    .map((object) => object.name);
  const hint =
    slis.length === 0
      ? ''
      : `; an SLI has no objective: add an SLO with indicatorRef (v2alpha: sliRef) ${slis.join(', ')}`;
  return `no SLO object to import (found ${kinds}): perfgate imports SLOs, with the SLIs and DataSources they use${hint}`;
}

/** Converts parsed OpenSLO documents (one YAML file may hold several, or a list). */
export function importOpenSlo(documents: readonly unknown[]): OpenSloImport {
  const { objects, issues } = openSloObjects(documents);
  const notes: ImportIssue[] = [];
  const index = new ObjectIndex(objects);
  const slos: WrittenSlo[] = [];
  const skipped: ImportIssue[] = [];
  for (const object of objects) {
    if (object.kind !== 'SLO') continue;
    const report: Report = { document: describeObject(object), issues: [], skipped: [], notes: [] };
    const converted = convertSlo(object, index, report);
    const checked =
      report.issues.length + report.skipped.length === 0
        ? converted.filter((slo) => checkConverted(slo, report))
        : [];
    issues.push(...report.issues);
    if (report.issues.length === 0) skipped.push(...report.skipped);
    notes.push(...report.notes);
    if (report.issues.length + report.skipped.length === 0) slos.push(...checked);
  }
  uniqueNames(slos, notes);
  if (!objects.some((object) => object.kind === 'SLO') && issues.length === 0) {
    issues.push({
      document: 'the file',
      field: 'kind',
      message: noSloMessage(objects),
    });
  }
  return { slos, issues, skipped, notes };
}
