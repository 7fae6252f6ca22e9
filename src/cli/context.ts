import type { Command } from 'commander';
import type { CliIo } from './io.js';
import { createOutput, type Output } from './output.js';

/** Options every command accepts (registered on the root program). */
export interface GlobalOptions {
  config?: string;
  env?: string;
  verbose?: boolean;
  quiet?: boolean;
  color?: boolean;
}

/** What a command's action receives: the world, its parsed options and a printer. */
export interface CommandContext<Options = Record<string, unknown>> {
  io: CliIo;
  options: Options & GlobalOptions;
  output: Output;
}

export type CommandAction<Options> = (context: CommandContext<Options>, ...args: never[]) => Promise<number>;

/** Wraps an action so it gets a context and its exit code reaches runCli. */
export function action<Options>(
  io: CliIo,
  setExitCode: (code: number) => void,
  run: (context: CommandContext<Options>, args: unknown[]) => Promise<number>,
) {
  return async (...commanderArgs: unknown[]) => {
    const command = commanderArgs[commanderArgs.length - 1] as Command;
    const options = command.optsWithGlobals() as Options & GlobalOptions;
    const output = createOutput(io, options);
    setExitCode(await run({ io, options, output }, commanderArgs.slice(0, -2)));
  };
}

/** An action as the program registers it: the context, then commander's positional arguments. */
export type Run = (context: CommandContext<never>, args: unknown[]) => Promise<number>;

/** Turns an action into commander's callback (each command file registers itself with it). */
export type Bind = (run: Run) => (...commanderArgs: unknown[]) => Promise<void>;

/**
 * An action whose module is imported only when its command runs, so `--help` and the other
 * commands (notably `perfgate load`) do not pay for its dependencies.
 */
export function lazy(load: () => Promise<unknown>): Run {
  return async (context, args) => ((await load()) as Run)(context, args);
}
