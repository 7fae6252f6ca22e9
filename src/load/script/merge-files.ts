/**
 * Artillery merges its input files (`artillery run --config common.yml script.yml`) with lodash
 * `merge`, the later file winning: mappings merge key by key, lists item by item (item 0 of the
 * later file merges into item 0 of the earlier), and a value the later file leaves undefined
 * keeps the earlier one. Environments (`-e`) and `--overrides` use other rules (environments.ts).
 */
export function mergeInputFiles(earlier: unknown, later: unknown): unknown {
  if (later === undefined) return earlier;
  if (Array.isArray(later)) {
    const base = Array.isArray(earlier) ? earlier : [];
    const length = Math.max(base.length, later.length);
    return Array.from({ length }, (_, index) => mergeInputFiles(base[index], later[index]));
  }
  if (isMapping(later)) {
    const out: Record<string, unknown> = isMapping(earlier) ? { ...earlier } : {};
    for (const [key, value] of Object.entries(later)) out[key] = mergeInputFiles(out[key], value);
    return out;
  }
  return later;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
