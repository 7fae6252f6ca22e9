/**
 * The config's `history.url` alone, for the commands that only need to know where history lives
 * (`perfgate history`, `report`, `notify`, and the recording `load` and `bench` do). Only that
 * section is interpolated and validated: a problem elsewhere in the file — an unset
 * `${SLACK_WEBHOOK_URL}` in a developer's shell — must not stop `perfgate history`, and must not
 * send the runs of a team that shares a PostgreSQL history into a local file either.
 */
import type { z } from 'zod';
import { interpolateEnvironment } from './interpolate.js';
import type { ConfigIssue } from './issues.js';
import { isMapping } from './merge.js';
import { configFileSchema } from './schema/index.js';
import { parseConfigSource } from './source.js';
import { explainIssues } from './validate.js';

const historyOnly = configFileSchema.pick({ history: true });

export function historyUrlFromText(
  text: string,
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): { url?: string; issues: ConfigIssue[] } {
  const { source, issues: syntax } = parseConfigSource(text, file);
  if (syntax.length > 0) return { issues: syntax };
  const unset = interpolateEnvironment(source, env).filter((issue) => issue.path[0] === 'history');
  if (unset.length > 0) return { issues: unset };
  const raw: unknown = source.document.toJS();
  if (!isMapping(raw) || raw.history === undefined) return { issues: [] };
  const data = { history: raw.history };
  const result = historyOnly.safeParse(data);
  if (!result.success) {
    return { issues: explainIssues(result.error.issues, { source, schema: historyOnly as z.ZodType, data }) };
  }
  return { url: result.data.history?.url, issues: [] };
}
