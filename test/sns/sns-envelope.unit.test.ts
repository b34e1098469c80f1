import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SnsEnvelope, snsStringToSign } from '../../src/sns/sns-envelope.js';
import { snsFixture } from '../support/sns-signing.js';

const expected = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/sns/string-to-sign/${name}.txt`, import.meta.url)), 'utf8');

describe('snsStringToSign', () => {
  it.each([
    'notification-cloudwatch-alarm-rds-cpu',
    'notification-alarm-ok',
    'notification-ecs-healthy-hosts',
    'subscription-confirmation',
    'unsubscribe-confirmation',
  ])('gives exactly the bytes SNS signs for %s', (name) => {
    expect(snsStringToSign(SnsEnvelope.parse(snsFixture(name)))).toBe(expected(name));
  });

  it('leaves Subject out of a notification that has none', () => {
    const { Subject: _subject, ...rest } = snsFixture('notification-alarm-ok');
    expect(snsStringToSign(SnsEnvelope.parse(rest))).not.toContain('Subject\n');
  });
});
