import { code, heading, note, text, type Reply } from '../pipeline/reply.js';
import type { SnsEnvelope } from './sns-envelope.js';

/**
 * The AWS CLI line that confirms (or, from an UnsubscribeConfirmation, restores) a subscription by hand,
 * with the topic's own region so the operator's default region does not matter. The token is valid for
 * three days. Source: https://docs.aws.amazon.com/cli/latest/reference/sns/confirm-subscription.html
 */
export function confirmCommand(envelope: SnsEnvelope): string {
  const region = envelope.TopicArn.split(':')[3];
  return `aws sns confirm-subscription${region ? ` --region ${region}` : ''} --topic-arn ${envelope.TopicArn} --token ${envelope.Token ?? '?'}`;
}

/**
 * What an operator needs to confirm a subscription by hand, for the log: SNS's own field names. The
 * `Token` is logged and shown on purpose: it can only confirm this server's subscription to a topic in
 * `sns.topics` (the message's signature and topic were checked first), which is what is wanted.
 */
export function byHandFields(envelope: SnsEnvelope) {
  return {
    messageId: envelope.MessageId,
    TopicArn: envelope.TopicArn,
    SubscribeURL: envelope.SubscribeURL,
    Token: envelope.Token,
    command: confirmCommand(envelope),
  };
}

/** The alarms channel's notice of a SubscriptionConfirmation radio-ops could not confirm (`problem`). */
export function notConfirmedNotice(envelope: SnsEnvelope, problem: string): Reply {
  const topic = envelope.TopicArn;
  return {
    summary: `Alarm delivery from ${topic} is not confirmed: no alarm from it reaches Slack until someone confirms it`,
    visibility: 'in_channel',
    parts: [
      heading(`Alarm delivery from ${topic} is not confirmed`, 'warning'),
      text(
        `SNS asked radio-ops to confirm its subscription to ${topic}, and radio-ops could not: ${problem}. Until it is confirmed, no alarm from this topic reaches this channel.`,
      ),
      text('To confirm it by hand within three days, from any machine with the AWS CLI and internet access:'),
      code(confirmCommand(envelope)),
      note('The server log has the same, with the SubscribeURL (opening it confirms the subscription too).'),
    ],
  };
}

/** The alarms channel's notice of an UnsubscribeConfirmation: alarm delivery from the topic has ended. */
export function unsubscribedNotice(envelope: SnsEnvelope): Reply {
  const topic = envelope.TopicArn;
  return {
    summary: `Alarm delivery from ${topic} has ended`,
    visibility: 'in_channel',
    parts: [
      heading(`Alarm delivery from ${topic} has ended`, 'error'),
      text(
        `SNS deleted this server's subscription to ${topic}: alarms on this topic no longer reach radio-ops or this channel.`,
      ),
      note(envelope.Message),
      text('If that was not intended, restore it within three days:'),
      code(confirmCommand(envelope)),
    ],
  };
}
