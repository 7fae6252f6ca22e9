/**
 * Provisions the system tools the test suites need (test/setup/system-tools.ts) before Vitest
 * collects the suites: present → nothing to do; missing and installable (root, apt-get, not
 * opted out) → one apt-get install; still missing → the suites that need it are not run and
 * each gets one line saying which tool and how to get it; with CI=true that is a failure.
 * The world (PATH lookups, uid, apt-get) is injected so the decisions are unit-tested.
 */
import type { SystemTool } from './system-tools.js';

export interface ProvisionWorld {
  /** Absolute path of an executable on PATH, or undefined. */
  find(command: string): string | undefined;
  isRoot: boolean;
  /** Runs `apt-get update` and `apt-get install` of the packages; the output is shown on failure. */
  aptInstall(packages: readonly string[]): { ok: boolean; output: string };
  /** Runs an install script of the repository with bash. */
  runScript(path: string): { ok: boolean; output: string };
  log(line: string): void;
}

export interface ProvisionSettings {
  /** CI=true: a tool that cannot be had fails the run. */
  ci: boolean;
  /** PERFGATE_NO_APT=1 turns the apt-get install off. */
  noApt: boolean;
}

export interface ProvisionOutcome {
  /** Debian packages installed by this run. */
  installed: string[];
  /** Suites (paths or globs) that cannot run here: leave them out of the run. */
  excluded: string[];
  /** One line per excluded suite: which tool it needs and how to get it. */
  notices: string[];
}

/** Thrown with CI=true when a tool cannot be had: the message has one line per affected suite. */
export class MissingToolsError extends Error {
  override name = 'MissingToolsError';
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

function whyNotInstalled(world: ProvisionWorld, settings: ProvisionSettings): string | undefined {
  if (settings.noApt) return 'PERFGATE_NO_APT is set';
  if (world.find('apt-get') === undefined) return 'no apt-get on this machine';
  if (!world.isRoot) return 'not running as root';
  return undefined;
}

function notices(missing: readonly SystemTool[], reason: string): { excluded: string[]; notices: string[] } {
  const excluded = unique(missing.flatMap((tool) => tool.suites));
  const lines = excluded.map((suite) => {
    const needs = missing.filter((tool) => tool.suites.includes(suite));
    const what = needs.map((tool) => `${tool.command} (${tool.why})`).join(' and ');
    const packages = unique(needs.map((tool) => tool.debian)).join(' ');
    const scripts = needs.flatMap((tool) => (tool.script ? [` && sudo bash ${tool.script}`] : [])).join('');
    return `NOT RUN ${suite}: needs ${what}; install it, e.g. \`sudo apt-get install ${packages}${scripts}\` on Debian/Ubuntu, then run again (${reason})`;
  });
  return { excluded, notices: lines };
}

function logFailure(world: ProvisionWorld, what: string, output: string): void {
  world.log(`perfgate tests: ${what} failed:\n${output.trim().split('\n').slice(-15).join('\n')}`);
}

/** Runs the install scripts of the tools apt-get could not bring themselves. */
function runScripts(missing: readonly SystemTool[], world: ProvisionWorld): { ok: boolean } {
  let ok = true;
  for (const tool of missing) {
    if (tool.script === undefined || world.find(tool.command) !== undefined) continue;
    world.log(`perfgate tests: installing ${tool.command} with ${tool.script}`);
    const run = world.runScript(tool.script);
    if (!run.ok) {
      ok = false;
      logFailure(world, tool.script, run.output);
    }
  }
  return { ok };
}

export function provisionSystemTools(
  tools: readonly SystemTool[],
  world: ProvisionWorld,
  settings: ProvisionSettings,
): ProvisionOutcome {
  let missing = tools.filter((tool) => world.find(tool.command) === undefined);
  if (missing.length === 0) return { installed: [], excluded: [], notices: [] };
  const packages = unique(missing.map((tool) => tool.debian));
  let reason = whyNotInstalled(world, settings);
  let installed: string[] = [];
  if (reason === undefined) {
    const suites = unique(missing.flatMap((tool) => tool.suites)).length;
    world.log(
      `perfgate tests: installing ${packages.join(', ')} with apt-get for ${suites} suite(s) (PERFGATE_NO_APT=1 turns this off)`,
    );
    const result = world.aptInstall(packages);
    if (result.ok) installed = packages;
    else logFailure(world, 'apt-get install', result.output);
    const scripted = result.ok ? runScripts(missing, world) : { ok: true };
    missing = missing.filter((tool) => world.find(tool.command) === undefined);
    reason = !result.ok
      ? 'apt-get install failed'
      : !scripted.ok
        ? 'its install script failed'
        : 'the package installed, but the command is still not on PATH';
  }
  if (missing.length === 0) return { installed, excluded: [], notices: [] };
  const outcome = notices(missing, reason);
  if (settings.ci) {
    throw new MissingToolsError(
      `CI=true and ${missing.length} tool(s) the tests need are missing:\n${outcome.notices.join('\n')}`,
    );
  }
  return { installed, ...outcome };
}
