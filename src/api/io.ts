/** The library's view of the world: the CLI's file helpers with the caller's cwd and env, no argv or signals. */

import type { CliIo } from '../cli/io.js';
import { processIo } from '../cli/io.js';

export interface WorldOptions {
  /** Relative paths are resolved against this directory (default: the process's working directory). */
  cwd?: string;
  /** For `${VAR}` in configs and `{{ $env.X }}` in scripts (default: the process environment). */
  env?: Readonly<Record<string, string | undefined>>;
}

export function libraryIo(options: WorldOptions): CliIo {
  return {
    ...processIo(),
    argv: [],
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
    // A library never takes over the process's signals.
    onSignal: () => () => {},
  };
}
