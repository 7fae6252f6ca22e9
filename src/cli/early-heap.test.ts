import { describe, expect, it } from 'vitest';
import { subcommandOf } from './early-heap.js';

describe('subcommandOf', () => {
  it('skips global options and their values', () => {
    expect(subcommandOf(['--config', 'load.yaml', '-q', 'load', 'script.yml'])).toBe('load');
    expect(subcommandOf(['--env', 'ci', 'run'])).toBe('run');
    expect(subcommandOf(['-c', 'x.yml', 'validate'])).toBe('validate');
    expect(subcommandOf(['--version'])).toBeUndefined();
  });
});
