import { describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { testSigningKey, TEST_CERT_URL } from '../support/sns-signing.js';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:radio-ops-alarms';
const problems = (input: unknown) => {
  const parsed = RadioConfig.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('sns and alarms configuration', () => {
  it('accepts no topics by default (nothing is accepted) and ships the seed playbooks', () => {
    const config = RadioConfig.parse({});
    expect(config.sns).toEqual({ topics: [], pinnedCertificates: {} });
    expect(config.alarms).toMatchObject({ suppressInitialOk: true, coalesce: 5000, reconcileEvery: 15 * 60_000 });
    expect(config.alarms.playbooks.map((p) => p.match)).toEqual([
      { namespace: 'AWS/RDS', metric: 'CPUUtilization' },
      { namespace: 'AWS/ApplicationELB', metric: 'HealthyHostCount', alarmName: '*n8n*' },
      { namespace: 'AWS/S3', metric: 'BucketSizeBytes' },
    ]);
  });

  it("reads the issue's example", () => {
    const config = RadioConfig.parse({
      slack: { channels: ['C0EXAMPLE01'] },
      sns: { topics: [TOPIC], pinnedCertificates: {} },
      alarms: {
        channel: 'C0EXAMPLE01',
        suppressInitialOk: true,
        playbooks: [
          {
            match: { namespace: 'AWS/RDS', metric: 'CPUUtilization' },
            buttons: [{ label: 'Slow queries', command: 'db slow-queries' }],
          },
        ],
      },
    });
    expect(config.alarms.playbooks).toHaveLength(1);
  });

  it('names what is wrong: topics without a channel, a channel /radio may not be used in, a pinned URL that would never match', () => {
    expect(problems({ sns: { topics: [TOPIC] } })).toEqual([
      'alarms.channel: is required when sns.topics is set: alarm cards need a channel',
    ]);
    expect(problems({ slack: { channels: ['C0OTHER'] }, alarms: { channel: 'C0EXAMPLE01' } })).toEqual([
      'alarms.channel: must be one of slack.channels, or its buttons would be refused',
    ]);
    expect(
      problems({
        sns: { pinnedCertificates: { 'https://sns.s3-us-east-1.amazonaws.com/x.pem': testSigningKey().certPem } },
      }),
    ).toEqual([
      'sns.pinnedCertificates.https://sns.s3-us-east-1.amazonaws.com/x.pem: this URL host sns.s3-us-east-1.amazonaws.com is not sns.<region>.amazonaws.com; SNS certificate URLs look like https://sns.<region>.amazonaws.com/….pem',
    ]);
    expect(
      problems({
        sns: {
          pinnedCertificates: { [TEST_CERT_URL]: '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----' },
        },
      })[0],
    ).toMatch(/a PEM certificate/);
    expect(problems({ sns: { pinnedCertificates: { [TEST_CERT_URL]: testSigningKey().certPem } } })).toEqual([]);
    expect(problems({ sns: { topics: ['not-an-arn'] }, alarms: { channel: 'C0EXAMPLE01' } })[0]).toMatch(
      /^sns\.topics\.0: an SNS topic ARN/,
    );
  });
});
