import { relative } from 'node:path';
import { type ConfigIssue, formatIssue, type PerfgateConfig } from '../../config/index.js';
import { formatDuration } from '../../core/duration.js';
import { hasBudget } from '../../slo/model.js';
import { slosFromSpecs } from '../../slo/spec.js';
import { readConfig } from '../config-file.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { loadScriptFiles } from '../load/script-files.js';
import type { Output } from '../output.js';

/** `perfgate validate`: every problem of the config, one per line as FILE:LINE:COL path: message. */
export async function validateCommand({ io, options, output }: CommandContext): Promise<number> {
  const { path, result } = readConfig(io, {
    config: options.config,
    env: options.env,
    required: true,
    logger: output.logger,
  });
  const shown = path === undefined ? '(defaults)' : relative(io.cwd, path) || path;
  if (result.state === 'invalid') {
    for (const issue of result.issues) output.result(formatIssue(shortened(issue, path, shown)));
    const count = result.issues.length;
    output.info(output.colors.red(`✗ ${shown}: ${count} problem${count === 1 ? '' : 's'}`));
    return EXIT.badInput;
  }
  const scriptProblems = await checkLoadScripts(io, result.config);
  if (scriptProblems.length > 0) {
    for (const problem of scriptProblems) output.result(problem);
    const count = scriptProblems.length;
    output.info(output.colors.red(`✗ load scripts: ${count} problem${count === 1 ? '' : 's'}`));
    return EXIT.badInput;
  }
  printSummary(output, shown, result.config);
  return EXIT.ok;
}

/** Every problem of every load script the config names (script, CSV payloads, processor), FILE:LINE:COL. */
async function checkLoadScripts(io: CommandContext['io'], config: PerfgateConfig): Promise<string[]> {
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

function printSummary(output: Output, shown: string, config: PerfgateConfig): void {
  const { colors } = output;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const env = config.environment;
  const profile = env.loadProfile;
  const rate = profile.rps === undefined ? '' : `, ${profile.rps} rps`;
  output.result(`${colors.green('✓')} ${shown} is valid`);
  output.result(
    `  ${count(config.services.length, 'service')}, ${count(config.slos.length, 'SLO')}, ` +
      `${count(config.load.scripts.length, 'load script')}, benchmarks ${config.benchmarks.files.join(' ')}`,
  );
  output.result(
    `  environment ${colors.bold(env.name)}: ${env.loadProfileName} load (${profile.users} users, ` +
      `${formatDuration(profile.duration)}${rate}), time budget ${formatDuration(env.timeBudgetMs)}` +
      (env.requireConfirmation ? ', asks for confirmation' : ''),
  );
  output.result(`  environments: ${config.environments.join(', ')}`);
  for (const slo of slosFromSpecs(config.slos)) {
    if (slo.tierOrigin.kind !== 'workbook' && hasBudget(slo))
      output.result(`  SLO ${slo.id}: ${slo.tierOrigin.explanation}`);
    for (const warning of slo.warnings) output.warn(warning);
  }
}
