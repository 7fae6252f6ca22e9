/**
 * The combined run result as JSON: the RunReport itself, validated against its schema on the way
 * out so the file always matches schema/run-report.schema.json.
 */
import { type RunReport, runReportSchema } from './model.js';

export function renderJson(report: RunReport): string {
  return `${JSON.stringify(runReportSchema.parse(report), null, 2)}\n`;
}
