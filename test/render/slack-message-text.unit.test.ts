import { describe, expect, it } from 'vitest';
import { slackMessageText } from '../../src/render/slack-message-text.js';

describe('slackMessageText', () => {
  it('fault 19: prints a message from any server with its control characters shown, never raw', () => {
    const message = {
      text: 'x',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'a\u001b[2Jb &lt;c&gt;\u009b' } }],
    };
    expect(slackMessageText(message)).toBe('a\\u001b[2Jb <c>\\u009b');
    expect(slackMessageText({ text: 'bell\u0007' })).toBe('bell\\u0007');
  });
});
