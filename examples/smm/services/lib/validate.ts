import { HttpError } from './http-json.js';

interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/**
 * Reads fields from a parsed JSON body and collects every problem instead of stopping at the
 * first, so a client sees all its mistakes in one 400. Call `finish()` before using the values.
 */
export class BodyReader {
  readonly issues: string[] = [];
  private readonly fields: Record<string, unknown>;

  constructor(body: unknown) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(400, 'invalid request body', ['body: must be a JSON object']);
    }
    this.fields = body as Record<string, unknown>;
  }

  /** Unknown keys are refused so that a typo (`latency` for `latencyMs`) is not silently ignored. */
  allowOnly(keys: readonly string[]): this {
    for (const key of Object.keys(this.fields)) {
      if (!keys.includes(key)) this.issues.push(`${key}: unknown field`);
    }
    return this;
  }

  raw(key: string): unknown {
    return this.fields[key];
  }

  requiredString(key: string, maxLength: number): string {
    const value = this.fields[key];
    if (typeof value !== 'string' || value.trim() === '') {
      this.issues.push(`${key}: must be a non-empty string`);
      return '';
    }
    if (value.length > maxLength) this.issues.push(`${key}: must be at most ${maxLength} characters`);
    return value;
  }

  optionalString(key: string, maxLength: number): string | undefined {
    return this.fields[key] === undefined ? undefined : this.requiredString(key, maxLength);
  }

  optionalNumber(key: string, rule: NumberRule): number | undefined {
    const value = this.fields[key];
    if (value === undefined) return undefined;
    const problem = describeNumberProblem(value, rule);
    if (problem === undefined) return value as number;
    this.issues.push(`${key}: ${problem}`);
    return undefined;
  }

  addIssue(issue: string): void {
    this.issues.push(issue);
  }

  finish(): void {
    if (this.issues.length > 0) throw new HttpError(400, 'invalid request body', this.issues);
  }
}

export function describeNumberProblem(value: unknown, rule: NumberRule): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
  if (rule.integer === true && !Number.isInteger(value)) return 'must be an integer';
  if (rule.min !== undefined && value < rule.min) return `must be >= ${rule.min}`;
  if (rule.max !== undefined && value > rule.max) return `must be <= ${rule.max}`;
  return undefined;
}

/** Reads a numeric env var at startup; a bad value is a configuration error, reported and fatal. */
export function readNumberEnv(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  rule: NumberRule,
): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  const problem = describeNumberProblem(value, rule);
  if (problem !== undefined) throw new Error(`${name}=${JSON.stringify(text)}: ${problem}`);
  return value;
}
