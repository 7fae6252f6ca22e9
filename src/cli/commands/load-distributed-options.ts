import type { Command } from 'commander';

/**
 * `perfgate load`'s flags for tests larger than one process: segments that start together, the
 * generator side of a distributed run, and the test on a Kubernetes cluster.
 */
export function addDistributedOptions(command: Command): Command {
  return command
    .option('--start-at <time>', 'start the schedule at this instant: ISO time with a zone, or +10s from now')
    .option('--region <names...>', "this generator's region label; with --kubernetes: regions to spread over")
    .option(
      '--job-segment <offset/n>',
      'in a Kubernetes Indexed Job: segment OFFSET + $JOB_COMPLETION_INDEX + 1 of N',
    )
    .option('--print-results', 'print the results to stdout, framed, for a coordinator reading the log')
    .option('--defer-verdict', "one segment of a larger test: exit 0 whatever its share's ensure says")
    .option(
      '--kubernetes',
      'run the test on a Kubernetes cluster (Indexed Job), judged on the merged results',
    )
    .option('--generators <n>', 'with --kubernetes: how many generator pods share the test')
    .option('--namespace <ns>', "with --kubernetes: the namespace (default: the kubeconfig context's)")
    .option(
      '--image <image>',
      'with --kubernetes: the generator image (default: perfgate:<version>, built from the Dockerfile)',
    )
    .option('--start-delay <duration>', 'with --kubernetes: time for pods to be scheduled and ready', '60s')
    .option('--cpu <quantity>', 'with --kubernetes: CPU request per generator pod (default: its workers)')
    .option('--memory <quantity>', 'with --kubernetes: memory request per generator pod', '512Mi')
    .option('--render', 'with --kubernetes: print the manifests instead of applying them');
}
