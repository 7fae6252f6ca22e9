import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/cli.js';

interface Step {
  uses?: string;
  run?: string;
  with?: { path?: string; key?: string };
}
const workflow = parse(readFileSync(join(REPO_ROOT, 'examples', 'github', 'performance.yml'), 'utf8'));
const job = workflow.jobs.performance as { env: Record<string, string>; steps: Step[] };

describe('the GitHub Actions example (examples/github/performance.yml)', () => {
  it('gives pull-request runs no paging key', () => {
    expect(workflow.on).toHaveProperty('pull_request');
    expect(job.env.PAGERDUTY_ROUTING_KEY).toBe(
      "${{ github.event_name != 'pull_request' && secrets.PAGERDUTY_ROUTING_KEY || '' }}",
    );
  });

  it('keeps the history store between runs: restored before `perfgate run`, saved after it', () => {
    const index = (predicate: (step: Step) => boolean) => job.steps.findIndex(predicate);
    const isHistory = (step: Step) => step.with?.path === '.perfgate/history.db';
    const restore = index(
      (step) => isHistory(step) && step.uses?.startsWith('actions/cache/restore') === true,
    );
    const run = index((step) => step.run?.includes('perfgate run') === true);
    const save = index((step) => isHistory(step) && step.uses?.startsWith('actions/cache/save') === true);
    expect(restore).toBeGreaterThanOrEqual(0);
    expect(restore).toBeLessThan(run);
    expect(save).toBeGreaterThan(run);
    expect(job.steps[save]?.with?.key).toBe(job.steps[restore]?.with?.key);
    const trends = index((step) => step.run?.includes('perfgate history --changes') === true);
    expect(trends).toBeGreaterThan(run);
  });
});
