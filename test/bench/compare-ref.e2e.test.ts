import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runBinary } from '../helpers/cli.js';

const PERFGATE = pathToFileURL(join(REPO_ROOT, 'dist', 'index.js')).href;

/** A bench file whose work is `rounds` steps of a hash chain. */
function benchSource(rounds: number): string {
  return `import { benchmark } from '${PERFGATE}';
function hashChain(n) { let a = 1; for (let i = 0; i < n; i++) a = (Math.imul(a ^ (a >>> 15), 0x85ebca6b) + i) | 0; return a; }
benchmark('chain', () => hashChain(${rounds}), { iterations: 10, warmupIterations: 2, minSamplingTimeMs: 20 });
`;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
  });

describe('perfgate bench --compare-ref', () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'perfgate-ref-'));
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'chain.bench.mjs'), benchSource(5_000));
    git(repo, 'add', '.');
    git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'base');
    // The candidate (working tree) does four times the work.
    writeFileSync(join(repo, 'chain.bench.mjs'), benchSource(20_000));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('measures the ref in a temporary worktree, interleaved, and removes the worktree', async () => {
    const run = await runBinary(
      [
        'bench',
        'chain.bench.mjs',
        '--compare-ref',
        'main',
        '--processes',
        '5',
        '--max-processes',
        '8',
        '-o',
        'r.json',
      ],
      // Counting both sides under callgrind, when some processes ran disturbed, takes 15–40 s more.
      { cwd: repo, timeoutMs: 120_000 },
    );
    expect(run.stderr).toMatch(/base: main \([0-9a-f]{12}\) checked out/);
    expect(run.stdout).toMatch(/chain › chain .*regression \(critical\)/);
    expect(run.code).toBe(1);
    expect(git(repo, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  }, 150_000);

  it('exits 2 for a ref git does not know', async () => {
    const run = await runBinary(['bench', 'chain.bench.mjs', '--compare-ref', 'no-such-ref'], { cwd: repo });
    expect(run.stderr).toContain('git rev-parse');
    expect(run.code).toBe(2);
  });
});
