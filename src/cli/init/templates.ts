/**
 * The starter project `perfgate init` writes: one service, a latency and an availability SLO, an
 * Artillery script run with the ci environment's load profile, and one benchmark file. Each file
 * explains itself, so a team edits it into theirs rather than reading docs first.
 */

export const DEFAULT_INIT_URL = 'http://127.0.0.1:8080';

export interface StarterFile {
  /** Relative to the folder `perfgate init` runs in. */
  path: string;
  text: string;
}

const config = (
  url: string,
) => `# yaml-language-server: $schema=./node_modules/perfgate/schema/perfgate.config.schema.json
# Written by \`perfgate init\`. Check it with \`npx perfgate validate\`; run it with \`npx perfgate run --env ci\`.

services:
  api:
    # The service under test. PERFGATE_API_URL points the same config at another instance.
    url: \${PERFGATE_API_URL:-${url}}
    # healthcheck: /health     # what must answer 2xx before the run (default: the url itself)
    # start: npm start          # let perfgate start and stop it (it then waits for the health check)

slos:
  - name: api_latency_p95
    service: api
    description: 95 % of requests answer within 500 ms
    sli: { type: latency, percentile: 95 } # add endpoint: GET /items to judge one endpoint
    slo: { target: 500, operator: "<=", unit: ms }
    errorBudget: { period: 30d }
  - name: api_availability
    service: api
    description: 99.9 % of requests succeed (no 5xx, no connection error)
    sli: { type: availability }
    slo: { target: 99.9, operator: ">=", unit: "%" }
    errorBudget: { period: 30d }

load:
  # Each script runs against its service with the environment's load profile.
  scripts:
    - { path: load/api.yml, service: api }
  profiles:
    starter: { users: 5, rps: 10, duration: 20s }

benchmarks:
  files: ["bench/**/*.bench.{ts,js,mjs}"] # baselines land in .perfgate/baselines/: commit them

environments:
  ci:
    description: Every pull request; raise the duration once the gate is trusted
    loadProfile: starter
    timeBudget: 10m
`;

const loadScript = `# An Artillery script (https://www.artillery.io/docs): \`npx perfgate load load/api.yml\` runs it on
# its own; in \`perfgate run\` the target is the api service's url and the phases come from the
# environment's load profile.
config:
  target: ${DEFAULT_INIT_URL}
  phases:
    - { duration: 10, arrivalRate: 5 }
  plugins:
    ensure: {} # as in Artillery 2, ensure checks run only with the plugin on
  ensure:
    maxErrorRate: 1
scenarios:
  - name: browse
    flow:
      - get: { url: "/" }
`;

const benchFile = `// A benchmark \`perfgate bench\` (and \`perfgate run\`) measures in separate processes and compares
// with its baseline in .perfgate/baselines/ (written on the first run: commit it). Replace it with
// your own hot path; TypeScript files (*.bench.ts) work the same.
import { benchmark } from 'perfgate';

const payload = JSON.stringify({
  items: Array.from({ length: 200 }, (_, id) => ({ id, name: \`item \${id}\`, tags: ['a', 'b'] })),
});

benchmark('parse a 200-item JSON payload', () => JSON.parse(payload));
`;

export function starterFiles(url: string): StarterFile[] {
  return [
    { path: 'perfgate.config.yaml', text: config(url) },
    { path: 'load/api.yml', text: loadScript },
    { path: 'bench/example.bench.mjs', text: benchFile },
  ];
}
