import { describe, expect, it } from 'vitest';
import { decodeLatencyHistogram } from '../../stats/hdr.js';
import { WindowedRecorder } from './recorder.js';

describe('WindowedRecorder', () => {
  it('fans a group out to each of its names, adding to what the names got on their own', () => {
    const recorder = new WindowedRecorder(0);
    const group = ['http.responses', 'http.codes.200'] as const;
    recorder.counter(group);
    recorder.counter(group, 2);
    recorder.counter('http.responses');
    const ttfb = ['http.response_time', 'http.response_time.2xx'];
    recorder.summary(ttfb, 0.5);
    recorder.summary(ttfb, 0.7);
    recorder.summary('http.response_time', 1.5);
    const window = recorder.closeWindow(10_000, 0);
    expect(window.counters).toEqual({ 'http.responses': 4, 'http.codes.200': 3 });
    const all = decodeLatencyHistogram(window.histograms['http.response_time'] ?? '');
    const twoXx = decodeLatencyHistogram(window.histograms['http.response_time.2xx'] ?? '');
    expect([all.count, all.summary().min, all.summary().max]).toEqual([3, 0.5, 1.5]);
    expect([twoXx.count, twoXx.summary().min, twoXx.summary().max]).toEqual([2, 0.5, 0.7]);
  });

  it('starts each window empty and drops histograms a window did not use', () => {
    const recorder = new WindowedRecorder(0);
    const group = ['a', 'b'];
    recorder.summary(group, 1);
    recorder.counter('c');
    recorder.closeWindow(10_000, 0);
    recorder.summary('a', 3);
    const second = recorder.closeWindow(20_000, 10_000);
    expect(second.counters).toEqual({});
    expect(Object.keys(second.histograms)).toEqual(['a']);
    expect(decodeLatencyHistogram(second.histograms.a ?? '').count).toBe(1);
    expect(second.startedAt).toBe(10_000);
  });
});
