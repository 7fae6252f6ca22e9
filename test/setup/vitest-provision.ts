/**
 * vitest.config.ts's side of the provisioner: the real world (PATH, uid, apt-get), the settings
 * from the environment, and a reporter that repeats the "not run" lines at the end of the run.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ProvisionOutcome, type ProvisionWorld, provisionSystemTools } from './provision.js';
import { findOnPath, SYSTEM_TOOLS } from './system-tools.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

function apt(args: string[]): { ok: boolean; output: string } {
  const run = spawnSync('apt-get', args, { env: APT_ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return {
    ok: run.status === 0,
    output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error?.message ?? ''}`,
  };
}

const realWorld: ProvisionWorld = {
  find: (command) => findOnPath(command),
  isRoot: process.getuid?.() === 0,
  aptInstall(packages) {
    const started = Date.now();
    const update = apt(['update', '-qq']);
    const result = update.ok ? apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]) : update;
    if (result.ok)
      realWorld.log(`perfgate tests: installed in ${Math.round((Date.now() - started) / 1000)} s`);
    return result;
  },
  runScript(path) {
    const run = spawnSync('bash', [join(REPO_ROOT, path)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return {
      ok: run.status === 0,
      output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error?.message ?? ''}`,
    };
  },
  log: (line) => process.stderr.write(`${line}\n`),
};

const isSet = (value: string | undefined) =>
  value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';

/** Installs what is missing (or says why it cannot); throws MissingToolsError with CI=true. */
export function provisionForVitest(env: NodeJS.ProcessEnv = process.env): ProvisionOutcome {
  const outcome = provisionSystemTools(SYSTEM_TOOLS, realWorld, {
    ci: isSet(env.CI),
    noApt: isSet(env.PERFGATE_NO_APT),
  });
  for (const notice of outcome.notices) realWorld.log(notice);
  return outcome;
}

/** A Vitest reporter that ends the run with the "not run" lines, so they are the last thing read. */
export function notRunReporter(outcome: ProvisionOutcome) {
  return {
    onTestRunEnd() {
      for (const notice of outcome.notices) process.stderr.write(`${notice}\n`);
    },
  };
}
