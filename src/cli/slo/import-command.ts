import { notBuilt } from '../commands/not-built.js';

export const sloImportCommand = notBuilt('slo import', 'this command');
