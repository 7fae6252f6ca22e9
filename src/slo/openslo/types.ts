/** Shared shapes of the OpenSLO importer: plain YAML data, where a problem is, and what it says. */
import type { SloSpec } from '../spec.js';

export type Json = Readonly<Record<string, unknown>>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

export const numberAt = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

export type OpenSloVersion = 'v1' | 'v1alpha' | 'v2alpha';

/** One OpenSLO object with where it came from: `document 2`, or `document 1, item 3` in a list. */
export interface OpenSloObject {
  version: OpenSloVersion;
  kind: string;
  name?: string;
  where: string;
  data: Json;
}

/** A refusal or a remark: the document, the field (a dotted path in it) and why. */
export interface ImportIssue {
  document: string;
  field: string;
  message: string;
}

/** An SLO as written in the config file (the period stays text such as `28d` or `month`). */
export type WrittenSlo = Omit<SloSpec, 'errorBudget'> & {
  errorBudget?: { period: string; timezone?: string };
};

export interface OpenSloImport {
  slos: WrittenSlo[];
  /** Refusals: each makes the import fail (exit 2). */
  issues: ImportIssue[];
  /** SLOs left out because their data is not in Prometheus (Datadog, CloudWatch…): nothing perfgate can compile. */
  skipped: ImportIssue[];
  /** How something was read, when it is not obvious (never a silent guess). */
  notes: ImportIssue[];
}

/** What converting one object reports into. */
export interface Report {
  document: string;
  issues: ImportIssue[];
  skipped: ImportIssue[];
  notes: ImportIssue[];
}

/** The SLO's data lives outside Prometheus: the SLO is left out (a skip, not an error). */
export const skip = (report: Report, field: string, message: string): undefined => {
  report.skipped.push({ document: report.document, field, message });
  return undefined;
};

export const refuse = (report: Report, field: string, message: string): undefined => {
  report.issues.push({ document: report.document, field, message });
  return undefined;
};

export const note = (report: Report, field: string, message: string): void => {
  report.notes.push({ document: report.document, field, message });
};

/** `SLO web-availability (document 1, item 2)`: how messages name an object. */
export const describeObject = (object: OpenSloObject): string =>
  `${object.kind} ${object.name ?? '(unnamed)'} (${object.where})`;

export function formatImportIssue(file: string, issue: ImportIssue): string {
  return `${file}: ${issue.document}: ${issue.field}: ${issue.message}`;
}
