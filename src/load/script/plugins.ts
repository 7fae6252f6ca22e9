import { EMPTY_ENSURE, readEnsure } from './ensure-spec.js';
import type { EnsureSpec, ExpectSettings, MetricsByEndpointSettings } from './model.js';
import { isRecord, type ScriptReader } from './reader.js';

const SUPPORTED_PLUGINS = new Set(['ensure', 'expect', 'metrics-by-endpoint']);

export const DEFAULT_METRICS_BY_ENDPOINT: MetricsByEndpointSettings = {
  useOnlyRequestNames: false,
  stripQueryString: true,
  ignoreUnnamedRequests: false,
  metricsNamespace: 'plugins.metrics-by-endpoint',
};

export interface PluginSettings {
  readonly ensure: EnsureSpec;
  readonly expect: ExpectSettings;
  readonly metricsByEndpoint: MetricsByEndpointSettings;
}

/** Reads `config.plugins` and top-level `config.ensure`; other plugins load with a warning. */
export function readPlugins(reader: ScriptReader, config: Record<string, unknown>): PluginSettings {
  const plugins =
    config.plugins === undefined ? {} : (reader.record(['config', 'plugins'], config.plugins) ?? {});
  for (const name of Object.keys(plugins)) {
    if (!SUPPORTED_PLUGINS.has(name))
      reader.warn(`config.plugins.${name}: the plugin "${name}" is not supported by perfgate, ignored`);
  }
  const ensure = readEnsureChecks(reader, config, plugins);
  const expect = readExpect(reader, plugins);
  return {
    ensure: expect.enabled ? { ...ensure, expectations: true } : ensure,
    expect,
    metricsByEndpoint: readMetricsByEndpoint(reader, plugins),
  };
}

/**
 * As Artillery 2 does: the ensure plugin runs only when `config.plugins.ensure` is set, and then
 * checks `config.ensure` if present, else `config.plugins.ensure` (the two are not added up).
 * A `config.ensure` without the plugin is not checked, and perfgate says so.
 */
function readEnsureChecks(
  reader: ScriptReader,
  config: Record<string, unknown>,
  plugins: Record<string, unknown>,
): EnsureSpec {
  if (!('ensure' in plugins)) {
    if (config.ensure !== undefined)
      reader.warn(
        'config.ensure is not checked: as in Artillery 2, the ensure plugin runs only when config.plugins.ensure is set (add `plugins: { ensure: {} }`)',
      );
    return EMPTY_ENSURE;
  }
  const source =
    config.ensure !== undefined
      ? { path: ['config', 'ensure'], value: config.ensure }
      : { path: ['config', 'plugins', 'ensure'], value: plugins.ensure };
  return readEnsure(reader, [source]);
}

function readExpect(reader: ScriptReader, plugins: Record<string, unknown>): ExpectSettings {
  if (!('expect' in plugins)) return { enabled: false, reportFailuresAsErrors: false };
  const options = isRecord(plugins.expect) ? plugins.expect : {};
  reader.unknownKeys(
    ['config', 'plugins', 'expect'],
    options,
    new Set(['outputFormat', 'reportFailuresAsErrors', 'formatter']),
  );
  return {
    enabled: true,
    reportFailuresAsErrors: reader.boolean(
      ['config', 'plugins', 'expect', 'reportFailuresAsErrors'],
      options.reportFailuresAsErrors,
      false,
    ),
  };
}

function readMetricsByEndpoint(
  reader: ScriptReader,
  plugins: Record<string, unknown>,
): MetricsByEndpointSettings {
  const raw = plugins['metrics-by-endpoint'];
  if (!isRecord(raw)) return DEFAULT_METRICS_BY_ENDPOINT;
  const path = ['config', 'plugins', 'metrics-by-endpoint'];
  reader.unknownKeys(
    path,
    raw,
    new Set([...Object.keys(DEFAULT_METRICS_BY_ENDPOINT), 'suppressOutput', 'groupDynamicURLs']),
  );
  const flag = (key: 'useOnlyRequestNames' | 'stripQueryString' | 'ignoreUnnamedRequests') =>
    reader.boolean([...path, key], raw[key], DEFAULT_METRICS_BY_ENDPOINT[key]);
  const namespace =
    raw.metricsNamespace === undefined
      ? undefined
      : reader.string([...path, 'metricsNamespace'], raw.metricsNamespace);
  return {
    useOnlyRequestNames: flag('useOnlyRequestNames'),
    stripQueryString: flag('stripQueryString'),
    ignoreUnnamedRequests: flag('ignoreUnnamedRequests'),
    metricsNamespace: namespace ?? DEFAULT_METRICS_BY_ENDPOINT.metricsNamespace,
  };
}
