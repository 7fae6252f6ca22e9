import { notBuilt } from '../commands/not-built.js';

export const sloRulesCommand = notBuilt('slo rules', 'this command');
