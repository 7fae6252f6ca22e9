import { describe, expect, it } from 'vitest';
import { MissingToolsError, type ProvisionWorld, provisionSystemTools } from './provision.js';
import { findOnPath, type SystemTool } from './system-tools.js';

const TOOLS: SystemTool[] = [
  { command: 'promtool', debian: 'prometheus', why: 'checks rules', suites: ['a.test.ts', 'b.test.ts'] },
  { command: 'prometheus', debian: 'prometheus', why: 'scrapes', suites: ['b.test.ts'] },
  { command: 'chromium', debian: 'chromium', why: 'opens the report', suites: ['c.test.ts'] },
];

/** A machine with `present` commands; apt-get (if `apt`) installs `installable` packages' commands. */
function machine(options: {
  present: string[];
  root?: boolean;
  apt?: boolean;
  installable?: Record<string, string[]>;
  aptFails?: boolean;
  scripted?: Record<string, string[]>;
  scriptFails?: boolean;
}) {
  const onPath = new Set(options.present);
  if (options.apt !== false) onPath.add('apt-get');
  const installs: string[][] = [];
  const scripts: string[] = [];
  const logs: string[] = [];
  const world: ProvisionWorld = {
    find: (command) => (onPath.has(command) ? `/usr/bin/${command}` : undefined),
    isRoot: options.root ?? true,
    aptInstall(packages) {
      installs.push([...packages]);
      if (options.aptFails) return { ok: false, output: 'E: Unable to locate package chromium' };
      for (const name of packages)
        for (const command of options.installable?.[name] ?? []) onPath.add(command);
      return { ok: true, output: '' };
    },
    runScript(path) {
      scripts.push(path);
      if (options.scriptFails) return { ok: false, output: 'curl: no network' };
      for (const command of options.scripted?.[path] ?? []) onPath.add(command);
      return { ok: true, output: '' };
    },
    log: (line) => logs.push(line),
  };
  return { world, installs, scripts, logs };
}

const local = { ci: false, noApt: false };

describe('provisioning the tools the suites need', () => {
  it('does nothing when every tool is there', () => {
    const { world, installs, logs } = machine({ present: ['promtool', 'prometheus', 'chromium'] });
    expect(provisionSystemTools(TOOLS, world, local)).toEqual({ installed: [], excluded: [], notices: [] });
    expect(installs).toEqual([]);
    expect(logs).toEqual([]);
  });

  it('installs the missing packages once, as root with apt-get, and then runs every suite', () => {
    const { world, installs, logs } = machine({
      present: ['chromium'],
      installable: { prometheus: ['promtool', 'prometheus'] },
    });
    const outcome = provisionSystemTools(TOOLS, world, { ci: true, noApt: false });
    expect(installs).toEqual([['prometheus']]);
    expect(outcome).toEqual({ installed: ['prometheus'], excluded: [], notices: [] });
    expect(logs[0]).toContain('installing prometheus with apt-get for 2 suite(s)');
  });

  it('without root leaves out each affected suite with one line naming the tool and how to get it', () => {
    const { world, installs } = machine({ present: ['promtool', 'prometheus'], root: false });
    const outcome = provisionSystemTools(TOOLS, world, local);
    expect(installs).toEqual([]);
    expect(outcome.excluded).toEqual(['c.test.ts']);
    expect(outcome.notices).toEqual([
      'NOT RUN c.test.ts: needs chromium (opens the report); install it, e.g. `sudo apt-get install chromium` on Debian/Ubuntu, then run again (not running as root)',
    ]);
  });

  it('names every tool a suite lacks, once per suite, when there is no apt-get', () => {
    const { world } = machine({ present: ['chromium'], apt: false });
    const outcome = provisionSystemTools(TOOLS, world, local);
    expect(outcome.excluded).toEqual(['a.test.ts', 'b.test.ts']);
    expect(outcome.notices).toHaveLength(2);
    expect(outcome.notices[1]).toMatch(
      /^NOT RUN b\.test\.ts: needs promtool \(checks rules\) and prometheus \(scrapes\); .*`sudo apt-get install prometheus`.*\(no apt-get on this machine\)$/,
    );
  });

  it('reports a failed apt-get with its output and leaves the suites out', () => {
    const { world, logs } = machine({ present: ['promtool', 'prometheus'], aptFails: true });
    const outcome = provisionSystemTools(TOOLS, world, local);
    expect(outcome.installed).toEqual([]);
    expect(outcome.excluded).toEqual(['c.test.ts']);
    expect(outcome.notices[0]).toContain('(apt-get install failed)');
    expect(logs.join('\n')).toContain('E: Unable to locate package chromium');
  });

  it('leaves apt-get alone when PERFGATE_NO_APT is set', () => {
    const { world, installs } = machine({ present: ['promtool', 'prometheus'] });
    const outcome = provisionSystemTools(TOOLS, world, { ci: false, noApt: true });
    expect(installs).toEqual([]);
    expect(outcome.notices[0]).toContain('(PERFGATE_NO_APT is set)');
  });

  it('fails with CI=true when a tool cannot be had, listing every affected suite', () => {
    const { world } = machine({ present: ['chromium'], root: false });
    const run = () => provisionSystemTools(TOOLS, world, { ci: true, noApt: false });
    expect(run).toThrow(MissingToolsError);
    expect(run).toThrow(
      /CI=true and 2 tool\(s\) the tests need are missing:\nNOT RUN a\.test\.ts: .*\nNOT RUN b\.test\.ts: /,
    );
  });

  it("runs a tool's install script after apt-get brought what the script needs", () => {
    const kubectl: SystemTool = {
      command: 'kubectl',
      debian: 'unzip',
      script: 'scripts/install-kubectl.sh',
      why: 'decodes manifests',
      suites: ['k.test.ts'],
    };
    const { world, installs, scripts } = machine({
      present: ['promtool', 'prometheus', 'chromium'],
      installable: { unzip: ['unzip'] },
      scripted: { 'scripts/install-kubectl.sh': ['kubectl'] },
    });
    expect(provisionSystemTools([...TOOLS, kubectl], world, { ci: true, noApt: false })).toEqual({
      installed: ['unzip'],
      excluded: [],
      notices: [],
    });
    expect(installs).toEqual([['unzip']]);
    expect(scripts).toEqual(['scripts/install-kubectl.sh']);

    const failing = machine({ present: [], installable: { unzip: ['unzip'] }, scriptFails: true });
    const outcome = provisionSystemTools([kubectl], failing.world, local);
    expect(outcome.notices).toEqual([
      'NOT RUN k.test.ts: needs kubectl (decodes manifests); install it, e.g. `sudo apt-get install unzip && sudo bash scripts/install-kubectl.sh` on Debian/Ubuntu, then run again (its install script failed)',
    ]);
    expect(failing.logs.join('\n')).toContain('curl: no network');
  });

  it('finds executables on PATH and only executables', () => {
    expect(findOnPath('sh', '/nonexistent:/bin')).toBe('/bin/sh');
    expect(findOnPath('passwd', '/etc')).toBeUndefined();
    expect(findOnPath('no-such-tool-anywhere')).toBeUndefined();
  });
});
