import type { Reply } from '../pipeline/reply.js';
import type { ApprovalRecord } from './approval-record.js';

/**
 * Where approval cards live. Slack posts a normal channel message (never ephemeral: those can't be
 * updated) and edits it in place; progress and results go in its thread. The shell prints.
 */
export interface ApprovalNotifier {
  /** Posts the card where the request was made; returns where it went, to update it later. */
  post(record: ApprovalRecord, card: Reply): Promise<{ channel: string; ts: string } | undefined>;
  /** Replaces the card with its current state (buttons go once decided). */
  update(record: ApprovalRecord, card: Reply): Promise<void>;
  /** A reply in the card's thread: results and progress. */
  thread(record: ApprovalRecord, reply: Reply): Promise<void>;
}

/** A notifier that shows nothing (a front door without a place for cards). */
export const silentNotifier: ApprovalNotifier = {
  post: async () => undefined,
  update: async () => undefined,
  thread: async () => undefined,
};
