/**
 * Tolerant readers for producers' JSON: each returns undefined (or an empty value) instead of
 * throwing when a field is missing or has another type, so a report renders whatever is present.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  const field = isObject(value) ? value[key] : undefined;
  return isObject(field) ? field : undefined;
}

export function arrayAt(value: unknown, key: string): unknown[] {
  const field = isObject(value) ? value[key] : undefined;
  return Array.isArray(field) ? field : [];
}

/** A finite number, also from a numeric string (Artillery writes `period` as a string). */
export function numberAt(value: unknown, key: string): number | undefined {
  const field = isObject(value) ? value[key] : undefined;
  const parsed = typeof field === 'string' && field.trim() !== '' ? Number(field) : field;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : undefined;
}

export function stringAt(value: unknown, key: string): string | undefined {
  const field = isObject(value) ? value[key] : undefined;
  if (typeof field === 'string') return field;
  return typeof field === 'number' && Number.isFinite(field) ? String(field) : undefined;
}

export function booleanAt(value: unknown, key: string): boolean | undefined {
  const field = isObject(value) ? value[key] : undefined;
  return typeof field === 'boolean' ? field : undefined;
}

/** The first of several keys that holds a number (producers' names are still settling). */
export function firstNumber(value: unknown, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const found = numberAt(value, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function firstString(value: unknown, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const found = stringAt(value, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Object entries whose values are finite numbers. */
export function numericEntries(value: JsonObject | undefined): [string, number][] {
  if (value === undefined) return [];
  return Object.entries(value).filter((entry): entry is [string, number] => {
    const field = entry[1];
    return typeof field === 'number' && Number.isFinite(field);
  });
}
