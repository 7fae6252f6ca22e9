import type { z } from 'zod';

/** Zod 4 keeps each schema's definition on `_zod.def`; this is the part of it the walk below reads. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** The object schemas that may sit at `schema`, looking through wrappers and unions. */
function objectsAt(schema: z.ZodType, path: ReadonlyArray<string | number>): SchemaDef[] {
  const def = defOf(schema);
  const inner = def.innerType ?? def.in;
  if (inner) return objectsAt(inner, path);
  if (def.type === 'union' && def.options) return def.options.flatMap((option) => objectsAt(option, path));
  if (path.length === 0) return def.type === 'object' ? [def] : [];
  const [head, ...rest] = path;
  if (def.type === 'object' && typeof head === 'string' && def.shape?.[head])
    return objectsAt(def.shape[head], rest);
  if (def.type === 'record' && def.valueType) return objectsAt(def.valueType, rest);
  if (def.type === 'array' && def.element && typeof head === 'number') return objectsAt(def.element, rest);
  return [];
}

/** Every key the schema accepts for the object at `path` (for "did you mean …"). */
export function knownKeysAt(schema: z.ZodType, path: ReadonlyArray<string | number>): string[] {
  const keys = new Set<string>();
  for (const def of objectsAt(schema, path)) for (const key of Object.keys(def.shape ?? {})) keys.add(key);
  return [...keys];
}
