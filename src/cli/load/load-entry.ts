import type { CommandContext } from '../context.js';
import type { LoadOptions } from './load-action.js';

/**
 * `perfgate load`: a local run, or with `--kubernetes` the test on a cluster. Each is imported
 * only when it runs, so a plain load run keeps the cluster client out of its heap.
 */
export async function loadEntry(context: CommandContext<LoadOptions>, args: unknown[]): Promise<number> {
  if (context.options.kubernetes) {
    return (await import('../kubernetes/kubernetes-action.js')).kubernetesLoadCommand(context, args);
  }
  return (await import('./load-action.js')).loadCommand(context, args);
}
