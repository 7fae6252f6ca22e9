/** How many recent runs `perfgate history` lists by default. */
export const DEFAULT_HISTORY_LIMIT = 20;
