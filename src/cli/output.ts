import createDebug from 'debug';
import pc from 'picocolors';
import type { Logger } from '../core/logger.js';
import type { CliIo, Writable } from './io.js';

export type Colors = ReturnType<typeof pc.createColors>;

export interface OutputOptions {
  color?: boolean;
  verbose?: boolean;
  quiet?: boolean;
}

/** Colour only for people: off with --no-color, NO_COLOR, TERM=dumb or when stdout is not a terminal; FORCE_COLOR wins. */
export function colorEnabled(io: CliIo, requested: boolean | undefined): boolean {
  if (requested === false) return false;
  const { env } = io;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return io.stdout.isTTY === true;
}

/** The CLI's printer: results to stdout, diagnostics to stderr, respecting --quiet and colours. */
export interface Output {
  colors: Colors;
  verbose: boolean;
  quiet: boolean;
  /** A result line (stdout), printed even with --quiet. */
  result(text: string): void;
  /** Progress (stderr), hidden by --quiet. */
  info(text: string): void;
  /** A fact a caller needs even with --quiet, such as a port chosen at run time (stderr). */
  notice(text: string): void;
  warn(text: string): void;
  error(text: string): void;
  logger: Logger;
}

export function createOutput(io: CliIo, options: OutputOptions): Output {
  const colors = pc.createColors(colorEnabled(io, options.color));
  const verbose = options.verbose === true;
  const quiet = options.quiet === true && !verbose;
  const line = (stream: Writable, text: string) => stream.write(`${text}\n`);
  if (verbose) createDebug.enable([io.env.DEBUG, 'perfgate:*'].filter(Boolean).join(','));
  const output: Output = {
    colors,
    verbose,
    quiet,
    result: (text) => line(io.stdout, text),
    info: (text) => {
      if (!quiet) line(io.stderr, text);
    },
    notice: (text) => line(io.stderr, text),
    warn: (text) => line(io.stderr, `${colors.yellow('warning')} ${text}`),
    error: (text) => line(io.stderr, `${colors.red('error')} ${text}`),
    logger: createLogger('perfgate', () => output),
  };
  return output;
}

/** A Logger whose debug lines go through the `debug` package (DEBUG=perfgate:*) and the rest to the output. */
function createLogger(namespace: string, output: () => Output): Logger {
  const debug = createDebug(namespace);
  return {
    debug: (message, ...args) => debug(message, ...args),
    info: (message) => output().info(message),
    warn: (message) => output().warn(message),
    error: (message) => output().error(message),
    child: (name) => createLogger(`${namespace}:${name}`, output),
  };
}
