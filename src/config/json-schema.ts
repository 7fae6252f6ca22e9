import { z } from 'zod';
import { configFileSchema } from './schema/index.js';

/**
 * The JSON Schema (draft 2020-12) of the config file's *input* form, for editor autocompletion
 * (e.g. `# yaml-language-server: $schema=./perfgate.schema.json`).
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
