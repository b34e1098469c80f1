import type { Reply } from '../pipeline/reply.js';
import type { ApprovalRecord } from './approval-record.js';

/** What a card is about: its id, where it was asked, and where its message is once posted. */
export interface CardSubject {
  id: string;
  channel_id: string | null;
  message_channel: string | null;
  message_ts: string | null;
}

/**
 * Where cards of `R` live (approval requests, runbook runs): posted once, edited in place, a thread for the rest.
 */
export interface CardNotifier<R extends CardSubject> {
  post(record: R, card: Reply): Promise<{ channel: string; ts: string } | undefined>;
  update(record: R, card: Reply): Promise<void>;
  thread(record: R, reply: Reply): Promise<void>;
}

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
