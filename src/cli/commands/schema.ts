import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configJsonSchema } from '../../config/index.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

/** `perfgate schema [-o FILE]`: the config's JSON Schema, for editor autocompletion. */
export async function schemaCommand({
  io,
  options,
  output,
}: CommandContext<{ output?: string }>): Promise<number> {
  const text = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
  if (options.output === undefined) {
    io.stdout.write(text);
    return EXIT.ok;
  }
  const path = resolve(io.cwd, options.output);
  writeFileSync(path, text);
  output.info(`wrote ${path}`);
  return EXIT.ok;
}
