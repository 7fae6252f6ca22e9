/**
 * The one merge rule for layered config (file ← environment ← env vars ← flags):
 * mappings merge key by key, everything else (lists, values) replaces, and `null` removes the key.
 * Inputs are never mutated.
 */
export function mergeLayer(base: unknown, overlay: unknown): unknown {
  if (!isMapping(base) || !isMapping(overlay)) return overlay === undefined ? base : overlay;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = mergeLayer(base[key], value);
  }
  return merged;
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
