export {
  assetsFromRows,
  type LoadAssetsResult,
  type LoadedPayload,
  loadScriptAssets,
  type ScriptAssets,
} from './assets.js';
export { type CsvCell, parsePayloadCsv } from './csv.js';
export { type Segment, VuVariableFeeder } from './feeder.js';
