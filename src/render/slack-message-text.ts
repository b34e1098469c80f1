import { showControls } from './visible-controls.js';

/**
 * Reads a Block Kit message back as plain lines, for `radio-ops send` to print what Slack would show;
 * control characters (from any server, ours escapes them already) shown visibly, not sent to the terminal.
 */
export function slackMessageText(message: { text?: string; blocks?: unknown[] }): string {
  if (!Array.isArray(message.blocks) || message.blocks.length === 0) return unescape(message.text ?? '');
  const lines: string[] = [];
  for (const block of message.blocks as Record<string, unknown>[]) {
    const textObject = block.text as { text?: string } | undefined;
    if (textObject?.text) lines.push(textObject.text);
    for (const field of (block.fields as { text?: string }[] | undefined) ?? []) if (field.text) lines.push(field.text);
    for (const element of (block.elements as { text?: string }[] | undefined) ?? [])
      if (element.text) lines.push(element.text);
  }
  return unescape(lines.join('\n').replace(/```/g, ''));
}

function unescape(text: string): string {
  return showControls(text)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u2060|\u200b/g, '');
}
