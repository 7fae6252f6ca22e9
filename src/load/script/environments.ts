import { isRecord } from './reader.js';

/**
 * Deep-merges an environment over the base config. Mappings merge key by key; lists are
 * replaced whole (the intent of `phases:` in an environment). Artillery (lodash `merge`) merges
 * lists by index instead, so each place where that would differ is reported.
 */
export function mergeEnvironment(
  base: Record<string, unknown>,
  overlay: Record<string, unknown>,
  notes: string[],
  path = 'config',
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    if (isRecord(current) && isRecord(value)) {
      out[key] = mergeEnvironment(current, value, notes, `${path}.${key}`);
      continue;
    }
    if (Array.isArray(current) && Array.isArray(value) && current.length > value.length) {
      notes.push(
        `${path}.${key}: the environment's ${value.length} item(s) replace the base's ${current.length}; Artillery would keep base items ${value.length}–${current.length - 1}`,
      );
    }
    out[key] = value;
  }
  return out;
}
