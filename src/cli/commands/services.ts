import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

export async function servicesCommand({ output }: CommandContext<{ hold?: boolean }>): Promise<number> {
  output.error('services: pending');
  return EXIT.badInput;
}
