import { configDefaults, defineConfig } from 'vitest/config';
import { notRunReporter, provisionForVitest } from './test/setup/vitest-provision.js';

// Suites that run promtool, Prometheus, the Pushgateway or Chromium need them on the machine:
// missing ones are installed with apt-get (as root), else those suites are named and left out
// (a failure with CI=true). The table is test/setup/system-tools.ts.
const tools = provisionForVitest();

// Suites that keep a core busy for a minute under valgrind run after all others: beside the
// load tests' real servers they slowed ToolHub's p95 from ~100 ms to 1.2 s.
const CALLGRIND_SUITES = ['test/bench/instructions.e2e.test.ts', 'test/bench/tie-break.e2e.test.ts'];
const INCLUDE = ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'];

export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, ...tools.excluded],
    reporters: tools.notices.length > 0 ? ['default', notRunReporter(tools)] : ['default'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real servers and child processes; two cores, so keep parallelism modest.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: INCLUDE,
          exclude: [...configDefaults.exclude, ...tools.excluded, ...CALLGRIND_SUITES],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'callgrind',
          include: CALLGRIND_SUITES,
          exclude: [...configDefaults.exclude, ...tools.excluded],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
