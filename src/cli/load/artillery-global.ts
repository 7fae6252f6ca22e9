import { EventEmitter } from 'node:events';
import { format } from 'node:util';
import { compileTemplate } from '../../load/template/compile.js';

/** The Artillery version perfgate's behaviour is checked against (compat/, the README's table). */
export const ARTILLERY_COMPAT_VERSION = '2.0.21';

export interface ArtilleryGlobal {
  /** What a processor set as `artillery.suggestedExitCode` (0 when none). */
  suggestedExitCode(): number;
}

/**
 * Processors may use Artillery's `global.artillery` object (its test fixtures check that it
 * exists): `version`, `log`, `logger`, `util.template`, `metrics.event`, `suggestedExitCode`,
 * `globalEvents`, `runtimeOptions`. perfgate provides the same names, once per thread, before
 * any processor is loaded. A suggested exit code other than 0 fails the run (exit 1).
 */
export function installArtilleryGlobal(print: (line: string) => void): ArtilleryGlobal {
  const holder = globalThis as { artillery?: Record<string, unknown> };
  let exitCode = 0;
  const globalEvents = new EventEmitter();
  const log = (...args: unknown[]) => print(format(...args));
  holder.artillery ??= {
    version: ARTILLERY_COMPAT_VERSION,
    runtimeOptions: {},
    plugins: [],
    extensionEvents: [],
    globalEvents,
    log,
    logger: () => ({ log }),
    metrics: { event: async (message: unknown) => log(message) },
    util: {
      template: (value: unknown, context: { vars?: Record<string, unknown> } = {}) =>
        compileTemplate(value)({ vars: context.vars ?? {}, env: {}, random: Math.random }),
    },
    ext: async () => {},
    get suggestedExitCode() {
      return exitCode;
    },
    set suggestedExitCode(code: number) {
      exitCode = Number(code) || 0;
    },
  };
  return { suggestedExitCode: () => Number(holder.artillery?.suggestedExitCode) || 0 };
}
