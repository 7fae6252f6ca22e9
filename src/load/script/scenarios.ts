import type { OnceFlow, Scenario } from './model.js';
import { describe, type ScriptReader } from './reader.js';
import { readWsConnect } from './realtime-steps.js';
import { type FlowDefaults, needProcessor, readFlow } from './steps.js';

const SCENARIO_KEYS = new Set([
  'name',
  'weight',
  'engine',
  'flow',
  'beforeScenario',
  'afterScenario',
  'beforeRequest',
  'afterResponse',
  'onError',
  'socketio',
]);

/** The engines perfgate runs: Artillery's built-in ones. */
export const SUPPORTED_ENGINES: ReadonlySet<string> = new Set(['http', 'ws', 'socketio']);

export function readScenarios(
  reader: ScriptReader,
  raw: unknown,
  defaults: FlowDefaults,
  defaultEngine = 'http',
): Scenario[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    reader.fail(['scenarios'], `expected a list of at least one scenario, got ${describe(raw)}`);
    return [];
  }
  const scenarios: Scenario[] = [];
  for (const [index, item] of raw.entries()) {
    const scenario = readScenario(reader, index, item, defaults, defaultEngine);
    if (scenario) scenarios.push(scenario);
  }
  const unsupported = [...new Set(scenarios.filter((s) => !s.supported).map((s) => s.engine))];
  if (scenarios.length > 0 && scenarios.every((s) => !s.supported)) {
    reader.fail(
      ['scenarios'],
      `no scenario can run: perfgate does not run the ${unsupported.map((e) => `"${e}"`).join(', ')} engine (it runs ${[...SUPPORTED_ENGINES].join(', ')})`,
    );
  } else if (
    scenarios.length > 0 &&
    !scenarios.some((scenario) => scenario.supported && scenario.weight > 0)
  ) {
    reader.warn('no scenario can run in perfgate (all have weight 0): every VU will fail');
  }
  return scenarios;
}

function readScenario(
  reader: ScriptReader,
  index: number,
  raw: unknown,
  defaults: FlowDefaults,
  defaultEngine: string,
): Scenario | undefined {
  const path = ['scenarios', index];
  const scenario = reader.record(path, raw);
  if (!scenario) return undefined;
  const name = scenario.name === undefined ? String(index) : String(scenario.name);
  const engine = scenario.engine === undefined ? defaultEngine : String(scenario.engine);
  const supported = SUPPORTED_ENGINES.has(engine);
  if (!supported) {
    reader.warn(
      `scenarios[${index}] (${name}): perfgate does not run the "${engine}" engine: this scenario is never picked, and a run that could pick it exits 3`,
    );
  } else {
    reader.unknownKeys(path, scenario, SCENARIO_KEYS);
  }
  const weight =
    scenario.weight === undefined ? 1 : reader.number([...path, 'weight'], scenario.weight, { min: 0 });
  const flowDefaults = { ...defaults, engine: engine as 'http' | 'ws' | 'socketio' };
  const flow = supported ? readFlow(reader, [...path, 'flow'], scenario.flow, flowDefaults) : [];
  const wsConnect = engine === 'ws' ? readWsConnect(reader, [...path, 'flow'], scenario.flow) : undefined;
  const socketio =
    engine === 'socketio' && scenario.socketio !== undefined
      ? reader.record([...path, 'socketio'], scenario.socketio)
      : undefined;
  const hooks = (key: 'beforeScenario' | 'afterScenario' | 'beforeRequest' | 'afterResponse' | 'onError') => {
    const names = reader.names([...path, key], scenario[key]);
    if (supported) needProcessor(reader, defaults, [...path, key], names);
    return names;
  };
  return {
    name,
    weight: weight ?? 1,
    supported,
    engine,
    flow,
    ...(wsConnect === undefined ? {} : { wsConnect }),
    ...(socketio === undefined ? {} : { socketio }),
    beforeScenario: hooks('beforeScenario'),
    afterScenario: hooks('afterScenario'),
    beforeRequest: hooks('beforeRequest'),
    afterResponse: hooks('afterResponse'),
    onError: hooks('onError'),
  };
}

/** `before:` / `after:` — `{ flow: [...] }`, run once. */
export function readOnceFlow(
  reader: ScriptReader,
  key: 'before' | 'after',
  raw: unknown,
  defaults: FlowDefaults,
): OnceFlow | undefined {
  if (raw === undefined) return undefined;
  const block = reader.record([key], raw);
  if (!block) return undefined;
  return { flow: readFlow(reader, [key, 'flow'], block.flow, defaults) };
}

/** `--scenario-name`: keeps that scenario (whatever its weight); an unknown name is an error. */
export function onlyScenario(
  reader: ScriptReader,
  scenarios: Scenario[],
  name: string | undefined,
): Scenario[] {
  if (name === undefined || scenarios.length === 0) return scenarios;
  const chosen = scenarios.filter((scenario) => scenario.name === name);
  if (chosen.length > 0)
    return chosen.map((scenario) => ({ ...scenario, weight: Math.max(1, scenario.weight) }));
  const names = scenarios.map((scenario) => `"${scenario.name}"`).join(', ');
  reader.fail(['scenarios'], `--scenario-name "${name}": no such scenario (have: ${names})`);
  return scenarios;
}
