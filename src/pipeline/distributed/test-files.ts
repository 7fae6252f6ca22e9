/**
 * The files a generator pod needs to run a script as it runs here: the script, its CSV payloads,
 * its processor, its `formData` uploads and the `--dotenv` file. They are mounted in the pod as
 * one tree that mirrors their places here below their common directory, so every relative path
 * the script holds keeps working unchanged.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { PerfgateError } from '../../core/errors.js';
import { uploadFiles } from '../../load/data/assets.js';
import type { LoadScript } from '../../load/script/model.js';

export interface TestFile {
  /** Path below the mount, with `/` separators. */
  readonly path: string;
  readonly content: Uint8Array;
}

export interface TestFileSet {
  readonly files: readonly TestFile[];
  /** The script's path below the mount. */
  readonly scriptPath: string;
  /** The `--dotenv` file's path below the mount, when there is one. */
  readonly dotenvPath?: string;
}

/**
 * Absolute paths of every file the script reads, relative ones resolved against `cwd`; `dotenv`
 * is the `--dotenv` file, if any. An absolute path written in the script is INVALID_ARGUMENT.
 */
export function scriptFilePaths(
  script: LoadScript,
  scriptPath: string,
  cwd: string,
  dotenv?: string,
): string[] {
  const uploads = uploadFiles(script);
  const templated = uploads.find((upload) => upload.resolvedPath === undefined);
  if (templated !== undefined) {
    // Which files a templated path names is known only while the test runs.
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `${script.file}: the upload path ${templated.fromFile} is templated, so its files cannot be listed for a generator pod`,
      { hint: 'bake the files into the image (--image), or give each upload a fixed path' },
    );
  }
  const written = [
    ...script.payloads.map((payload) => ({ as: payload.path, at: payload.resolvedPath })),
    ...uploads.map((upload) => ({ as: upload.fromFile, at: upload.resolvedPath ?? upload.fromFile })),
  ];
  for (const file of written) {
    if (isAbsolute(file.as)) {
      throw new PerfgateError(
        'INVALID_ARGUMENT',
        `${script.file}: ${file.as} is an absolute path, which does not exist in a generator pod`,
        { hint: 'write it relative to the script, or bake the file into the image (--image)' },
      );
    }
  }
  const paths = [scriptPath, ...written.map((file) => file.at)];
  if (script.processorPath !== undefined) paths.push(script.processorPath);
  if (dotenv !== undefined) paths.push(dotenv);
  return [...new Set(paths.map((path) => resolve(cwd, path)))];
}

/**
 * Lays the files out below their common directory. `read` returns a file's bytes (the file
 * system is the caller's). Paths must be absolute.
 */
export function layOutTestFiles(
  paths: readonly string[],
  scriptPath: string,
  read: (absolutePath: string) => Uint8Array,
  dotenv?: string,
): TestFileSet {
  const root = commonDirectory(paths);
  const below = (path: string) => relative(root, path).split(sep).join('/');
  return {
    files: paths.map((path) => ({ path: below(path), content: read(path) })),
    scriptPath: below(scriptPath),
    ...(dotenv === undefined ? {} : { dotenvPath: below(dotenv) }),
  };
}

/** The deepest directory that holds every path. */
export function commonDirectory(paths: readonly string[]): string {
  const [first, ...rest] = paths.map((path) => dirname(path).split(sep));
  if (!first) throw new Error('commonDirectory needs at least one path');
  let depth = first.length;
  for (const parts of rest) {
    let shared = 0;
    while (shared < Math.min(depth, parts.length) && parts[shared] === first[shared]) shared++;
    depth = shared;
  }
  return first.slice(0, depth).join(sep) || sep;
}
