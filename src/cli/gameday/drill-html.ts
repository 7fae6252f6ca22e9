import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type GamedayDocument, renderGamedayHtml } from '../../report/gameday/index.js';
import { readUplotAssets } from '../report/inputs.js';

/** Writes the drill's self-contained HTML page (timeline and expectations). */
export function writeDrillHtml(file: string, document: GamedayDocument): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderGamedayHtml(document, readUplotAssets()));
}
