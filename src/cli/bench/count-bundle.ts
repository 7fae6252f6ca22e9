/**
 * A TypeScript bench file is bundled before it is counted under callgrind (callgrind.ts) with
 * esbuild, the compiler tsx itself runs on: loading the file and its imports through tsx's hooks
 * under valgrind is most of a counted process's life (measured here: one demo benchmark counted
 * in 22.7 s through tsx, 11.1 s from a bundle, the same count within 0.05 %). The bundle sits
 * beside the bench file, so its relative paths and packages (kept external) resolve as the file's
 * own, and is removed afterwards (or, if its process was killed first, by the next count there). An imported module that reads its own location (`import.meta`,
 * `__dirname`, `__filename`) would read the bundle's instead, so such a file — and anything
 * esbuild cannot bundle — is counted through tsx as before.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const TYPESCRIPT = /\.[cm]?tsx?$/;
const BUNDLE_NAME = /^\.perfgate-count-(\d+)-\d+\.mjs$/;
const READS_OWN_LOCATION = /\bimport\.meta\b|\b__dirname\b|\b__filename\b/;

export interface CountBundle {
  file: string;
  remove(): void;
}

function readsOwnLocation(inputs: readonly string[], entry: string, workDir: string): boolean {
  return inputs
    .map((input) => resolve(workDir, input))
    .some((input) => input !== entry && READS_OWN_LOCATION.test(readFileSync(input, 'utf8')));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the bundles of counts that were killed before they could (SIGKILL, a CI job's timeout):
 * those whose process is gone. A live process's bundle — another perfgate counting beside this one —
 * is left alone.
 */
export function removeStaleBundles(workDir: string): void {
  let names: string[];
  try {
    names = readdirSync(workDir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = BUNDLE_NAME.exec(name)?.[1];
    if (pid !== undefined && !processAlive(Number(pid))) rmSync(resolve(workDir, name), { force: true });
  }
}

/** The bundle to count instead of `file`, or undefined to count `file` itself (see the top). */
export async function bundleForCount(file: string): Promise<CountBundle | undefined> {
  if (!TYPESCRIPT.test(file)) return undefined;
  const workDir = dirname(file);
  removeStaleBundles(workDir);
  // A dot file without `.bench.` in its name: no bench-file glob picks it up, even if left behind.
  const out = resolve(workDir, `.perfgate-count-${process.pid}-${Date.now()}.mjs`);
  const remove = () => rmSync(out, { force: true });
  try {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [file],
      absWorkingDir: workDir,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: out,
      metafile: true,
      logLevel: 'silent',
    });
    if (readsOwnLocation(Object.keys(result.metafile.inputs), resolve(file), workDir)) {
      remove();
      return undefined;
    }
    return { file: out, remove };
  } catch {
    remove();
    return undefined;
  }
}
