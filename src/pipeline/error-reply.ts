import { messageInline, note, text, type Reply } from './reply.js';
import type { UserError } from './user-error.js';

/**
 * A refusal or failure as a reply: always ephemeral, so only the asker sees it. A refusal (usage,
 * denied, precondition…) is a `warning`; `unavailable` (something failed or is down) an `error`.
 * The message's backtick marks become code spans.
 */
export function errorReply(error: UserError): Reply {
  return {
    summary: error.message,
    visibility: 'ephemeral',
    parts: [
      text(messageInline(error.message), error.code === 'unavailable' ? 'error' : 'warning'),
      ...error.details.map((line) => note(messageInline(line))),
    ],
  };
}
