// The CommonJS build of `perfgate` and `perfgate/jest` (package.json "exports" → "require"), for
// runners that load tests as CommonJS and cannot require() ES modules — Jest's default setup. One
// bundle of the library API (dist/cjs/index.cjs) with its dependencies left as require() calls,
// and the Jest entry (dist/cjs/jest.cjs) built on that same bundle so both share one module state.
// Their types are the ESM build's, copied as .d.cts (TypeScript reads .d.ts beside a CJS file as ESM).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(dist, 'cjs');

/** In jest.ts, `./matchers.js` is the main bundle's: required, not bundled a second time. */
const jestOnMainBundle = {
  name: 'jest-on-main-bundle',
  setup(builder) {
    builder.onResolve({ filter: /^\.\/matchers\.js$/ }, (args) =>
      args.importer.endsWith(join('src', 'testing', 'jest.ts'))
        ? { path: './index.cjs', external: true }
        : undefined,
    );
  },
};

await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/index.ts', jest: 'src/testing/jest.ts' },
  outdir: out,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  // import.meta.url in ESM sources: the bundle's own file URL.
  define: { 'import.meta.url': '__perfgateModuleUrl' },
  banner: { js: "const __perfgateModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [jestOnMainBundle],
  logLevel: 'warning',
});

/** dist/**\/*.d.ts → dist/cjs/types/**\/*.d.cts, relative imports pointed at the copies. */
function copyDeclarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && path !== out) copyDeclarations(path);
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const target = join(out, 'types', relative(dist, path)).replace(/\.d\.ts$/, '.d.cts');
    const text = readFileSync(path, 'utf8').replace(
      /(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\.js\2/g,
      '$1$2$3.cjs$2',
    );
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}
copyDeclarations(dist);
