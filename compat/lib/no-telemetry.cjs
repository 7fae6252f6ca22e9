// Preloaded into Artillery by the harness (NODE_OPTIONS=--require). Artillery 2.0.21 still sends a
// "test run" event to PostHog when ARTILLERY_DISABLE_TELEMETRY is set (lib/telemetry.js only strips
// its properties), and inside the loopback-only namespace the client then retries DNS for about
// 12 s before the process may exit. This replaces the PostHog client with one that sends nothing;
// it touches telemetry only, never the test.
const { createRequire } = require('node:module');
const { join } = require('node:path');

const home = process.env.PERFGATE_COMPAT_ARTILLERY_PACKAGE;
if (home) {
  const resolved = createRequire(join(home, 'package.json')).resolve('posthog-node');
  class SilentPostHog {
    capture() {}
    async shutdownAsync() {}
  }
  require.cache[resolved] = {
    id: resolved,
    filename: resolved,
    loaded: true,
    exports: { PostHog: SilentPostHog },
  };
}
