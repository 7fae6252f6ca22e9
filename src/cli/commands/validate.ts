import type { PerfgateConfig } from '../../config/index.js';
import { formatDuration } from '../../core/duration.js';
import { hasBudget } from '../../slo/model.js';
import { slosFromSpecs } from '../../slo/spec.js';
import { checkConfig } from '../config-check.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';

/** `perfgate validate`: every problem of the config, one per line as FILE:LINE:COL path: message. */
export async function validateCommand({ io, options, output }: CommandContext): Promise<number> {
  const checked = await checkConfig(io, {
    config: options.config,
    env: options.env,
    required: true,
    logger: output.logger,
  });
  if (checked.state === 'invalid') {
    for (const problem of checked.problems) output.result(problem);
    const count = checked.problems.length;
    const where = checked.part === 'config' ? checked.shown : 'load scripts';
    output.info(output.colors.red(`✗ ${where}: ${count} problem${count === 1 ? '' : 's'}`));
    return EXIT.badInput;
  }
  printSummary(output, checked.shown, checked.config);
  return EXIT.ok;
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
