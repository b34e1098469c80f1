// Long output that belongs in the answer's thread (issue 15, `host logs`): the command only says which lines;
// these pure functions draw the main answer that points to the thread, the thread's messages within Slack's
// limits, and the trimmed inline block used where no thread can be posted. The terminal prints it all inline.
import { describe, expect, it } from 'vitest';
import { fields, type Reply } from '../../src/pipeline/reply.js';
import { LIMITS, renderBlockKit } from '../../src/render/block-kit.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { replyPointingToThread, replyWithThreadInline, threadMessages } from '../../src/render/thread-output.js';

const journal = (count: number, width = 60) =>
  Array.from(
    { length: count },
    (_, i) => `2025-03-14T20:${String(i % 60).padStart(2, '0')} line ${i} ${'x'.repeat(width)}`,
  );
const long = (lines: string[]): Reply => ({
  summary: `liquidsoap: ${lines.length} lines`,
  visibility: 'in_channel',
  parts: [fields(['Run Command', 'cmd-logs'])],
  thread: { noun: 'journal lines', lines },
});
const blockTexts = (reply: Reply) => JSON.stringify(renderBlockKit(reply).blocks);
const codeOf = (reply: Reply) => reply.parts.flatMap((part) => (part.kind === 'code' ? [part.text] : []));

describe('the main answer when its output goes in the thread', () => {
  it('shows the first 3 and last 5 lines and says how many lines are in the thread', () => {
    const lines = journal(200);
    const main = replyPointingToThread(long(lines));
    expect(main.thread).toBeUndefined();
    expect(codeOf(main)).toEqual([[...lines.slice(0, 3), '… 192 more lines …', ...lines.slice(-5)].join('\n')]);
    expect(blockTexts(main)).toContain('200 journal lines in the thread');
    expect(main.parts[0]).toEqual(fields(['Run Command', 'cmd-logs']));
  });
});

describe('the thread messages', () => {
  it('carry every line, in order, each message within 50 blocks, 3,000-character sections and the message size', () => {
    const lines = journal(300, 200);
    const messages = threadMessages(long(lines));
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.flatMap(codeOf).join('\n')).toBe(lines.join('\n'));
    for (const message of messages) {
      const { blocks } = renderBlockKit(message);
      expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
      expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(LIMITS.messageText);
      expect(JSON.stringify(blocks)).not.toContain('Output truncated');
      for (const block of blocks as { text?: { text: string } }[])
        expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionText);
    }
    expect(messages.map((message) => message.summary)).toEqual(
      messages.map((_, i) =>
        expect.stringMatching(new RegExp(`^journal lines .* of 300 \\(${i + 1}/${messages.length}\\)$`)),
      ),
    );
  });

  it('counts escaped characters: lines full of < > & still fit', () => {
    const messages = threadMessages(long(journal(150, 0).map((line) => `${line} ${'<&>'.repeat(40)}`)));
    for (const message of messages)
      expect(JSON.stringify(renderBlockKit(message).blocks).length).toBeLessThanOrEqual(LIMITS.messageText);
  });
});

describe('where no thread can be posted', () => {
  it('shows the newest lines that fit, says why and how many lines were left out', () => {
    const lines = journal(300, 100);
    const inline = replyWithThreadInline(long(lines), 'This answer is only for you, so it has no thread.');
    const [shown] = codeOf(inline);
    expect(shown?.split('\n').at(-1)).toBe(lines[299]);
    const count = shown!.split('\n').length;
    expect(count).toBeLessThan(300);
    expect(blockTexts(inline)).toContain(
      `This answer is only for you, so it has no thread. Showing the newest ${count} of 300 journal lines; ${300 - count} left out.`,
    );
    expect(blockTexts(inline)).not.toContain('Output truncated');
  });

  it('is what the Block Kit renderer draws for a reply with thread output, so a Slack path without threads loses nothing silently', () => {
    const reply = long(journal(300, 100));
    expect(renderBlockKit(reply)).toEqual(renderBlockKit(replyWithThreadInline(reply)));
    expect(blockTexts(reply)).toMatch(/Showing the newest \d+ of 300 journal lines; \d+ left out\./);
  });

  it('shows every line, without a note, when they all fit', () => {
    const lines = journal(10);
    const inline = replyWithThreadInline(long(lines), 'No thread here.');
    expect(codeOf(inline)).toEqual([lines.join('\n')]);
    expect(blockTexts(inline)).not.toContain('left out');
  });
});

describe('the terminal', () => {
  it('prints the answer, then every thread line under a small heading', () => {
    const lines = journal(200);
    const printed = renderTerminal(long(lines));
    expect(printed).toContain('Run Command  cmd-logs');
    expect(printed).toContain("All 200 journal lines (in Slack, in the answer's thread)\n-----");
    expect(printed.endsWith(`    ${lines[199]}`)).toBe(true);
    for (const line of lines) expect(printed).toContain(`    ${line}\n`.trimEnd());
  });
});
