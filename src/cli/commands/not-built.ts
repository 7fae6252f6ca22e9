import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

/** A registered command whose capability has not landed yet: says so in one line and exits 2. */
export function notBuilt(command: string, capability: string) {
  return async ({ output }: CommandContext): Promise<number> => {
    output.error(`perfgate ${command}: ${capability} is not built yet in this version of perfgate`);
    return EXIT.badInput;
  };
}
