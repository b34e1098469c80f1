import type { SqlClient } from '../db/sql-client.js';
import type { SnsEnvelope } from './sns-envelope.js';

/** `sns_subscription_events`: SubscriptionConfirmation and UnsubscribeConfirmation messages, once each. */
export interface SnsSubscriptionLog {
  /** Records the message (a retry keeps the first row); resolves whether it was already confirmed. */
  record(envelope: SnsEnvelope): Promise<{ confirmed: boolean }>;
  /** Marks a SubscriptionConfirmation as confirmed (its `SubscribeURL` answered 2xx). */
  confirmed(messageId: string): Promise<void>;
  /** Claims the one announcement of a recorded message: true for exactly one caller, until released. */
  claimAnnouncement(messageId: string): Promise<boolean>;
  /** Gives a claim back (the announcement could not be posted), so a delivery again tries again. */
  releaseAnnouncement(messageId: string): Promise<void>;
}

/** The log in Postgres. */
export function createSnsSubscriptionLog(db: SqlClient): SnsSubscriptionLog {
  return {
    async record(envelope) {
      await db.query(
        `INSERT INTO sns_subscription_events (message_id, type, topic_arn) VALUES ($1, $2, $3) ON CONFLICT (message_id) DO NOTHING`,
        [envelope.MessageId, envelope.Type, envelope.TopicArn],
      );
      const { rows } = await db.query<{ confirmed: boolean }>(
        'SELECT confirmed_at IS NOT NULL AS confirmed FROM sns_subscription_events WHERE message_id = $1',
        [envelope.MessageId],
      );
      return { confirmed: rows[0]?.confirmed ?? false };
    },
    async confirmed(messageId) {
      await db.query('UPDATE sns_subscription_events SET confirmed_at = clock_timestamp() WHERE message_id = $1', [
        messageId,
      ]);
    },
    async claimAnnouncement(messageId) {
      const { rows } = await db.query(
        `UPDATE sns_subscription_events SET announced_at = clock_timestamp()
         WHERE message_id = $1 AND announced_at IS NULL RETURNING message_id`,
        [messageId],
      );
      return rows.length > 0;
    },
    async releaseAnnouncement(messageId) {
      await db.query('UPDATE sns_subscription_events SET announced_at = NULL WHERE message_id = $1', [messageId]);
    },
  };
}
