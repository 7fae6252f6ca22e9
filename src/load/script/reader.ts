import { DURATION_FORMAT_HINT, parseDuration } from '../../core/duration.js';
import { ARTILLERY_DURATION_HINT, artilleryDurationMs } from './artillery-duration.js';

export type Path = ReadonlyArray<string | number>;

/** An unlocated problem; `parseScript` places it in the file. */
export interface PathIssue {
  readonly path: Path;
  readonly message: string;
}

/** Collects every problem and warning while a script is read; reading never stops at the first. */
export class ScriptReader {
  readonly issues: PathIssue[] = [];
  readonly warnings: string[] = [];

  fail(path: Path, message: string): undefined {
    this.issues.push({ path, message });
    return undefined;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  /** A number, or a numeric string (Artillery casts rates and counts with `Number`). */
  number(path: Path, value: unknown, rule: { min?: number; integer?: boolean } = {}): number | undefined {
    const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof parsed !== 'number' || !Number.isFinite(parsed)) {
      return this.fail(path, `expected a number, got ${describe(value)}`);
    }
    if (rule.integer && !Number.isInteger(parsed))
      return this.fail(path, `expected a whole number, got ${parsed}`);
    if (rule.min !== undefined && parsed < rule.min)
      return this.fail(path, `must be at least ${rule.min}, got ${parsed}`);
    return parsed;
  }

  /** Seconds as a number or a duration string (`"30s"`, `"5m"`; a bare numeric string is seconds). */
  durationMs(path: Path, value: unknown): number | undefined {
    if (typeof value !== 'number' && typeof value !== 'string') {
      return this.fail(path, `expected a duration (${DURATION_FORMAT_HINT}), got ${describe(value)}`);
    }
    const ms = parseDuration(value, 's');
    if (ms === undefined) return this.fail(path, `"${value}" is not a duration (${DURATION_FORMAT_HINT})`);
    return ms;
  }

  /** A phase `duration` or `pause` as Artillery reads it (the `ms` package): `60`, `"10min"`, `"5 mins"`. */
  phaseDurationMs(path: Path, value: unknown): number | undefined {
    const ms =
      typeof value === 'number' || typeof value === 'string' ? artilleryDurationMs(value) : undefined;
    if (ms === undefined || ms === 0)
      return this.fail(path, `expected ${ARTILLERY_DURATION_HINT}, got ${describe(value)}`);
    return ms;
  }

  string(path: Path, value: unknown): string | undefined {
    if (typeof value === 'string' && value !== '') return value;
    return this.fail(path, `expected a non-empty string, got ${describe(value)}`);
  }

  boolean(path: Path, value: unknown, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.fail(path, `expected true or false, got ${describe(value)}`);
    return fallback;
  }

  /** A processor function name or a list of them (hooks such as `beforeRequest`). */
  names(path: Path, value: unknown): string[] {
    if (value === undefined) return [];
    const list = Array.isArray(value) ? value : [value];
    const names: string[] = [];
    for (const [index, name] of list.entries()) {
      const where = Array.isArray(value) ? [...path, index] : path;
      if (typeof name === 'string' && name !== '') names.push(name);
      else this.fail(where, `expected a processor function name, got ${describe(name)}`);
    }
    return names;
  }

  record(path: Path, value: unknown): Record<string, unknown> | undefined {
    if (isRecord(value)) return value;
    return this.fail(path, `expected a mapping, got ${describe(value)}`);
  }

  /** Warns once per key that is not in `known` (Artillery ignores unknown keys; we say so). */
  unknownKeys(path: Path, value: Record<string, unknown>, known: ReadonlySet<string>): void {
    for (const key of Object.keys(value)) {
      if (!known.has(key))
        this.warn(`${formatPlainPath([...path, key])}: not supported by perfgate, ignored`);
    }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

export function formatPlainPath(path: Path): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}
