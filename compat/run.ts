/**
 * `npm run compat`: the differential harness. Every corpus script (each scenario apart) goes to
 * Artillery and to perfgate with the same flags, each against its own recording server, inside
 * a network namespace that has only loopback (`unshare -n`). The recordings are compared and
 * Artillery's are kept in compat/golden/ for the test suite.
 *
 *   npm run compat                      both tools, live (needs Artillery, see compat/README.md)
 *   npm run compat -- --golden          perfgate against the stored Artillery recordings
 *   npm run compat -- --only cookies    jobs whose id contains the text
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Comparison, compareRuns } from './lib/compare.js';
import { type Golden, goldenFile, readGolden, scriptDrawsRandom } from './lib/golden.js';
import {
  ARTILLERY_VERSION,
  COMPAT_DIR,
  copyCorpus,
  GOLDEN_DIR,
  type Job,
  type JobResult,
  jobsOf,
  readManifest,
  type Tool,
} from './lib/job.js';

const { values } = parseArgs({
  options: {
    golden: { type: 'boolean', default: false },
    only: { type: 'string' },
    concurrency: { type: 'string', default: '3' },
  },
});

const ARTILLERY_TIMEOUT_MS = 90_000;
const PERFGATE_TIMEOUT_MS = 40_000;

const jobs = readManifest()
  .flatMap(jobsOf)
  .filter((job) => values.only === undefined || job.id.includes(values.only));
if (spawnSync('unshare', ['-n', 'true']).status !== 0) {
  console.error(
    'unshare -n is not available: the live harness runs each tool in a loopback-only network namespace',
  );
  process.exit(2);
}
const root = copyCorpus();
mkdirSync(GOLDEN_DIR, { recursive: true });
const rows: { job: Job; comparison: Comparison }[] = [];
await inPool(jobs, Number(values.concurrency), async (job) => {
  const golden = values.golden ? readGolden(job) : await recordArtillery(job);
  const perfgate = await runIsolated(job, 'perfgate');
  const comparison = compareRuns(golden.artillery, perfgate.result, {
    hosts: [golden.host, perfgate.host],
    random: scriptDrawsRandom(job),
  });
  rows.push({ job, comparison });
  const ok = comparison.sameTraffic && comparison.sameVerdict;
  console.log(`${ok ? 'same' : 'DIFF'}  ${job.id}`);
  for (const line of comparison.differences) console.log(`      ${line.replaceAll('\n', '\n      ')}`);
  if (!comparison.sameVerdict)
    for (const line of warningsOf(perfgate.result.output)) console.log(`      perfgate: ${line}`);
});
rmSync(root, { recursive: true, force: true });
summarise(rows);

async function recordArtillery(job: Job): Promise<Golden> {
  const { result, host } = await runIsolated(job, 'artillery');
  const golden: Golden = {
    id: job.id,
    artilleryVersion: ARTILLERY_VERSION,
    entry: job.entry,
    ...(job.scenarioIndex === undefined ? {} : { scenarioIndex: job.scenarioIndex }),
    engines: job.engines,
    host,
    artillery: { exitCode: result.exitCode, timedOut: result.timedOut, events: result.events },
  };
  writeFileSync(goldenFile(job), `${JSON.stringify(golden, null, 1)}\n`);
  return golden;
}

/** One tool, one job, in a fresh loopback-only network namespace: nothing can leave the machine. */
function runIsolated(job: Job, tool: Tool): Promise<{ result: JobResult; host: string }> {
  const timeout = String(tool === 'artillery' ? ARTILLERY_TIMEOUT_MS : PERFGATE_TIMEOUT_MS);
  const node = [
    process.execPath,
    '--import',
    'tsx',
    join(COMPAT_DIR, 'run-one.ts'),
    JSON.stringify(job),
    tool,
    root,
    timeout,
  ];
  const [command, ...args] = ['unshare', '-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', ...node];
  return new Promise((settle, fail) => {
    const child = spawn(command as string, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.on('close', (code) => {
      try {
        const parsed = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as JobResult & { host: string };
        settle({ result: parsed, host: parsed.host });
      } catch {
        fail(new Error(`${tool} on ${job.id}: the runner exited ${code} without a result`));
      }
    });
  });
}

/** perfgate's warnings and errors, to read why a verdict differs. */
function warningsOf(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => /warn|error|untrusted|nothing|unreachable|exit|not run|fail/i.test(line))
    .slice(-6);
}

async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, size) }, worker));
}

function summarise(all: { job: Job; comparison: Comparison }[]): void {
  const byScript = new Map<string, { engines: Set<string>; ok: boolean }>();
  for (const { job, comparison } of all) {
    const key = [job.entry.script, ...(job.entry.flags ?? [])].join(' ');
    const entry = byScript.get(key) ?? { engines: new Set<string>(), ok: true };
    for (const engine of job.engines) entry.engines.add(engine);
    entry.ok &&= comparison.sameTraffic && comparison.sameVerdict;
    byScript.set(key, entry);
  }
  const http = [...byScript.values()].filter((s) => [...s.engines].every((e) => e === 'http'));
  const realtime = [...byScript.values()].filter((s) =>
    [...s.engines].some((e) => e === 'ws' || e === 'websocket' || e === 'socketio'),
  );
  const other = byScript.size - http.length - realtime.length;
  const percent = (part: number, whole: number) => (whole === 0 ? 100 : (100 * part) / whole).toFixed(1);
  const httpSame = http.filter((s) => s.ok).length;
  const realtimeSame = realtime.filter((s) => s.ok).length;
  console.log(`\nHTTP scripts: ${httpSame}/${http.length} the same (${percent(httpSame, http.length)} %)`);
  console.log(`ws/socketio scripts: ${realtimeSame}/${realtime.length} the same`);
  console.log(`other engines: ${other} (never a passing run in perfgate)`);
  writeFileSync(
    join(COMPAT_DIR, 'last-run.json'),
    `${JSON.stringify({ when: new Date().toISOString(), rows: all.map((r) => ({ id: r.job.id, ...r.comparison })) }, null, 1)}\n`,
  );
  const stale = readdirSync(GOLDEN_DIR).filter(
    (name) => !all.some(({ job }) => goldenFile(job).endsWith(name)),
  );
  if (values.only === undefined && !values.golden) for (const name of stale) rmSync(join(GOLDEN_DIR, name));
  if (Number(percent(httpSame, http.length)) < 95) process.exitCode = 1;
}
