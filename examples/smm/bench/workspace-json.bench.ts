/**
 * JSON serialisation of a workspace: what the workspace service sends for GET /api/workspaces/:id,
 * enlarged with the file tree and settings a real development workspace carries.
 */
import { benchmark } from 'perfgate/bench';
import { createRandom } from '../services/lib/prng.js';

const random = createRandom(3);
const TEMPLATES = ['blank', 'node', 'python', 'data-science'];

function file(i: number) {
  return {
    path: `src/module-${Math.floor(i / 10)}/file-${i}.ts`,
    sizeBytes: Math.round(random() * 20_000),
    modifiedAt: new Date(Date.UTC(2026, 0, 1 + (i % 28))).toISOString(),
    tags: i % 3 === 0 ? ['generated'] : [],
  };
}

const workspace = {
  id: 'ws-000042',
  name: 'perf-investigation',
  template: TEMPLATES[1],
  status: 'ready',
  provisioningMs: 143,
  createdAt: '2026-11-27T03:00:00.000Z',
  settings: {
    runtime: 'node20',
    cpu: 2,
    memoryMb: 4096,
    env: { NODE_ENV: 'development', LOG_LEVEL: 'debug' },
  },
  files: Array.from({ length: 300 }, (_, i) => file(i)),
};

benchmark('Workspace JSON.stringify (300 files)', () => JSON.stringify(workspace), {
  metadata: { testType: 'serialisation', files: workspace.files.length },
});

const text = JSON.stringify(workspace);
benchmark('Workspace JSON.parse (300 files)', () => JSON.parse(text) as unknown, {
  metadata: { testType: 'serialisation', bytes: text.length },
});
