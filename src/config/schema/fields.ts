import { z } from 'zod';
import { DURATION_FORMAT_HINT, parseDuration } from '../../core/duration.js';

/**
 * A duration as written by people (`30s`, `5m`, or a bare number in `defaultUnit`), parsed to
 * milliseconds. The JSON Schema shows the input form (number or string).
 */
export function duration(defaultUnit: 'ms' | 's' = 'ms') {
  return z
    .union([z.number(), z.string()], { error: `expected a duration: ${DURATION_FORMAT_HINT}` })
    .transform((input, ctx) => {
      const ms = parseDuration(input, defaultUnit);
      if (ms === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `invalid duration ${JSON.stringify(input)}: expected ${DURATION_FORMAT_HINT}`,
        });
        return z.NEVER;
      }
      return ms;
    })
    .meta({
      description: `Duration: ${DURATION_FORMAT_HINT} (bare numbers are ${defaultUnit === 's' ? 'seconds' : 'milliseconds'})`,
    });
}

export const nonEmptyString = z.string().trim().min(1, { error: 'must not be empty' });

export const httpUrl = z.string().refine((text) => /^https?:\/\/[^\s/]+/.test(text) && URL.canParse(text), {
  error: 'expected an http:// or https:// URL',
});

/** A percentage in (0, 100]; `99.5` means 99.5 %. */
export const percentage = z
  .number()
  .gt(0, { error: 'must be above 0 %' })
  .lte(100, { error: 'must be at most 100 %' });

export const positiveInt = z
  .number()
  .int({ error: 'must be a whole number' })
  .positive({ error: 'must be above 0' });

/** A list of strings, also accepting one comma-separated string (as env vars provide them). */
export const stringList = z.union([
  z.array(nonEmptyString),
  z.string().transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  ),
]);
