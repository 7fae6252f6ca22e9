import { CommanderError } from 'commander';
import { isPerfgateError } from '../core/errors.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { CliIo } from './io.js';
import { createOutput } from './output.js';
import { buildProgram } from './program.js';

/** Runs perfgate with the given world and returns the exit code (DESIGN.md's contract). Never throws. */
export async function runCli(io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...io.argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(io, error);
  }
}

function handleError(io: CliIo, error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and --version end through here too, with exit code 0; usage errors are bad input.
    return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  const verbose = io.argv.includes('--verbose') || io.argv.includes('-v') || Boolean(io.env.DEBUG);
  const output = createOutput(io, { verbose, color: !io.argv.includes('--no-color') });
  if (isPerfgateError(error)) {
    output.error(error.message);
    if (error.hint) output.info(`  ${output.colors.dim(`hint: ${error.hint}`)}`);
    if (verbose && error.stack) io.stderr.write(`${error.stack}\n`);
    return exitCodeFor(error.kind);
  }
  const message = error instanceof Error ? error.message : String(error);
  output.error(`unexpected failure: ${message}`);
  if (verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  else output.info('  run again with --verbose for the stack trace');
  return EXIT.couldNotRun;
}
