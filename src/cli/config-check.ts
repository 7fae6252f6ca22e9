/**
 * What `perfgate validate` checks, shared with the library's `loadConfig`: the config file, then
 * every load script it names (with CSV payloads and processors), each problem one line as
 * `FILE:LINE:COL path: message`, files shown as named (relative to the working directory).
 */
import { relative } from 'node:path';
import { type ConfigIssue, formatIssue, type PerfgateConfig } from '../config/index.js';
import { type ConfigRequest, readConfig } from './config-file.js';
import type { CliIo } from './io.js';
import { loadScriptFiles } from './load/script-files.js';

export type ConfigCheck =
  | { state: 'ok'; shown: string; config: PerfgateConfig }
  | { state: 'invalid'; shown: string; part: 'config' | 'load scripts'; problems: string[] };

export async function checkConfig(io: CliIo, request: ConfigRequest): Promise<ConfigCheck> {
  const { path, result } = readConfig(io, request);
  const shown = path === undefined ? '(defaults)' : relative(io.cwd, path) || path;
  if (result.state === 'invalid') {
    const problems = result.issues.map((issue) => formatIssue(shortened(issue, path, shown)));
    return { state: 'invalid', shown, part: 'config', problems };
  }
  const problems = await loadScriptProblems(io, result.config);
  if (problems.length > 0) return { state: 'invalid', shown, part: 'load scripts', problems };
  return { state: 'ok', shown, config: result.config };
}

/** Every problem of every load script the config names (script, CSV payloads, processor). */
async function loadScriptProblems(io: CliIo, config: PerfgateConfig): Promise<string[]> {
  const problems: string[] = [];
  for (const entry of config.load.scripts) {
    if (!io.fileExists(entry.path)) continue; // already reported by the config check
    const loaded = await loadScriptFiles(io, entry.path, {
      ...(entry.environment === undefined ? {} : { environment: entry.environment }),
    });
    if (loaded.state === 'invalid') problems.push(...loaded.messages);
  }
  return problems;
}

/** Shows the file as the user named it (relative to cwd) rather than as an absolute path. */
function shortened(issue: ConfigIssue, path: string | undefined, shown: string): ConfigIssue {
  return issue.file === path ? { ...issue, file: shown } : issue;
}
