import { TEMPLATE_FUNCTIONS } from '../template/builtins.js';
import type { ScriptReader } from './reader.js';

/** Template functions perfgate renders; others (e.g. the fake-data plugin's `$randEmail()`) render as nothing. */
export const SUPPORTED_TEMPLATE_FUNCTIONS: ReadonlySet<string> = TEMPLATE_FUNCTIONS;

const CALL = /\{\{\{?\s*(\$?[A-Za-z_]\w*)\s*\(/g;

/** Warns once per unknown `{{ $fn() }}` anywhere in the flows, so a silent empty value is never a surprise. */
export function warnUnknownTemplateFunctions(reader: ScriptReader, value: unknown): void {
  const unknown = new Set<string>();
  collect(value, unknown);
  for (const name of unknown) {
    reader.warn(
      `the template function ${name}() is not one Artillery defines (fake-data plugin functions are not supported): the whole value it appears in renders as undefined, as in Artillery without that function`,
    );
  }
}

function collect(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    for (const match of value.matchAll(CALL)) {
      const name = match[1] ?? '';
      if (!SUPPORTED_TEMPLATE_FUNCTIONS.has(name)) into.add(name);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      collect(key, into);
      collect(item, into);
    }
  }
}
