import { describe, expect, it } from 'vitest';
import { testNotification } from '../notification.js';
import { slackMessage } from './slack.js';

describe('slackMessage', () => {
  it("keeps within Slack's ten fields, saying how many facts were left out", () => {
    const facts = Array.from({ length: 14 }, (_, i) => ({ label: `slo_${i}`, value: `${i} ms` }));
    const message = slackMessage({ ...testNotification('api', 0), facts }) as {
      blocks: Array<{ fields?: Array<{ text: string }> }>;
    };
    const fields = message.blocks.find((block) => block.fields)?.fields ?? [];
    expect(fields).toHaveLength(10);
    expect(fields[8]?.text).toBe('*slo_8*\n8 ms');
    expect(fields[9]?.text).toBe('*…and 5 more*\nsee the report');
  });

  it('cuts a long title to the 150 characters a header allows', () => {
    const message = slackMessage({ ...testNotification('api', 0), title: 'x'.repeat(400) }) as {
      blocks: Array<{ text: { text: string } }>;
    };
    expect(message.blocks[0]?.text.text).toHaveLength(150);
    expect(message.blocks[0]?.text.text.endsWith('…')).toBe(true);
  });
});
