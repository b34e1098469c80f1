import type { Logger } from 'pino';
import type { Reply } from '../pipeline/reply.js';
import type { FetchText } from './bounded-fetch.js';
import type { CertificateSource } from './certificate-source.js';
import { SnsEnvelope } from './sns-envelope.js';
import type { SnsSubscriptionLog } from './sns-subscription-log.js';
import { snsUrlProblem } from './sns-url.js';
import { byHandFields, notConfirmedNotice, unsubscribedNotice } from './subscription-notice.js';
import { verifySnsSignature } from './verify-sns-signature.js';

/** SNS signs a `Timestamp`; anything older than this is refused as a replay. */
export const MAX_MESSAGE_AGE_MS = 60 * 60_000;

/** What `POST /sns` answers: 2xx accepted, 4xx refused (nothing changed), 5xx try again. */
export interface SnsResponse {
  status: number;
  body: { result: string } | { error: string };
}

/** Everything the SNS endpoint decides with; fetching and time are injected. */
export interface SnsReceiverDependencies {
  /** `sns.topics`: the only `TopicArn`s accepted. */
  topics: readonly string[];
  certificates: CertificateSource;
  /** GETs a `SubscribeURL` to confirm a subscription (bounded; injected so tests see every fetch). */
  fetchText: FetchText;
  subscriptions: SnsSubscriptionLog;
  /** Handles a verified Notification; resolves (with a word for the log) once it is durably recorded. */
  onNotification(envelope: SnsEnvelope): Promise<string>;
  /**
   * Posts a notice in the alarms channel: a subscription radio-ops could not confirm, or one SNS deleted.
   * Each message is announced once (claimed in `subscriptions`), however often SNS delivers it.
   */
  announce(notice: Reply): Promise<void>;
  /** Milliseconds since the epoch. */
  now: () => number;
  log: Logger;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The SNS HTTP/S endpoint: parse, check the certificate URL, topic and age (all before any fetch),
 * get the certificate, verify the signature, then act by `Type`. Refusals are 4xx and logged; a
 * failure on our side is 5xx, so SNS delivers again.
 * Source: https://docs.aws.amazon.com/sns/latest/dg/SendMessageToHttp.prepare.html
 */
export function createSnsReceiver(deps: SnsReceiverDependencies) {
  const { log } = deps;
  const topics = new Set(deps.topics);

  async function accept(raw: string): Promise<string> {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Refusal(400, 'body is not JSON');
    }
    const parsed = SnsEnvelope.safeParse(json);
    if (!parsed.success) throw new Refusal(400, `not an SNS message: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
    const envelope = parsed.data;
    const urlProblem = snsUrlProblem(envelope.SigningCertURL, 'certificate');
    if (urlProblem) throw new Refusal(403, `SigningCertURL ${urlProblem}`);
    if (!topics.has(envelope.TopicArn)) throw new Refusal(403, 'TopicArn is not in sns.topics');
    const sent = Date.parse(envelope.Timestamp);
    const age = deps.now() - sent;
    if (Number.isNaN(sent) || age > MAX_MESSAGE_AGE_MS || age < -MAX_MESSAGE_AGE_MS)
      throw new Refusal(403, 'Timestamp is more than an hour away');
    let certificate;
    try {
      certificate = await deps.certificates.get(envelope.SigningCertURL);
    } catch (error) {
      log.error({ err: error, url: envelope.SigningCertURL }, 'SNS signing certificate could not be fetched');
      throw new Refusal(502, 'signing certificate unavailable');
    }
    if (!verifySnsSignature(envelope, certificate, new Date(deps.now())))
      throw new Refusal(403, 'signature does not verify');
    if (envelope.Type === 'Notification') return deps.onNotification(envelope);
    const { confirmed } = await deps.subscriptions.record(envelope);
    if (envelope.Type === 'UnsubscribeConfirmation') {
      // Alarm delivery ending silently is an outage (issue 13, fault 18). A notice that can't be posted is
      // a 5xx: SNS delivers the message again, and the notice is tried again.
      log.warn(byHandFields(envelope), 'SNS subscription deleted: alarm delivery from this topic has ended');
      await announceOnce(envelope, unsubscribedNotice(envelope));
      return 'recorded';
    }
    if (confirmed) return 'recorded';
    const subscribeProblem = snsUrlProblem(envelope.SubscribeURL ?? '', 'subscribe');
    if (subscribeProblem) throw new Refusal(403, `SubscribeURL ${subscribeProblem}`);
    try {
      await deps.fetchText(envelope.SubscribeURL ?? '', { timeoutMs: 10_000, maxBytes: 64 * 1024 });
    } catch (error) {
      // No outbound HTTPS (a private subnet without NAT): an operator confirms by hand (issue 13, fault 18).
      const problem = error instanceof Error ? error.message : String(error);
      log.error({ ...byHandFields(envelope), problem }, 'SNS subscription not confirmed: confirm it by hand');
      await announceOnce(envelope, notConfirmedNotice(envelope, problem)).catch((failure: unknown) =>
        log.error({ err: failure, messageId: envelope.MessageId }, 'alarms channel could not be told'),
      );
      throw new Refusal(502, `subscription not confirmed (${problem}): confirm it by hand, see the log`);
    }
    await deps.subscriptions.confirmed(envelope.MessageId);
    log.info({ topicArn: envelope.TopicArn }, 'SNS subscription confirmed');
    return 'confirmed';
  }

  async function announceOnce(envelope: SnsEnvelope, notice: Reply): Promise<void> {
    if (!(await deps.subscriptions.claimAnnouncement(envelope.MessageId))) return;
    try {
      await deps.announce(notice);
    } catch (error) {
      await deps.subscriptions.releaseAnnouncement(envelope.MessageId);
      throw error;
    }
  }

  return async function receiveSns(raw: string): Promise<SnsResponse> {
    try {
      return { status: 200, body: { result: await accept(raw) } };
    } catch (error) {
      const context = messageContext(raw);
      if (error instanceof Refusal) {
        log.warn({ ...context, status: error.status, problem: error.message }, 'SNS message refused');
        return { status: error.status, body: { error: error.message } };
      }
      log.error({ ...context, err: error }, 'SNS message could not be handled');
      return { status: 500, body: { error: 'internal error' } };
    }
  };
}

/** MessageId, Type and TopicArn for the log, when the body has them. */
function messageContext(raw: string): Record<string, unknown> {
  try {
    const { MessageId, Type, TopicArn } = JSON.parse(raw) as Record<string, unknown>;
    return { messageId: MessageId, type: Type, topicArn: TopicArn };
  } catch {
    return {};
  }
}
