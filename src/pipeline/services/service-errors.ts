import { formatDuration } from '../../core/duration.js';
import { PerfgateError } from '../../core/errors.js';
import { OUTPUT_LINES_IN_ERRORS } from './tunables.js';
import type { ExitInfo, HealthProbe, ServiceSpec } from './types.js';

/** Why a service could not be brought up, as the PerfgateError a user reads. */
export function portInUseError(spec: ServiceSpec, address: string): PerfgateError {
  return new PerfgateError(
    'SERVICE_PORT_IN_USE',
    `service '${spec.name}': ${address} is already in use by another process`,
    {
      hint: `stop that process, or set \`reuseExisting: true\` on service '${spec.name}' to test it as it is`,
    },
  );
}

export function exitedEarlyError(
  spec: ServiceSpec,
  command: string,
  exit: ExitInfo,
  output: readonly string[],
): PerfgateError {
  const how = describeExit(exit);
  return new PerfgateError(
    'SERVICE_EXITED_EARLY',
    `service '${spec.name}' ${how} before it became healthy${details(command, output)}`,
    { hint: `run \`${command}\`${spec.cwd ? ` in ${spec.cwd}` : ''} by hand to see why it stops` },
  );
}

export function notReadyError(
  spec: ServiceSpec,
  command: string,
  healthUrl: string,
  last: HealthProbe | undefined,
  output: readonly string[],
): PerfgateError {
  return new PerfgateError(
    'SERVICE_NOT_READY',
    `service '${spec.name}' was not healthy within ${formatDuration(spec.readyTimeoutMs)}: ` +
      `${healthUrl} ${describeLastProbe(last)}${details(command, output)}`,
    { hint: 'check the `healthcheck` URL, or raise `readyTimeout` if the service starts slowly' },
  );
}

export function unreachableError(
  spec: ServiceSpec,
  healthUrl: string,
  last: HealthProbe | undefined,
  reused: boolean,
): PerfgateError {
  const origin = reused ? 'already running, reused' : 'no `start` command';
  return new PerfgateError(
    'SERVICE_UNREACHABLE',
    `service '${spec.name}' (${origin}) was not healthy within ${formatDuration(spec.readyTimeoutMs)}: ` +
      `${healthUrl} ${describeLastProbe(last)}`,
    {
      hint: reused
        ? 'the process on that port is not this service, or is unhealthy: stop it, or fix the `healthcheck` URL'
        : `start it before running perfgate, or give service '${spec.name}' a \`start\` command`,
    },
  );
}

export function abortedError(spec: ServiceSpec, reason: unknown): PerfgateError {
  const why = reason instanceof Error ? `: ${reason.message}` : '';
  return new PerfgateError('ABORTED', `starting service '${spec.name}' was aborted${why}`, { cause: reason });
}

/** `exited with code 3` / `was killed by SIGKILL`. */
export function describeExit(exit: ExitInfo): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/** `last answered HTTP 503 after 12 ms` / `last probe failed: ECONNREFUSED` / `was never probed`. */
export function describeLastProbe(last: HealthProbe | undefined): string {
  if (last === undefined) return 'was never probed';
  if (last.status !== undefined) return `last answered HTTP ${last.status}`;
  return `last probe failed: ${last.error ?? 'unknown error'}`;
}

function details(command: string, output: readonly string[]): string {
  const lines = output.slice(-OUTPUT_LINES_IN_ERRORS);
  const tail =
    lines.length === 0 ? '  (no output)' : `  last output:\n${lines.map((l) => `    ${l}`).join('\n')}`;
  return `\n  command: ${command}\n${tail}`;
}
