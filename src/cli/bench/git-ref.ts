/**
 * `--compare-ref REF`: the base checked out in a temporary `git worktree`, so base and candidate
 * run interleaved on the same machine in the same job. node_modules is symlinked from the
 * candidate's checkout instead of reinstalled (npm ci is slow); when the project has a `build`
 * script it runs in the worktree, so code imported from build output is the base's too.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { PerfgateError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';

const run = promisify(execFile);
const BUILD_TIMEOUT_MS = 10 * 60_000;

export interface RefCheckout {
  /** The checkout of REF. */
  dir: string;
  /** The candidate's repository root. */
  repoRoot: string;
  /** The same file in the base checkout, or undefined when REF does not have it. */
  baseFileFor(candidateFile: string): string | undefined;
  /** Removes the worktree; safe to call twice. */
  remove(): Promise<void>;
}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new PerfgateError('INVALID_ARGUMENT', `git ${args.join(' ')} failed: ${detail}`, {
      hint: '--compare-ref needs a git repository and a ref it knows (a branch, tag or commit)',
    });
  }
}

function hasBuildScript(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  const scripts = (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> })
    .scripts;
  return typeof scripts?.build === 'string';
}

async function buildBase(dir: string, env: NodeJS.ProcessEnv, logger: Logger): Promise<void> {
  if (!hasBuildScript(dir)) return;
  logger.info(`building the base in ${dir} (npm run build)`);
  try {
    await run('npm', ['run', 'build', '--silent'], {
      cwd: dir,
      env,
      timeout: BUILD_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const detail = (error as { stdout?: string }).stdout?.trim().slice(-2_000) ?? (error as Error).message;
    throw new PerfgateError('BENCHMARK_FAILED', `building the base failed: ${detail}`);
  }
}

/** Checks out `ref` next to the repository containing `cwd`; the caller must `remove()` it. */
export async function checkoutRef(
  cwd: string,
  ref: string,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<RefCheckout> {
  const repoRoot = await git(cwd, ['rev-parse', '--show-toplevel']);
  const commit = await git(repoRoot, ['rev-parse', '--verify', `${ref}^{commit}`]);
  const dir = join(mkdtempSync(join(tmpdir(), 'perfgate-base-')), 'checkout');
  await git(repoRoot, ['worktree', 'add', '--detach', dir, commit]);
  let removed = false;
  const checkout: RefCheckout = {
    dir,
    repoRoot,
    baseFileFor(candidateFile) {
      const path = join(dir, relative(repoRoot, candidateFile));
      return existsSync(path) ? path : undefined;
    },
    async remove() {
      if (removed) return;
      removed = true;
      await git(repoRoot, ['worktree', 'remove', '--force', dir]).catch(() => undefined);
      rmSync(join(dir, '..'), { recursive: true, force: true });
      await git(repoRoot, ['worktree', 'prune']).catch(() => undefined);
    },
  };
  try {
    logger.info(`base: ${ref} (${commit.slice(0, 12)}) checked out in ${dir}`);
    const modules = join(repoRoot, 'node_modules');
    if (existsSync(modules) && !existsSync(join(dir, 'node_modules')))
      symlinkSync(modules, join(dir, 'node_modules'), 'dir');
    await buildBase(dir, env, logger);
    return checkout;
  } catch (error) {
    await checkout.remove();
    throw error;
  }
}
