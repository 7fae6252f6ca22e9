import { describe, expect, it } from 'vitest';
import { parseCpuList } from './cpu-pin.js';

describe('parseCpuList', () => {
  it('reads the kernel’s Cpus_allowed_list format', () => {
    expect(parseCpuList('0-1')).toEqual([0, 1]);
    expect(parseCpuList('0-2,5,7-8\n')).toEqual([0, 1, 2, 5, 7, 8]);
    expect(parseCpuList('3')).toEqual([3]);
    expect(parseCpuList('')).toEqual([]);
  });
});
