/** Number shapes every part of the RunReport schema shares. */
import { z } from 'zod';

export const finite = z.number().refine(Number.isFinite, { error: 'expected a finite number' });
export const count = z.number().int().nonnegative();
