/**
 * workspace: creates development workspaces from templates. Provisioning is simulated (50–400 ms,
 * slower for heavier templates) and workspaces live in memory. Start: `node --import tsx ./services/workspace.ts`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Histogram } from 'prom-client';
import { HttpError, json } from './lib/http-json.js';
import { createServiceMetrics } from './lib/metrics.js';
import { type Random, randomFromEnv, sampleLogNormal } from './lib/prng.js';
import { createIdGenerator, RecentStore, readListLimit } from './lib/recent-store.js';
import type { Route } from './lib/router.js';
import { startService } from './lib/server.js';
import { BodyReader } from './lib/validate.js';

const MAX_WORKSPACES = 10_000;
const PROVISIONING_BOUNDS_MS = { min: 50, max: 400 } as const;
/** Median provisioning time per template: heavier images take longer to pull and start. */
const TEMPLATE_MEDIAN_MS: Readonly<Record<string, number>> = {
  blank: 80,
  node: 140,
  python: 160,
  'data-science': 260,
};
const DEFAULT_TEMPLATE = 'blank';

interface Workspace {
  readonly id: string;
  readonly name: string;
  readonly template: string;
  readonly status: 'ready';
  readonly provisioningMs: number;
  readonly createdAt: string;
}

const metrics = createServiceMetrics('workspace');
const creationDuration = new Histogram({
  name: 'workspace_creation_duration_seconds',
  help: 'Time to provision a workspace, from accepted request to ready.',
  labelNames: ['template'] as const,
  buckets: [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5],
  registers: [metrics.registry],
});

const workspaces = new RecentStore<Workspace>(MAX_WORKSPACES);
const nextWorkspaceId = createIdGenerator('ws', randomFromEnv(process.env, 'workspace/ids'));
const provisioningRandom = randomFromEnv(process.env, 'workspace/provisioning');

function parseNewWorkspace(body: unknown): { name: string; template: string } {
  const reader = new BodyReader(body).allowOnly(['name', 'template']);
  const name = reader.requiredString('name', 100);
  const template = reader.optionalString('template', 50) ?? DEFAULT_TEMPLATE;
  if (template !== '' && TEMPLATE_MEDIAN_MS[template] === undefined) {
    reader.addIssue(`template: must be one of ${Object.keys(TEMPLATE_MEDIAN_MS).join(', ')}`);
  }
  reader.finish();
  return { name, template };
}

function sampleProvisioningMs(template: string, random: Random): number {
  const median = TEMPLATE_MEDIAN_MS[template] ?? PROVISIONING_BOUNDS_MS.min;
  const sample = sampleLogNormal(random, median, 0.4);
  return Math.round(Math.min(PROVISIONING_BOUNDS_MS.max, Math.max(PROVISIONING_BOUNDS_MS.min, sample)));
}

async function provisionWorkspace(name: string, template: string): Promise<Workspace> {
  const startedAt = performance.now();
  await sleep(sampleProvisioningMs(template, provisioningRandom));
  const provisioningMs = Math.round(performance.now() - startedAt);
  creationDuration.observe({ template }, provisioningMs / 1000);
  const workspace: Workspace = {
    id: nextWorkspaceId(),
    name,
    template,
    status: 'ready',
    provisioningMs,
    createdAt: new Date().toISOString(),
  };
  workspaces.set(workspace.id, workspace);
  return workspace;
}

const routes: Route[] = [
  {
    method: 'POST',
    path: '/api/workspaces',
    handler: async (context) => {
      const { name, template } = parseNewWorkspace(await context.readJson());
      return json(201, await provisionWorkspace(name, template));
    },
  },
  {
    method: 'GET',
    path: '/api/workspaces',
    handler: (context) =>
      json(200, { workspaces: workspaces.list(readListLimit(context.query)), total: workspaces.size }),
  },
  {
    method: 'GET',
    path: '/api/workspaces/:id',
    handler: (context) => {
      const workspace = workspaces.get(context.params.id ?? '');
      if (workspace === undefined) throw new HttpError(404, `workspace ${context.params.id} not found`);
      return json(200, workspace);
    },
  },
];

startService({ name: 'workspace', defaultPort: 4103, metrics, routes });
