import { describe, expect, it } from 'vitest';
import { snsUrlProblem } from '../../src/sns/sns-url.js';

describe('snsUrlProblem', () => {
  it.each([
    'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem',
    'https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-abc.pem',
    'https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem',
    'https://sns.ap-southeast-2.amazonaws.com/SimpleNotificationService-abc.pem',
    'https://SNS.EU-CENTRAL-1.amazonaws.com/SimpleNotificationService-abc.pem',
  ])('accepts %s', (url) => {
    expect(snsUrlProblem(url, 'certificate')).toBeUndefined();
  });

  it.each([
    ['a suffix host', 'https://sns.us-east-1.amazonaws.com.evil.example/cert.pem', /is not sns/],
    ['an S3-style host', 'https://sns.s3-us-east-1.amazonaws.com/cert.pem', /is not sns/],
    ['a bucket host', 'https://sns-certs.s3.amazonaws.com/cert.pem', /is not sns/],
    ['http', 'http://sns.us-east-1.amazonaws.com/cert.pem', /not https/],
    ['a non-.pem path', 'https://sns.us-east-1.amazonaws.com/cert.txt', /not a \.pem/],
    ['a .pem query', 'https://sns.us-east-1.amazonaws.com/?x=cert.pem', /not a \.pem/],
    ['credentials', 'https://sns.us-east-1.amazonaws.com@evil.example/cert.pem', /credentials/],
    ['a port', 'https://sns.us-east-1.amazonaws.com:8443/cert.pem', /port/],
    ['a made-up region', 'https://sns.moon-base-1.amazonaws.com/cert.pem', /is not sns/],
    ['China partition with a US region', 'https://sns.us-east-1.amazonaws.com.cn/cert.pem', /partition/],
    ['a trailing dot', 'https://sns.us-east-1.amazonaws.com./cert.pem', /is not sns/],
    ['not a URL', 'sns.us-east-1.amazonaws.com/cert.pem', /not a URL/],
  ])('refuses %s', (_what, url, problem) => {
    expect(snsUrlProblem(url, 'certificate')).toMatch(problem);
  });

  it('allows a SubscribeURL (an API call with a query) only on the SNS host', () => {
    expect(
      snsUrlProblem('https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc', 'subscribe'),
    ).toBeUndefined();
    expect(snsUrlProblem('https://evil.example/?Action=ConfirmSubscription', 'subscribe')).toMatch(/is not sns/);
  });
});
