export {
  assetsFromRows,
  type LoadAssetsResult,
  type LoadedPayload,
  loadScriptAssets,
  type ScriptAssets,
} from './assets.js';
export type { CsvCell } from './csv.js';
export type { Segment as PayloadSegment } from './feeder.js';
