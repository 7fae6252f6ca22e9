/**
 * `perfgate init [--url URL]`: writes the starter project (src/cli/init/templates.ts) into the
 * working directory — all of it, or nothing when any of its files exists: it never overwrites.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PerfgateError } from '../../core/errors.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { DEFAULT_INIT_URL, starterFiles } from '../init/templates.js';

function serviceUrl(text: string | undefined): string {
  const url = text ?? DEFAULT_INIT_URL;
  if (!/^https?:\/\/[^\s/]+/.test(url) || !URL.canParse(url)) {
    throw new PerfgateError('INVALID_ARGUMENT', `--url ${url}: expected an http:// or https:// URL`, {
      hint: 'the URL of the service to test, e.g. --url http://127.0.0.1:3000',
    });
  }
  return url.replace(/\/+$/, '');
}

export async function initCommand({
  io,
  options,
  output,
}: CommandContext<{ url?: string }>): Promise<number> {
  const files = starterFiles(serviceUrl(options.url));
  const existing = files.filter((file) => io.fileExists(join(io.cwd, file.path)));
  if (existing.length > 0) {
    for (const file of existing) output.error(`${file.path} already exists`);
    output.info('  hint: perfgate init never overwrites a file; run it in a folder without these files');
    return EXIT.badInput;
  }
  for (const file of files) {
    const path = join(io.cwd, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text, { flag: 'wx' }); // 'wx': fail rather than overwrite, even in a race
    output.result(`created ${file.path}`);
  }
  output.info('next: `npx perfgate validate`, then `npx perfgate run --env ci` with the service running');
  return EXIT.ok;
}
