/**
 * Where diagnostics go. `debug` lines are namespaced (`perfgate:<namespace>`) and shown only when
 * enabled (`DEBUG=perfgate:*` or `--verbose`); `info` is normal progress, hidden by `--quiet`;
 * `warn` and `error` always show. Implementations must not throw and must not block.
 */
export interface Logger {
  debug(message: string, ...args: unknown[]): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A logger whose debug namespace is this one's plus `:name`. */
  child(name: string): Logger;
}

/** A logger that drops everything: the default for library callers that pass none. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
