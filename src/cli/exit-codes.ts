import type { ErrorKind } from '../core/errors.js';

/** DESIGN.md: 0 all gates passed · 1 a gate failed · 2 bad input · 3 could not run or finish. */
export const EXIT = {
  ok: 0,
  gateFailed: 1,
  badInput: 2,
  couldNotRun: 3,
  /** 128 + SIGINT, the shell convention for an interrupted command. */
  interrupted: 130,
} as const;

export function exitCodeFor(kind: ErrorKind): number {
  return kind === 'bad-input' ? EXIT.badInput : EXIT.couldNotRun;
}
