import { describe, expect, it } from 'vitest';
import { heading, note, text, type Reply } from '../../src/pipeline/reply.js';
import { LIMITS, escapeMrkdwn, renderBlockKit } from '../../src/render/block-kit.js';
import { truncate } from '../../src/render/text-fitting.js';

const reply = (parts: Reply['parts']): Reply => ({ summary: 'summary', visibility: 'in_channel', parts });
const sectionTexts = (blocks: readonly object[]) =>
  blocks.map((block) => (block as { text?: { text?: string } }).text?.text ?? '').filter(Boolean);

describe('renderBlockKit', () => {
  it('escapes outside text so it cannot ping or link', () => {
    const message = renderBlockKit(reply([{ kind: 'text', text: 'hi @channel <!here> <https://evil|x> & more' }]));
    const [text] = sectionTexts(message.blocks);
    expect(text).not.toContain('<');
    expect(text).toContain('&lt;!here&gt;');
    expect(text).toContain('&amp; more');
    expect(text).not.toMatch(/@channel/);
  });

  it('keeps a query with backticks and newlines inside its code block', () => {
    const message = renderBlockKit(reply([{ kind: 'code', text: 'SELECT 1;\n-- ```drop```\nSELECT `x`' }]));
    const [text] = sectionTexts(message.blocks);
    expect(text?.startsWith('```')).toBe(true);
    expect(text?.endsWith('```')).toBe(true);
    expect(text?.slice(3, -3)).not.toContain('```');
  });

  it('stays within 50 blocks and the message size, and says what was cut', () => {
    const parts: Reply['parts'] = Array.from({ length: 80 }, (_, i) => ({
      kind: 'text' as const,
      text: `line ${i} ${'x'.repeat(400)}`,
    }));
    const message = renderBlockKit(reply(parts));
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(LIMITS.messageText);
    expect(JSON.stringify(message.blocks.at(-1))).toMatch(/Output truncated: \d+ more block/);
  });

  it('splits a long table into sections of at most 3,000 characters', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [String(i), 'y'.repeat(50)]);
    const message = renderBlockKit(reply([{ kind: 'table', columns: ['n', 'value'], rows }]));
    const texts = sectionTexts(message.blocks);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
  });

  it('shows plain text literally: formatting marks Slack would act on get word joiners, marks inside words stay', () => {
    const message = renderBlockKit(
      reply([{ kind: 'text', text: 'run `rm` *now* _or_ ~never~ on rate_limit:user\n> not a quote' }]),
    );
    const [text] = sectionTexts(message.blocks);
    const wj = '\u2060';
    expect(text).toBe(
      `run ${wj}\`${wj}rm${wj}\`${wj} ${wj}*${wj}now${wj}*${wj} ${wj}_${wj}or${wj}_${wj} ${wj}~${wj}never${wj}~${wj} on rate_limit:user\n${wj}&gt; not a quote`,
    );
    expect(escapeMrkdwn('snake_case_name 2*3')).toBe('snake_case_name 2*3');
  });

  it('draws code spans as inline code and marks text, notes and headings by tone', () => {
    const message = renderBlockKit(
      reply([
        heading('radio-db-cpu-high', 'error'),
        text(['Run ', { code: 'db size' }, ' or ', { code: 'a`b <x>\nc' }, '.'], 'warning'),
        note('Resolved after 5m', 'success'),
        text('plain'),
      ]),
    );
    expect(message.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: ':red_circle: radio-db-cpu-high', emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', verbatim: true, text: ':warning: Run `db size` or `aˋb &lt;x&gt; c`.' },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', verbatim: true, text: ':white_check_mark: Resolved after 5m' }] },
      { type: 'section', text: { type: 'mrkdwn', verbatim: true, text: 'plain' } },
    ]);
  });

  it('uses the reply visibility as response_type and the summary as fallback text', () => {
    const message = renderBlockKit({ summary: 'a < b', visibility: 'ephemeral', parts: [] });
    expect(message).toMatchObject({ response_type: 'ephemeral', text: 'a &lt; b' });
  });
});

describe('truncate', () => {
  it('never cuts inside a surrogate pair', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(10)}`; // the emoji occupies units 9 and 10
    const cut = truncate(text, 11);
    expect(cut).toBe(`${'a'.repeat(9)}…`);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('leaves short text alone', () => {
    expect(truncate('short', 10)).toBe('short');
  });
});

describe('escapeMrkdwn', () => {
  it('defuses @here and @everyone regardless of case', () => {
    expect(escapeMrkdwn('@HERE @everyone')).not.toMatch(/@(here|everyone)/i);
  });
});
