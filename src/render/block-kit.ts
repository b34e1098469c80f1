import type { KnownBlock } from '@slack/web-api';
import { spansOf, type ButtonAction, type Inline, type Reply, type ReplyPart, type Tone } from '../pipeline/reply.js';
import { replyWithThreadInline } from './thread-output.js';
import { chunkLines, formatTable, oneLine, truncate } from './text-fitting.js';
import { showControls } from './visible-controls.js';

/** A Slack message body as `chat.postMessage` and `response_url` take it. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
  response_type: 'in_channel' | 'ephemeral';
}

// Source: https://api.slack.com/reference/block-kit/blocks — 50 blocks per message, 3,000 characters
// per section text, 150 per header; messages beyond about 10,000 characters of block text are refused.
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  header: 150,
  fieldText: 2000,
  messageText: 10_000,
  fallbackText: 3000,
} as const;

/**
 * Escapes control characters for any mrkdwn text, code included: `& < >` as Slack requires, broadcast
 * words defused with a word joiner, so a query or a name can never ping `@channel` or open a link, and
 * C0/C1 control characters shown visibly ({@link showControls}: ESC as `\u001b`), never passed on raw.
 * Source: https://api.slack.com/reference/surfaces/formatting#escaping
 */
function escapeControl(text: string): string {
  return showControls(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Escapes plain text for mrkdwn, so it shows literally: control characters as {@link escapeControl}, and
 * the formatting marks Slack would act on neutralized. Slack has no escape for `*bold*`, `_italic_`,
 * `~strike~` and `` `code` ``; a mark only counts at a word boundary, so a mark that is not between two
 * letters or digits gets a word joiner (U+2060, invisible) on each side, and a line starting with `>`
 * (a quote) gets one in front. Source: https://api.slack.com/reference/surfaces/formatting#basic-formatting
 */
export function escapeMrkdwn(text: string): string {
  return escapeControl(text)
    .replace(/[*_~`]/g, (mark, at: number, all: string) =>
      WORD.test(all[at - 1] ?? '') && WORD.test(all[at + 1] ?? '') ? mark : `\u2060${mark}\u2060`,
    )
    .replace(/^&gt;/gm, '\u2060&gt;');
}

/** Text for a code block: escaped, and a run of three backticks broken so it can't close the block early. */
function escapeCode(text: string): string {
  return escapeControl(text).replace(/```/g, '`\u200b``');
}

/**
 * A mention Slack acts on: `<@U…>` for a user, `<!subteam^S…>` for a user group; anything else is shown
 * escaped as `@text`, so no other markup can be made this way.
 * Source: https://api.slack.com/reference/surfaces/formatting#mentioning-users
 */
export function mentionMrkdwn(id: string): string {
  if (/^[UW][A-Z0-9]{2,}$/.test(id)) return `<@${id}>`;
  if (/^S[A-Z0-9]{2,}$/.test(id)) return `<!subteam^${id}>`;
  return escapeMrkdwn(`@${oneLine(id)}`);
}

/**
 * Inline content as mrkdwn: plain spans escaped, code spans as `` `code` `` (one line; a backtick inside
 * can't end it), mentions as real mentions.
 */
function inlineMrkdwn(value: Inline): string {
  return spansOf(value)
    .map((span) => {
      if (typeof span === 'string') return escapeMrkdwn(span);
      if ('mention' in span) return mentionMrkdwn(span.mention);
      const body = escapeControl(oneLine(span.code)).replace(/`/g, 'ˋ');
      return body.trim() ? `\`${body}\`` : body;
    })
    .join('');
}

/** This renderer's glyphs: an emoji per tone, circles on headings (an alarm's state), marks on text and notes. */
const HEADING_GLYPH: Record<Tone, string> = {
  info: ':white_circle:',
  success: ':large_green_circle:',
  warning: ':large_orange_circle:',
  error: ':red_circle:',
};
const TEXT_GLYPH: Record<Tone, string> = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  error: ':x:',
};

/** The emoji Slack shows for a tone on a line of text (also used for progress lines posted as plain text). */
export const toneEmoji = (tone: Tone): string => TEXT_GLYPH[tone];
const marked = (glyphs: Record<Tone, string>, tone: Tone | undefined, text: string) =>
  tone ? `${glyphs[tone]} ${text}` : text;

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } });
const codeSections = (lines: string[]) =>
  chunkLines(lines.map(escapeCode), LIMITS.sectionText - 8).map((chunk) => section('```' + chunk + '```'));

/** A button's action as the word of its `action_id` (`runbook confirm` -> `runbook_confirm`). */
const actionName = (action: ButtonAction) => action.replace(/ /g, '_');

function partBlocks(part: ReplyPart): Record<string, unknown>[] {
  switch (part.kind) {
    case 'heading':
      return [
        {
          type: 'header',
          text: {
            type: 'plain_text',
            text: truncate(marked(HEADING_GLYPH, part.tone, part.text), LIMITS.header),
            emoji: true,
          },
        },
      ];
    case 'text':
      return chunkLines(marked(TEXT_GLYPH, part.tone, inlineMrkdwn(part.text)).split('\n'), LIMITS.sectionText).map(
        section,
      );
    case 'fields': {
      const blocks = [];
      for (let i = 0; i < part.fields.length; i += 10) {
        blocks.push({
          type: 'section',
          fields: part.fields.slice(i, i + 10).map(([label, value]) => ({
            type: 'mrkdwn',
            verbatim: true,
            text: truncate(`*${escapeMrkdwn(label)}*\n${escapeMrkdwn(value)}`, LIMITS.fieldText),
          })),
        });
      }
      return blocks;
    }
    case 'table':
      return codeSections(formatTable(part.columns, part.rows));
    case 'code':
      return codeSections(part.text.split('\n'));
    case 'actions':
      return [
        {
          type: 'actions',
          // action_ids must be unique within a block: a repeated action (several `run` buttons) gets its index.
          elements: part.buttons.map((button, index) => ({
            type: 'button',
            value: button.value,
            action_id:
              part.buttons.filter((other) => other.action === button.action).length > 1
                ? `radio_${actionName(button.action)}_${index}`
                : `radio_${actionName(button.action)}`,
            text: { type: 'plain_text', text: truncate(button.label, 75), emoji: true },
            ...(button.style ? { style: button.style } : {}),
          })),
        },
      ];
    case 'note':
      return [
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              verbatim: true,
              text: truncate(marked(TEXT_GLYPH, part.tone, inlineMrkdwn(part.text)), LIMITS.fieldText),
            },
          ],
        },
      ];
    case 'link':
      return [
        { type: 'context', elements: [{ type: 'mrkdwn', verbatim: true, text: linkText(part.label, part.url) }] },
      ];
  }
}

/**
 * `<url|label>` for an https URL (`&`, `<`, `>` escaped, `|` encoded, so it can't end early), else the
 * label and URL as plain text. Source: https://api.slack.com/reference/surfaces/formatting#linking-urls
 */
function linkText(label: string, url: string): string {
  const shown = escapeMrkdwn(truncate(label, 200)).replace(/\|/g, '¦');
  if (!/^https:\/\/[^\s]+$/.test(url) || url.length > 2000) return `${shown}: ${escapeMrkdwn(url)}`;
  return `<${url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C')}|${shown}>`;
}

/** Length of the text a block carries, as Slack counts it towards the message limit. */
function blockTextLength(block: Record<string, unknown>): number {
  return JSON.stringify(block).length;
}

/** Parts never cut for room: the heading says what this is, the actions are how it is decided. */
const KEPT: ReadonlySet<ReplyPart['kind']> = new Set(['heading', 'actions']);

const truncatedNote = (left: number) => ({
  type: 'context',
  elements: [
    {
      type: 'mrkdwn',
      text: `:scissors: Output truncated: ${left} more block(s) not shown. Narrow the request (a filter or \`--limit\`).`,
    },
  ],
});

/**
 * Renders a reply as Block Kit within Slack's limits. Output that doesn't fit is cut at a block
 * boundary with a visible note saying how much was left out; the heading and the buttons (actions)
 * are never cut (issue 12, fault 9): room for them is kept first. Output meant for the thread
 * ({@link Reply.thread}) is drawn inline, its newest lines (src/render/thread-output.ts). Pure.
 */
export function renderBlockKit(reply: Reply): SlackMessage {
  // Thread output shown here, trimmed: a Slack path that posts threads passes `replyPointingToThread`.
  if (reply.thread) return renderBlockKit(replyWithThreadInline(reply));
  const all = reply.parts.flatMap((part) => partBlocks(part).map((block) => ({ block, kept: KEPT.has(part.kind) })));
  const keptBlocks = all.filter((b) => b.kept);
  const keptLeft = { count: keptBlocks.length, size: keptBlocks.reduce((sum, b) => sum + blockTextLength(b.block), 0) };
  const blocks: Record<string, unknown>[] = [];
  let size = 0;
  let cutAt: number | undefined;
  for (const { block, kept } of all) {
    const length = blockTextLength(block);
    if (kept) {
      keptLeft.count -= 1;
      keptLeft.size -= length;
    } else if (
      cutAt !== undefined ||
      blocks.length + keptLeft.count >= LIMITS.blocks - 1 ||
      size + length + keptLeft.size > LIMITS.messageText - 200
    ) {
      cutAt ??= blocks.length;
      continue;
    }
    blocks.push(block);
    size += length;
  }
  if (cutAt !== undefined) blocks.splice(cutAt, 0, truncatedNote(all.length - blocks.length));
  // The blocks are built from Slack's documented shapes above; the SDK's union type can't follow the switch.
  return {
    text: truncate(escapeMrkdwn(reply.summary), LIMITS.fallbackText),
    blocks: blocks as unknown as KnownBlock[],
    response_type: reply.visibility,
  };
}
