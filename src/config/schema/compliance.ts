import { z } from 'zod';

/** How a load test's SLO checks weigh few events (src/slo/compliance/event-evidence.ts). */
export const complianceSchema = z.strictObject({
  confidence: z.number().gt(0.5).lt(1).default(0.95).meta({
    description:
      'One-sided confidence at which the bad-event ratio must be shown over the allowed ratio (Wilson bound) for a violation',
  }),
  insufficientEvidence: z.enum(['warn', 'fail']).default('warn').meta({
    description:
      'Over the target on too few events to show it: warn (reported, the gate passes) or fail (the point estimate decides)',
  }),
});

export type ComplianceConfig = z.output<typeof complianceSchema>;
