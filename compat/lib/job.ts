/**
 * One run of the harness: a corpus entry (one scenario of it when a script has several), given
 * to one tool against a fresh recording server. Used by `npm run compat` (inside a network
 * namespace, for both tools) and by the test suite (perfgate only, against Artillery's golden
 * recordings).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type RecordedEvent, startRecorder } from './recorder.js';
import { recorderUrl, rewriteOverrides, rewriteScript } from './rewrite.js';

export const COMPAT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS_DIR = join(COMPAT_DIR, 'corpus');
export const GOLDEN_DIR = join(COMPAT_DIR, 'golden');
export const REPO_ROOT = resolve(COMPAT_DIR, '..');
/** Artillery is installed here, outside the project's dependencies (see compat/README.md). */
export const ARTILLERY_HOME =
  process.env.PERFGATE_COMPAT_ARTILLERY ?? join(homedir(), '.cache', 'perfgate-compat', 'artillery');
export const ARTILLERY_VERSION = '2.0.21';

export interface CorpusEntry {
  /** Relative to compat/corpus. */
  readonly script: string;
  readonly flags?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export interface Job {
  /** Stable name: the script, its flags, and the scenario when split. */
  readonly id: string;
  readonly entry: CorpusEntry;
  readonly scenarioIndex?: number;
  /** The engines the job's scenarios use (`http` when not set). */
  readonly engines: readonly string[];
}

export type Tool = 'artillery' | 'perfgate';

export interface JobResult {
  /** The recorder's `127.0.0.1:PORT` (replaced by a placeholder when runs are compared). */
  readonly host: string;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly events: readonly RecordedEvent[];
  /** The last lines the tool printed (for reading a difference). */
  readonly output: string;
}

export function readManifest(): CorpusEntry[] {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as CorpusEntry[];
}

/** One job per scenario when a script has several (a VU's scenario pick is random in both tools). */
export function jobsOf(entry: CorpusEntry): Job[] {
  const data = parse(readFileSync(join(CORPUS_DIR, entry.script), 'utf8'), { uniqueKeys: false }) as {
    scenarios?: { engine?: string }[];
  };
  const scenarios = Array.isArray(data?.scenarios) ? data.scenarios : [];
  const base = [entry.script, ...(entry.flags ?? [])].join(' ');
  const engineOf = (scenario: { engine?: string } | undefined) => String(scenario?.engine ?? 'http');
  const named = entry.flags?.includes('--scenario-name') ?? false;
  if (scenarios.length <= 1 || named)
    return [{ id: base, entry, engines: [...new Set(scenarios.map(engineOf))] }];
  return scenarios.map((scenario, index) => ({
    id: `${base} #${index}`,
    entry,
    scenarioIndex: index,
    engines: [engineOf(scenario)],
  }));
}

/** A private copy of the corpus to write rewritten scripts into (relative paths keep working). */
export function copyCorpus(): string {
  const root = mkdtempSync(join(tmpdir(), 'perfgate-compat-'));
  cpSync(CORPUS_DIR, root, { recursive: true });
  return root;
}

export interface PreparedJob {
  readonly cwd: string;
  readonly args: string[];
}

const CONFIG_FLAGS = new Set(['--config', '-c']);
const TARGET_FLAGS = new Set(['--target', '-t']);

/** Writes the rewritten script (and `--config` file) next to the originals in `root`; same args for both tools. */
export function prepareJob(job: Job, root: string, host: string, tag: string): PreparedJob {
  const scriptPath = join(root, job.entry.script);
  const cwd = dirname(scriptPath);
  const rewritten = rewriteFile(scriptPath, host, tag, job.scenarioIndex);
  const flags = [...(job.entry.flags ?? [])];
  for (let index = 0; index < flags.length - 1; index++) {
    const flag = flags[index] as string;
    const value = flags[index + 1] as string;
    if (CONFIG_FLAGS.has(flag)) flags[index + 1] = rewriteFile(resolve(cwd, value), host, tag);
    if (TARGET_FLAGS.has(flag)) flags[index + 1] = recorderUrl(value, host);
    if (flag === '--overrides') flags[index + 1] = rewriteOverrides(value, host);
  }
  return { cwd, args: [...flags, rewritten] };
}

function rewriteFile(path: string, host: string, tag: string, scenarioIndex?: number): string {
  const extension = extname(path);
  const out = join(dirname(path), `${basename(path, extension)}.${tag}${extension}`);
  const text = readFileSync(path, 'utf8');
  const options = { host, ...(scenarioIndex === undefined ? {} : { scenarioIndex }) };
  writeFileSync(out, rewriteScript(text, extension === '.json', options));
  return out;
}

export interface ToolCommand {
  readonly command: string;
  readonly args: readonly string[];
}

export function toolCommand(tool: Tool, args: readonly string[]): ToolCommand {
  if (tool === 'perfgate')
    return { command: process.execPath, args: [join(REPO_ROOT, 'dist', 'cli', 'main.js'), 'load', ...args] };
  const bin = join(ARTILLERY_HOME, 'node_modules', 'artillery', 'bin', 'run');
  if (!existsSync(bin))
    throw new Error(
      `Artillery ${ARTILLERY_VERSION} is not installed in ${ARTILLERY_HOME} (see compat/README.md)`,
    );
  return { command: process.execPath, args: [bin, 'run', ...args] };
}

/** Telemetry off, and its client silenced (see no-telemetry.cjs). */
function artilleryEnv(): Record<string, string> {
  return {
    ARTILLERY_DISABLE_TELEMETRY: 'true',
    PERFGATE_COMPAT_ARTILLERY_PACKAGE: join(ARTILLERY_HOME, 'node_modules', 'artillery'),
    NODE_OPTIONS: `--require ${join(COMPAT_DIR, 'lib', 'no-telemetry.cjs')}`,
  };
}

/** Runs one tool on one job against a fresh recorder: the recorder's events and the exit. */
export async function runJob(job: Job, tool: Tool, root: string, timeoutMs: number): Promise<JobResult> {
  const recorder = await startRecorder();
  try {
    const prepared = prepareJob(job, root, recorder.host, `compat-${tool}-${process.pid}`);
    const { command, args } = toolCommand(tool, prepared.args);
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...(tool === 'artillery' ? artilleryEnv() : {}),
      ...job.entry.env,
    };
    const exit = await spawnWithTimeout(command, args, prepared.cwd, env, timeoutMs);
    await new Promise((settle) => setTimeout(settle, 200));
    return { ...exit, host: recorder.host, events: [...recorder.events] };
  } finally {
    await recorder.close();
  }
}

export function spawnWithTimeout(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ exitCode: number | null; timedOut: boolean; output: string }> {
  return new Promise((settle) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      settle({ exitCode: code, timedOut, output: output.split('\n').slice(-80).join('\n') });
    });
  });
}
