/** The services step of `perfgate run`: the services lifecycle of src/pipeline/services. */
import type { PerfgateConfig } from '../../config/index.js';
import type { StartedServices } from '../../pipeline/index.js';
import { startServices } from '../../pipeline/services/index.js';
import { systemClock } from '../clock.js';
import { toServiceSpec } from '../commands/services.js';
import type { CliIo } from '../io.js';
import type { Output } from '../output.js';

export async function startRunServices(
  io: CliIo,
  output: Output,
  config: PerfgateConfig,
  signal: AbortSignal,
): Promise<StartedServices> {
  const running = await startServices(config.services.map(toServiceSpec), {
    logger: output.logger.child('services'),
    env: io.env,
    signal,
    clock: systemClock,
  });
  const managed = running.services.filter((service) => service.managed).length;
  output.info(`${running.services.length} services healthy (${managed} started by perfgate)`);
  return {
    urls: Object.fromEntries(running.services.map((service) => [service.name, service.url])),
    managed,
    problems: async () =>
      (await running.health())
        .filter((report) => !report.ok)
        .map(
          (report) =>
            `service ${report.name} stopped answering during the run (${report.error ?? `HTTP ${report.status}`})`,
        ),
    stop: async () => {
      await running.stop();
      if (managed > 0) output.info(`${managed} services stopped`);
    },
  };
}
