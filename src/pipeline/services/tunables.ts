/** The timing and sizing knobs of service management, in one place (STYLE.md #12). */

/** First pause between readiness probes; it doubles up to READY_POLL_MAX_MS. */
export const READY_POLL_INITIAL_MS = 100;
export const READY_POLL_MAX_MS = 500;
/** Timeout of one health probe (readiness polling and `health()`). */
export const PROBE_TIMEOUT_MS = 2_000;
/** Timeout of the "is the port already taken?" TCP connect. */
export const PORT_PROBE_TIMEOUT_MS = 1_000;
/** Lines of stdout+stderr kept per service. */
export const OUTPUT_TAIL_LINES = 50;
/** Lines of that tail quoted in error messages. */
export const OUTPUT_LINES_IN_ERRORS = 20;
/** A line longer than this is cut (and a partial line flushed), so a chatty child cannot grow memory. */
export const MAX_LINE_CHARS = 4_000;
/** How often a stopping process group is checked for survivors. */
export const GROUP_POLL_MS = 25;
/** How long to wait for a group to vanish after SIGKILL. */
export const KILL_WAIT_MS = 2_000;
/** How long to wait for the last output (stdio close) after the group is gone. */
export const OUTPUT_SETTLE_MS = 250;
