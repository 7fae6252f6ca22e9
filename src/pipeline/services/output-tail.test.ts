import { describe, expect, it } from 'vitest';
import { OutputTail } from './output-tail.js';
import { MAX_LINE_CHARS } from './tunables.js';

describe('OutputTail', () => {
  it('keeps only the last lines, oldest first', () => {
    const tail = new OutputTail(3);
    for (let i = 1; i <= 7; i++) tail.write('stdout', `line ${i}\n`);
    expect(tail.lines()).toEqual(['line 5', 'line 6', 'line 7']);
    expect(tail.text()).toBe('line 5\nline 6\nline 7');
  });

  it('joins lines split across chunks, per stream, and flushes an unterminated last line on end', () => {
    const seen: string[] = [];
    const tail = new OutputTail(10, (line, stream) => seen.push(`${stream}: ${line}`));
    tail.write('stdout', 'hel');
    tail.write('stderr', 'boom\r\nerr');
    tail.write('stdout', 'lo\nwor');
    tail.end('stdout');
    tail.end('stderr');
    expect(seen).toEqual(['stderr: boom', 'stdout: hello', 'stdout: wor', 'stderr: err']);
    expect(tail.lines()).toEqual(['boom', 'hello', 'wor', 'err']);
  });

  it('cuts endless lines so memory stays bounded', () => {
    const tail = new OutputTail(5);
    tail.write('stdout', 'x'.repeat(MAX_LINE_CHARS * 3));
    const [line] = tail.lines();
    expect(line?.length).toBe(MAX_LINE_CHARS + 1);
    expect(line?.endsWith('…')).toBe(true);
  });
});
