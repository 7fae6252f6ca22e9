/** What a matcher found about one SLO or benchmark, in words for its failure message. */
export interface Judgement {
  /** What is judged: the SLO or benchmark name. */
  subject: string;
  passed: boolean;
  /** Judged at all (an SLO the results cover, a benchmark with a baseline). */
  covered: boolean;
  /** "p95 421 ms", "+32.1 %". */
  measured?: string;
  /** "<= 300 ms", "no regression of minor severity or worse". */
  target?: string;
  /** Where: "endpoint /api/tools/search (load-toolhub.json)". */
  where?: string;
  /** Why not covered, or extra detail. */
  detail?: string;
}

/** The `{ pass, message }` both Vitest and Jest expect from a custom matcher. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

export function formatJudgement(judgement: Judgement): string {
  const lines = [`  ${judgement.subject}`];
  if (judgement.measured !== undefined) lines.push(`    measured: ${judgement.measured}`);
  if (judgement.target !== undefined) lines.push(`    target:   ${judgement.target}`);
  if (judgement.where !== undefined) lines.push(`    where:    ${judgement.where}`);
  if (judgement.detail !== undefined) lines.push(`    note:     ${judgement.detail}`);
  return lines.join('\n');
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function formatValue(value: number, unit: string | undefined): string {
  const shown = Number.isInteger(value)
    ? String(value)
    : Math.abs(value) >= 100
      ? value.toFixed(0)
      : value.toPrecision(3);
  return unit ? `${shown} ${unit}` : shown;
}
