import { X509Certificate } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FetchText } from '../../src/sns/bounded-fetch.js';
import { createCertificateSource, type CertificateSource } from '../../src/sns/certificate-source.js';
import { createSnsReceiver } from '../../src/sns/receive-sns.js';
import { SnsEnvelope } from '../../src/sns/sns-envelope.js';
import type { SnsSubscriptionLog } from '../../src/sns/sns-subscription-log.js';
import { verifySnsSignature } from '../../src/sns/verify-sns-signature.js';
import { silentLog } from '../support/fakes.js';
import { signSns, snsFixture, testSigningKey, TEST_CERT_URL, TOPIC_ARN } from '../support/sns-signing.js';

const alarm = snsFixture('notification-cloudwatch-alarm-rds-cpu');
testSigningKey();
const NOW = Date.now() + 1000;

function setup(options: { pinned?: boolean; topics?: string[] } = {}) {
  const fetches: string[] = [];
  const certificateLookups: string[] = [];
  const notifications: SnsEnvelope[] = [];
  const recorded = new Map<string, boolean>();
  const fetchText: FetchText = async (url) => {
    fetches.push(url);
    return url.includes('ConfirmSubscription') ? '<ConfirmSubscriptionResponse/>' : testSigningKey().certPem;
  };
  const source = createCertificateSource({
    pinned: options.pinned === false ? {} : { [TEST_CERT_URL]: testSigningKey().certPem },
    fetchText,
  });
  const certificates: CertificateSource = {
    get: (url) => {
      certificateLookups.push(url);
      return source.get(url);
    },
  };
  const subscriptions: SnsSubscriptionLog = {
    async record(envelope) {
      if (!recorded.has(envelope.MessageId)) recorded.set(envelope.MessageId, false);
      return { confirmed: recorded.get(envelope.MessageId) ?? false };
    },
    async confirmed(id) {
      recorded.set(id, true);
    },
    claimAnnouncement: async () => true,
    releaseAnnouncement: async () => undefined,
  };
  const receive = createSnsReceiver({
    topics: options.topics ?? [TOPIC_ARN],
    certificates,
    fetchText,
    subscriptions,
    announce: async () => undefined,
    now: () => NOW,
    log: silentLog,
    onNotification: async (envelope) => {
      notifications.push(envelope);
      return 'recorded';
    },
  });
  const post = (body: object | string) => receive(typeof body === 'string' ? body : JSON.stringify(body));
  return { post, fetches, certificateLookups, notifications, recorded };
}

let s: ReturnType<typeof setup>;
beforeEach(() => {
  s = setup();
});

describe('POST /sns verification', () => {
  it.each(['1', '2'] as const)(
    'accepts a notification signed with SignatureVersion %s (pinned certificate, no fetch)',
    async (version) => {
      const response = await s.post(signSns(alarm, { version, timestamp: new Date(NOW).toISOString() }));
      expect(response).toEqual({ status: 200, body: { result: 'recorded' } });
      expect(s.notifications).toHaveLength(1);
      expect(s.fetches).toEqual([]);
    },
  );

  it('refuses a forged message: signed, then changed', async () => {
    const signed = signSns(alarm, { timestamp: new Date(NOW).toISOString() });
    const response = await s.post({ ...signed, Message: signed.Message?.replace('"ALARM"', '"OK"') });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ error: 'signature does not verify' });
    expect(s.notifications).toEqual([]);
  });

  it('refuses a v1 signature presented as v2', async () => {
    const signed = signSns(alarm, { version: '1', timestamp: new Date(NOW).toISOString() });
    expect((await s.post({ ...signed, SignatureVersion: '2' })).status).toBe(403);
  });

  it.each([
    'https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-0123.pem',
    'https://sns.s3-us-east-1.amazonaws.com/SimpleNotificationService-0123.pem',
    'http://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123.pem',
    'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123.txt',
  ])('refuses SigningCertURL %s before looking up or fetching anything', async (certUrl) => {
    const response = await s.post(signSns(alarm, { certUrl, timestamp: new Date(NOW).toISOString() }));
    expect(response.status).toBe(403);
    expect(String((response.body as { error: string }).error)).toMatch(/^SigningCertURL /);
    expect(s.certificateLookups).toEqual([]);
    expect(s.fetches).toEqual([]);
    expect(s.notifications).toEqual([]);
  });

  it('refuses a Timestamp older than an hour, and a topic not in sns.topics, without fetching', async () => {
    const stale = await s.post(signSns(alarm, { timestamp: new Date(NOW - 61 * 60_000).toISOString() }));
    expect(stale.status).toBe(403);
    const foreign = await s.post(
      signSns(alarm, { topicArn: 'arn:aws:sns:us-east-1:999999999999:other', timestamp: new Date(NOW).toISOString() }),
    );
    expect(foreign).toEqual({ status: 403, body: { error: 'TopicArn is not in sns.topics' } });
    expect(s.certificateLookups).toEqual([]);
    expect(s.notifications).toEqual([]);
  });

  it('answers 400 to a body that is not an SNS message', async () => {
    expect((await s.post('not json')).status).toBe(400);
    expect((await s.post({ Type: 'Notification' })).status).toBe(400);
  });

  it('fetches an unpinned certificate once, then uses the cached one', async () => {
    s = setup({ pinned: false });
    await s.post(signSns(alarm, { timestamp: new Date(NOW).toISOString() }));
    await s.post(signSns(alarm, { version: '2', timestamp: new Date(NOW).toISOString() }));
    expect(s.fetches).toEqual([TEST_CERT_URL]);
    expect(s.notifications).toHaveLength(2);
  });

  it('answers 502 when the certificate cannot be fetched (SNS delivers again)', async () => {
    const failing = createSnsReceiver({
      topics: [TOPIC_ARN],
      log: silentLog,
      now: () => NOW,
      fetchText: async () => '',
      certificates: { get: () => Promise.reject(new Error('timeout')) },
      subscriptions: {
        record: async () => ({ confirmed: false }),
        confirmed: async () => undefined,
        claimAnnouncement: async () => true,
        releaseAnnouncement: async () => undefined,
      },
      announce: async () => undefined,
      onNotification: async () => 'recorded',
    });
    expect((await failing(JSON.stringify(signSns(alarm, { timestamp: new Date(NOW).toISOString() })))).status).toBe(
      502,
    );
  });
});

describe('subscription messages', () => {
  const confirmation = snsFixture('subscription-confirmation');

  it('confirms an allowed topic once, after verifying it', async () => {
    const signed = signSns(confirmation, { timestamp: new Date(NOW).toISOString() });
    expect(await s.post(signed)).toEqual({ status: 200, body: { result: 'confirmed' } });
    expect(await s.post(signed)).toEqual({ status: 200, body: { result: 'recorded' } });
    expect(s.fetches).toEqual([confirmation.SubscribeURL]);
  });

  it('does not confirm a forged confirmation or another topic', async () => {
    const forged = { ...signSns(confirmation, { timestamp: new Date(NOW).toISOString() }), Token: 'other' };
    expect((await s.post(forged)).status).toBe(403);
    const other = signSns(confirmation, {
      topicArn: 'arn:aws:sns:us-east-1:999999999999:other',
      timestamp: new Date(NOW).toISOString(),
    });
    expect((await s.post(other)).status).toBe(403);
    expect(s.fetches).toEqual([]);
  });

  it('refuses to confirm through a SubscribeURL off the SNS host', async () => {
    const signed = signSns(
      { ...confirmation, SubscribeURL: 'https://evil.example/?Action=ConfirmSubscription' },
      { timestamp: new Date(NOW).toISOString() },
    );
    expect((await s.post(signed)).status).toBe(403);
    expect(s.fetches).toEqual([]);
  });

  it('records an UnsubscribeConfirmation and does nothing else', async () => {
    const signed = signSns(snsFixture('unsubscribe-confirmation'), { timestamp: new Date(NOW).toISOString() });
    expect(await s.post(signed)).toEqual({ status: 200, body: { result: 'recorded' } });
    expect([...s.recorded.keys()]).toEqual([signed.MessageId]);
    expect(s.fetches).toEqual([]);
  });
});

describe('certificate validity', () => {
  it('verifies nothing with a certificate outside its validity', () => {
    const envelope = SnsEnvelope.parse(signSns(alarm));
    const certificate = new X509Certificate(testSigningKey().certPem);
    expect(verifySnsSignature(envelope, certificate, new Date())).toBe(true);
    expect(verifySnsSignature(envelope, certificate, new Date(Date.now() + 30 * 86_400_000))).toBe(false);
  });
});
