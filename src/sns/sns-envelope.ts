import { z } from 'zod';

/** The message types SNS posts to an HTTP/S endpoint. */
export const SNS_TYPES = ['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'] as const;

/**
 * The JSON body SNS posts (sent as `text/plain`). `Message` is a string: for CloudWatch alarms, a
 * second JSON document. `SignatureVersion` `1` signs with RSA-SHA1, `2` with RSA-SHA256.
 * Source: https://docs.aws.amazon.com/sns/latest/dg/http-notification-json.html
 */
export const SnsEnvelope = z.object({
  Type: z.enum(SNS_TYPES),
  MessageId: z.string().min(1).max(200),
  TopicArn: z.string().min(1).max(1024),
  Subject: z.string().optional(),
  Message: z.string(),
  Timestamp: z.string().min(1),
  SignatureVersion: z.enum(['1', '2']),
  Signature: z.string().min(1),
  SigningCertURL: z.string().min(1).max(2048),
  SubscribeURL: z.string().optional(),
  Token: z.string().optional(),
  UnsubscribeURL: z.string().optional(),
});
export type SnsEnvelope = z.infer<typeof SnsEnvelope>;

const NOTIFICATION_FIELDS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const CONFIRMATION_FIELDS = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const;

/**
 * The exact text SNS signs: each present field as `name\nvalue\n`, in byte order of the names.
 * Notifications: Message, MessageId, Subject (only if present), Timestamp, TopicArn, Type.
 * Confirmations: Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type.
 * Source: https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
 */
export function snsStringToSign(envelope: SnsEnvelope): string {
  const names = envelope.Type === 'Notification' ? NOTIFICATION_FIELDS : CONFIRMATION_FIELDS;
  return names
    .filter((name) => envelope[name] !== undefined)
    .map((name) => `${name}\n${envelope[name]}\n`)
    .join('');
}
