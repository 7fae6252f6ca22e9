// perfgate as a project installs it (~60 s, npm registry): the packed tarball installed into fresh
// consumer projects, which type-check in strict TypeScript and run a short load test against a
// server of their own on 127.0.0.1, check the SLOs and use the matchers — under the newest Vitest
// and Jest 30's defaults (the repository's own installs), and under the lowest Vitest of the
// declared peer range (installed from the registry). Sources: test/package/consumer/.
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const SOURCES = join(REPO_ROOT, 'test', 'package', 'consumer');
const work = mkdtempSync(join(tmpdir(), 'perfgate-consumer-'));
const app = join(work, 'app');
const lowest = join(work, 'lowest');

/** The lowest Vitest of package.json's peer range, which the types and matchers must work on. */
const peerRange = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    peerDependencies: Record<string, string>;
  }
).peerDependencies.vitest;
const LOWEST_VITEST = /^>=\s*(\d+\.\d+\.\d+)/.exec(peerRange ?? '')?.[1] ?? 'unparsed';

interface Run {
  code: number;
  output: string;
}

function run(command: string, args: string[], cwd: string, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd,
        timeout: timeoutMs,
        maxBuffer: 32 * 1024 * 1024,
        env: { ...process.env, CI: 'true', NO_COLOR: '1' },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

const node = (script: string, args: string[], cwd: string) => run(process.execPath, [script, ...args], cwd);
const repoModule = (name: string) => join(REPO_ROOT, 'node_modules', name);

async function expectOk(step: Promise<Run>, what: string): Promise<string> {
  const { code, output } = await step;
  expect(code, `${what} failed:\n${output.slice(-4000)}`).toBe(0);
  return output;
}

/** A fresh project: the fixture files, `npm install` of the tarball (+ extra packages), tool links. */
async function project(
  dir: string,
  manifest: object,
  files: Record<string, string>,
  extra: string[],
  links: string[],
) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, ...manifest }));
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, to)), { recursive: true });
    cpSync(join(SOURCES, from), join(dir, to), { recursive: true });
  }
  const install = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'];
  await expectOk(run('npm', [...install, join(work, tarball), ...extra], dir), `npm install in ${dir}`);
  // The repository's own TypeScript, Vitest and Jest, as a project's devDependencies would be (npm
  // hoists Jest's `expect` and `@jest/globals` beside it: linked the same way).
  for (const name of links) {
    const target = join(dir, 'node_modules', name);
    mkdirSync(join(target, '..'), { recursive: true });
    if (!existsSync(target)) symlinkSync(repoModule(name), target);
  }
}

let tarball = '';
const shared = { 'perfgate.config.yaml': 'perfgate.config.yaml', 'bad.yaml': 'bad.yaml', load: 'load' };

beforeAll(async () => {
  expect(existsSync(join(REPO_ROOT, 'dist', 'cjs', 'index.cjs')), 'run `npm run build` first').toBe(true);
  const packed = await expectOk(
    run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO_ROOT),
    'npm pack',
  );
  tarball = (JSON.parse(packed.slice(packed.indexOf('['))) as { filename: string }[])[0]?.filename ?? '';
  await Promise.all([
    project(
      app,
      { name: 'consumer-app', jest: { setupFilesAfterEnv: ['perfgate/jest'] } },
      {
        ...shared,
        'tsconfig.json': 'tsconfig.app.json',
        'vitest/perf.test.mts': 'vitest.consumer.ts',
        'jest/perf.test.ts': 'jest.consumer.ts',
      },
      [],
      ['typescript', 'vitest', 'jest', '@jest/globals', 'expect', '@types/node'],
    ),
    project(
      lowest,
      { name: 'consumer-lowest', type: 'module' },
      { ...shared, 'tsconfig.json': 'tsconfig.lowest.json', 'perf.test.ts': 'vitest.consumer.ts' },
      [`vitest@${LOWEST_VITEST}`],
      ['typescript', '@types/node'],
    ),
  ]);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

// In order: Jest runs what tsc compiled. (Run concurrently they only fight over two cores.)
describe('the packed tarball in a consumer project', { timeout: 120_000 }, () => {
  it('type-checks in strict TypeScript, as ESM and as CommonJS', async () => {
    await expectOk(node(join(app, 'node_modules/typescript/bin/tsc'), ['-p', '.'], app), 'tsc (app)');
    expect(existsSync(join(app, 'build', 'jest', 'perf.test.js'))).toBe(true);
  });

  it('passes under the newest Vitest: config, load test on 127.0.0.1, SLOs, matchers, report', async () => {
    const output = await expectOk(
      node(join(app, 'node_modules/vitest/vitest.mjs'), ['run', 'vitest/perf.test.mts'], app),
      'vitest',
    );
    expect(output).toMatch(/Tests\s+8 passed \(8\)/);
    expect(existsSync(join(app, 'out', 'report.html'))).toBe(true);
  });

  it("passes under Jest 30's defaults (CommonJS, setupFilesAfterEnv: perfgate/jest)", async () => {
    const jest = join(app, 'node_modules/jest/bin/jest.js');
    expect(JSON.parse(readFileSync(join(app, 'node_modules/jest/package.json'), 'utf8')).version).toMatch(
      /^30\./,
    );
    const output = await expectOk(node(jest, ['build/jest'], app), 'jest');
    expect(output).toMatch(/Tests:\s+3 passed, 3 total/);
  });

  it(`type-checks and passes under Vitest ${LOWEST_VITEST}, the lowest of the peer range ${peerRange}`, async () => {
    const installed = JSON.parse(readFileSync(join(lowest, 'node_modules/vitest/package.json'), 'utf8'));
    expect(installed.version).toBe(LOWEST_VITEST);
    await expectOk(
      node(join(lowest, 'node_modules/typescript/bin/tsc'), ['-p', '.'], lowest),
      'tsc (lowest)',
    );
    const output = await expectOk(
      node(join(lowest, 'node_modules/vitest/vitest.mjs'), ['run'], lowest),
      'vitest (lowest)',
    );
    expect(output).toMatch(/Tests\s+8 passed \(8\)/);
  });
});
