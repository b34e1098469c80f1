import type { Reply, ReplyPart } from '../pipeline/reply.js';
import { formatTable } from './text-fitting.js';

function partLines(part: ReplyPart): string[] {
  switch (part.kind) {
    case 'heading':
      return [part.text, '='.repeat(Math.min(60, [...part.text].length))];
    case 'text':
      return part.text.split('\n');
    case 'fields': {
      const width = Math.max(...part.fields.map(([label]) => label.length));
      return part.fields.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
    }
    case 'table':
      return formatTable(part.columns, part.rows, 80);
    case 'code':
      return part.text.split('\n').map((line) => `    ${line}`);
    case 'note':
      return [`(${part.text})`];
    case 'actions':
      return [part.buttons.map((button) => `[${button.label}: ${button.action} ${button.value}]`).join('  ')];
    case 'link':
      return [`${part.label}: ${part.url}`];
  }
}

/** Renders a reply for a terminal: the same content as the Slack message, as plain lines. Pure. */
export function renderTerminal(reply: Reply): string {
  return reply.parts.map((part) => partLines(part).join('\n')).join('\n\n').replace(/:warning: /g, '! ').replace(/:[a-z_]+: /g, '');
}
