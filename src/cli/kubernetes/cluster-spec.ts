/**
 * `perfgate load SCRIPT --kubernetes …`: the flags and the script's files turned into the
 * ClusterTestSpec the manifests are built from. Bad flags are INVALID_ARGUMENT (exit 2).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import { parseDuration } from '../../core/duration.js';
import { PerfgateError } from '../../core/errors.js';
import { DEFAULT_GRACE_MS } from '../../load/run/run-load-test.js';
import { plan } from '../../load/schedule/plan.js';
import { checkStartAt, parseStartAt } from '../../load/schedule/start-at.js';
import type { LoadScript } from '../../load/script/model.js';
import type { ClusterTestSpec } from '../../pipeline/distributed/manifests.js';
import { layOutTestFiles, scriptFilePaths } from '../../pipeline/distributed/test-files.js';
import { checkRegionName } from '../load/generator-flags.js';
import type { LoadOptions } from '../load/load-action.js';

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

/** The image `docker build -t perfgate:<version> .` makes from the repository's Dockerfile. */
export const DEFAULT_IMAGE = `perfgate:${version}`;
/** After the schedule's end: requests in flight, the log read, Kubernetes' own pace. */
const DEADLINE_MARGIN_MS = 120_000;

export interface KubernetesOptions extends LoadOptions {
  generators?: string;
  namespace?: string;
  image?: string;
  startDelay?: string;
  cpu?: string;
  memory?: string;
  render?: boolean;
}

export interface SpecInputs {
  readonly options: KubernetesOptions;
  readonly script: LoadScript;
  readonly scriptFile: string;
  readonly cwd: string;
  readonly nowMs: number;
}

export function clusterSpecOf({ options, script, scriptFile, cwd, nowMs }: SpecInputs): ClusterTestSpec {
  if (options.segment !== undefined || options.jobSegment !== undefined) {
    throw new PerfgateError('INVALID_ARGUMENT', '--kubernetes splits the test itself: drop --segment');
  }
  const generators = wholeNumber('--generators', options.generators);
  const workers = options.workers === undefined ? 1 : wholeNumber('--workers', options.workers);
  const regions = options.region ?? [];
  for (const region of regions) checkRegionName(region);
  const startAt = startInstant(options, nowMs);
  const dotenv = options.dotenv === undefined ? undefined : resolve(cwd, options.dotenv);
  const scriptPath = resolve(cwd, scriptFile);
  const paths = scriptFilePaths(script, scriptPath, cwd, dotenv);
  const files = layOutTestFiles(paths, scriptPath, (path) => new Uint8Array(readFileSync(path)), dotenv);
  const runMs = plan(script.phases).durationMs + 2 * script.http.timeoutMs + DEFAULT_GRACE_MS;
  return {
    runId: randomBytes(4).toString('hex').slice(0, 6),
    testName: basename(scriptFile).replace(/\.[^.]+$/, ''),
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    image: options.image ?? DEFAULT_IMAGE,
    generators,
    regions,
    startAt,
    files,
    loadArgs: passThroughArgs(options),
    workers,
    cpu: options.cpu ?? String(workers),
    memory: options.memory ?? '512Mi',
    deadlineSeconds: Math.ceil((startAt - nowMs + runMs + DEADLINE_MARGIN_MS) / 1000),
  };
}

/** `--start-at` when given, else now + `--start-delay` (time for pods to be scheduled and pull the image). */
function startInstant(options: KubernetesOptions, nowMs: number): number {
  if (options.startAt !== undefined) {
    const at = parseStartAt(options.startAt, nowMs);
    checkStartAt(at, nowMs);
    return at;
  }
  const delay = parseDuration(options.startDelay ?? '60s', 's');
  if (delay === undefined || delay < 1_000) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `--start-delay ${options.startDelay}: expected a duration such as 60s`,
    );
  }
  return nowMs + delay;
}

/** Flags that change the script, given to every generator as they were given here. */
function passThroughArgs(options: KubernetesOptions): string[] {
  const valued: [string, string | undefined][] = [
    ['--environment', options.environment],
    ['--target', options.target],
    ['--variables', options.variables],
    ['--overrides', options.overrides],
    ['--scenario-name', options.scenarioName],
    ['--interval', options.interval],
  ];
  return [
    ...valued.flatMap(([flag, value]) => (value === undefined ? [] : [flag, value])),
    ...(options.insecure ? ['--insecure'] : []),
    ...(options.solo ? ['--solo'] : []),
  ];
}

function wholeNumber(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || !Number.isInteger(value) || value < 1) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      text === undefined ? `--kubernetes needs ${flag} N` : `${flag} ${text}: expected a whole number >= 1`,
    );
  }
  return value;
}

/** A target on this machine's loopback is not this machine from inside a pod. */
export function loopbackWarning(target: string): string | undefined {
  let host: string;
  try {
    host = new URL(target).hostname;
  } catch {
    return undefined;
  }
  if (!['localhost', '127.0.0.1', '[::1]', '::1'].includes(host) && !host.startsWith('127.'))
    return undefined;
  return `the target ${target} is a loopback address: from a generator pod it is the pod itself, not this machine`;
}
