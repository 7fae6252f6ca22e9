/**
 * `perfgate gameday`: starts the services, a fault proxy in front of each, a real Prometheus with
 * the SLOs' rules (drill-scaled), drives load, injects the planned faults and checks that the
 * expected alerts fire and resolve in time and that the SLO gate says what it should.
 * Exit: 0 every expectation held and no false page · 1 otherwise · 2 bad config · 3 could not run.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { PerfgateConfig } from '../../config/index.js';
import { PerfgateError } from '../../core/errors.js';
import { type DrillPlan, type DrillVerdict, judgeDrill, planDrill } from '../../pipeline/gameday/index.js';
import { type RunningServices, startServices } from '../../pipeline/services/index.js';
import { checkRunSlos } from '../../pipeline/slo-gate.js';
import { generateRules } from '../../slo/rules/rules.js';
import { slosFromSpecs } from '../../slo/spec.js';
import { systemClock } from '../clock.js';
import { toServiceSpec } from '../commands/services.js';
import { loadValidConfig } from '../config-file.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { toYaml } from '../slo/rules-command.js';
import { drillDocument } from './drill-document.js';
import { writeDrillHtml } from './drill-html.js';
import { type DrillLoad, prepareDrillLoad } from './drill-load.js';
import { notifyDrill } from './drill-notify.js';
import { printPlan, printVerdict } from './print-drill.js';
import { type DrillPrometheus, findPrometheus, startDrillPrometheus } from './prometheus-process.js';
import { type DrillRecord, runDrill } from './run-drill.js';

export interface GamedayOptions {
  out?: string;
  prometheusBin?: string;
  skipFaults?: boolean;
  rules?: string;
  html?: string;
}

function planOf(config: PerfgateConfig, options: GamedayOptions, cwd: string): DrillPlan {
  const gameday = config.gameday;
  if (gameday === undefined) {
    throw new PerfgateError('INVALID_ARGUMENT', `${config.file ?? 'the config'} has no gameday: section`, {
      hint: 'see the README, "Game day"',
    });
  }
  return planDrill({
    gameday: options.rules === undefined ? gameday : { ...gameday, rules: resolve(cwd, options.rules) },
    slos: slosFromSpecs(config.slos),
    services: config.services.map((service) => service.name),
    defaultScripts: config.load.scripts.flatMap((script) =>
      script.service === undefined ? [] : [{ path: script.path, service: script.service }],
    ),
    source: config.file ?? 'config',
  });
}

/** The gate's verdict per SLO id: fail if any covering check fails, else pass, else what it said. */
function gateVerdicts(config: PerfgateConfig, record: DrillRecord): Map<string, string> {
  const checks = checkRunSlos(
    slosFromSpecs(config.slos),
    record.loads.map((load) => ({
      source: `load-${load.name}.json`,
      service: load.service,
      scenarios: load.scenarios,
      results: load.results,
    })),
  );
  const verdicts = new Map<string, string>();
  for (const check of checks) {
    const before = verdicts.get(check.slo.id);
    if (before === 'fail' || (before === 'pass' && check.verdict !== 'fail')) continue;
    verdicts.set(check.slo.id, check.verdict);
  }
  return verdicts;
}

async function drive(
  context: CommandContext<GamedayOptions>,
  config: PerfgateConfig,
  plan: DrillPlan,
  dir: string,
  signal: AbortSignal,
): Promise<{ record: DrillRecord; rulesFile: string }> {
  const { io, options, output } = context;
  const binary = findPrometheus(io, options.prometheusBin);
  const rulesFile = plan.rulesFile ?? join(dir, 'rules.yaml');
  if (plan.rulesFile === undefined) writeFileSync(rulesFile, toYaml(generateRules(plan.slos)));
  printPlan(
    output,
    plan,
    options.skipFaults === true,
    plan.rulesFile
      ? `${plan.rulesFile} as given (perfgate scales nothing in it)`
      : `generated for the drill: ${relative(io.cwd, rulesFile)}`,
  );
  let services: RunningServices | undefined;
  let load: DrillLoad | undefined;
  let prometheus: DrillPrometheus | undefined;
  try {
    services = await startServices(config.services.map(toServiceSpec), {
      logger: output.logger.child('services'),
      env: io.env,
      signal,
      clock: systemClock,
    });
    const used = new Set(plan.scripts.map((script) => script.service));
    const urls = new Map(services.services.filter((s) => used.has(s.name)).map((s) => [s.name, s.url]));
    load = await prepareDrillLoad(io, output, plan, urls, options.skipFaults ? [] : plan.faults);
    prometheus = await startDrillPrometheus(io, output, {
      binary,
      dir,
      rulesFile,
      intervalMs: plan.intervalMs,
      jobs: [
        { name: 'perfgate-load', targets: load.exporterTargets },
        ...services.services.map((s) => ({ name: s.name, targets: [new URL(s.url).host] })),
      ],
    });
    output.info(`Prometheus ${prometheus.url} ready; load starts`);
    const record = await runDrill(output, plan, load, prometheus.url, options.skipFaults !== true, signal);
    for (const l of record.loads)
      writeFileSync(join(dir, `load-${l.name}.json`), `${JSON.stringify(l.results)}\n`);
    return { record, rulesFile };
  } finally {
    await load?.close();
    await prometheus?.stop();
    await services?.stop();
    rmSync(join(dir, 'tsdb'), { recursive: true, force: true });
  }
}

export async function gamedayCommand(context: CommandContext<GamedayOptions>): Promise<number> {
  const { io, options, output } = context;
  const config = loadValidConfig(io, output, { config: options.config, env: options.env });
  const plan = planOf(config, options, io.cwd);
  const dir = resolve(io.cwd, options.out ?? 'gameday-results');
  mkdirSync(dir, { recursive: true });
  const controller = new AbortController();
  const stopSignals = io.onSignal(() => controller.abort());
  try {
    const { record, rulesFile } = await drive(context, config, plan, dir, controller.signal);
    if (controller.signal.aborted) throw new PerfgateError('ABORTED', 'game day interrupted');
    const verdict: DrillVerdict = judgeDrill({
      plan,
      intervals: record.intervals,
      burn: record.burn,
      gate: gateVerdicts(config, record),
      injected: options.skipFaults ? [] : plan.faults,
    });
    printVerdict(output, plan, verdict);
    const document = drillDocument(plan, verdict, record, {
      rulesFile,
      control: options.skipFaults === true,
    });
    writeFileSync(join(dir, 'gameday.json'), `${JSON.stringify(document, null, 2)}\n`);
    const html = resolve(io.cwd, options.html ?? join(dir, 'gameday.html'));
    writeDrillHtml(html, document);
    output.info(
      `results: ${relative(io.cwd, join(dir, 'gameday.json')) || 'gameday.json'}, ${relative(io.cwd, html)}`,
    );
    await notifyDrill(context, config, plan, verdict);
    return verdict.passed ? EXIT.ok : EXIT.gateFailed;
  } finally {
    stopSignals();
  }
}
