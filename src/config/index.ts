export { ENV_VAR_BINDINGS, type RunSettings } from './env-vars.js';
export { historyUrlFromText } from './history-url.js';
export { type ConfigIssue, formatIssue, formatPath } from './issues.js';
export { configJsonSchema } from './json-schema.js';
export { type ConfigResult, defaultConfig, type LoadConfigOptions, loadConfigText } from './load-config.js';
export { mergeLayer } from './merge.js';
export type { PerfgateConfig, ResolvedEnvironment, ResolvedLoadScript, ResolvedService } from './model.js';
export { BUILTIN_ENVIRONMENTS, BUILTIN_LOAD_PROFILES, DEFAULT_ENVIRONMENT } from './profiles.js';
export * from './schema/index.js';
