import { configDefaults, defineConfig } from 'vitest/config';
import { notRunReporter, provisionForVitest } from './test/setup/vitest-provision.js';

// Suites that run promtool, Prometheus, the Pushgateway or Chromium need them on the machine:
// missing ones are installed with apt-get (as root), else those suites are named and left out
// (a failure with CI=true). The table is test/setup/system-tools.ts.
const tools = provisionForVitest();

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...tools.excluded],
    reporters: tools.notices.length > 0 ? ['default', notRunReporter(tools)] : ['default'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real servers and child processes; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
