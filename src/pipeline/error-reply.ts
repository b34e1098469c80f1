import type { Reply } from './reply.js';
import type { UserError } from './user-error.js';

/** A refusal or failure as a reply: always ephemeral, so only the asker sees it. */
export function errorReply(error: UserError): Reply {
  return {
    summary: error.message,
    visibility: 'ephemeral',
    parts: [{ kind: 'text', text: `:warning: ${error.message}` }, ...error.details.map((line) => ({ kind: 'note' as const, text: line }))],
  };
}
