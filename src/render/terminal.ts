import { spansOf, type Inline, type Reply, type ReplyPart, type Tone } from '../pipeline/reply.js';
import { formatTable, oneLine } from './text-fitting.js';
import { threadTerminalLines } from './thread-output.js';
import { showControls } from './visible-controls.js';

/** This renderer's glyphs: ASCII marks for what needs a look; news and successes go unmarked. */
const GLYPH: Record<Tone, string> = { info: '', success: '', warning: '! ', error: 'x ' };
const marked = (tone: Tone | undefined, text: string) => (tone ? GLYPH[tone] : '') + text;

/** Inline content as plain text: code spans quoted with backticks, mentions as `@id`, plain spans as they are. */
const inlineText = (value: Inline) =>
  spansOf(value)
    .map((span) =>
      typeof span === 'string' ? span : 'code' in span ? `\`${oneLine(span.code)}\`` : `@${oneLine(span.mention)}`,
    )
    .join('');

function partLines(part: ReplyPart): string[] {
  switch (part.kind) {
    case 'heading': {
      const shown = marked(part.tone, part.text);
      return [shown, '='.repeat(Math.min(60, [...shown].length))];
    }
    case 'text':
      return marked(part.tone, inlineText(part.text)).split('\n');
    case 'fields': {
      const width = Math.max(...part.fields.map(([label]) => label.length));
      return part.fields.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
    }
    case 'table':
      return formatTable(part.columns, part.rows, 80);
    case 'code':
      return part.text.split('\n').map((line) => `    ${line}`);
    case 'note':
      return [`(${marked(part.tone, inlineText(part.text))})`];
    case 'actions':
      return [part.buttons.map((button) => `[${button.label}: ${button.action} ${button.value}]`).join('  ')];
    case 'link':
      return [`${part.label}: ${part.url}`];
  }
}

/**
 * Renders a reply for a terminal: the same content as the Slack message, as plain lines, controls shown
 * visibly; output meant for the Slack thread follows the answer in full, under a small heading. Pure.
 */
export function renderTerminal(reply: Reply): string {
  const blocks = reply.parts.map((part) => partLines(part));
  if (reply.thread && reply.thread.lines.length > 0) blocks.push(threadTerminalLines(reply.thread));
  return showControls(blocks.map((lines) => lines.join('\n')).join('\n\n'));
}
