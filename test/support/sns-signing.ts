// Signs SNS fixtures as SNS would post them now, with a throwaway key generated per test run
// (openssl, in a temp dir that is removed at once: no private key is committed). Mirrors
// ../shared/fixtures/tools/sns-sign.mjs, written independently of src/sns so a bug there can't hide.
import { execFileSync } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A valid-looking SigningCertURL; the server must trust the test certificate for it (pinned). */
export const TEST_CERT_URL =
  'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem';
export const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:radio-ops-alarms';

let generated: { keyPem: string; certPem: string } | undefined;

/** A 2048-bit RSA key and a self-signed certificate valid for two days, generated once per worker. */
export function testSigningKey(): { keyPem: string; certPem: string } {
  if (generated) return generated;
  const dir = mkdtempSync(join(tmpdir(), 'radio-ops-sns-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=sns.test.invalid',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    generated = {
      keyPem: readFileSync(join(dir, 'key.pem'), 'utf8'),
      certPem: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
    return generated;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An SNS fixture (`test/fixtures/sns/<name>.json`) as an object. */
export function snsFixture(name: string): Record<string, string> {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL(`../fixtures/sns/${name}.json`, import.meta.url)), 'utf8'),
  ) as Record<string, string>;
}

/** An alarm `Message` fixture (`test/fixtures/sns/messages/<name>.json`) as text. */
export function alarmMessageFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/sns/messages/${name}.json`, import.meta.url)), 'utf8').trim();
}

export interface SignOptions {
  version?: '1' | '2';
  messageId?: string;
  /** ISO time; default now. */
  timestamp?: string;
  certUrl?: string;
  /** Replaces `Message` (and drops `Subject` when `subject` is null). */
  message?: string;
  subject?: string | null;
  topicArn?: string;
}

/** `fixture` with a fresh Timestamp and MessageId, the given certificate URL and a real signature. */
export function signSns(fixture: Record<string, string>, options: SignOptions = {}): Record<string, string> {
  const m: Record<string, string> = { ...fixture };
  m.Timestamp = options.timestamp ?? new Date().toISOString();
  m.MessageId = options.messageId ?? randomUUID();
  m.SignatureVersion = options.version ?? '1';
  m.SigningCertURL = options.certUrl ?? TEST_CERT_URL;
  if (options.message !== undefined) m.Message = options.message;
  if (options.topicArn !== undefined) m.TopicArn = options.topicArn;
  if (options.subject === null) delete m.Subject;
  else if (options.subject !== undefined) m.Subject = options.subject;
  const keys =
    m.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  const text = keys
    .filter((k) => m[k] !== undefined)
    .map((k) => `${k}\n${m[k]}\n`)
    .join('');
  const signer = createSign(m.SignatureVersion === '2' ? 'RSA-SHA256' : 'RSA-SHA1');
  signer.update(text, 'utf8');
  m.Signature = signer.sign(testSigningKey().keyPem, 'base64');
  return m;
}

/** A signed CloudWatch alarm notification carrying `message` (an alarm JSON), as the raw POST body. */
export function signedAlarm(message: string | object, options: SignOptions = {}): string {
  const text = typeof message === 'string' ? message : JSON.stringify(message);
  return JSON.stringify(
    signSns(snsFixture('notification-cloudwatch-alarm-rds-cpu'), { ...options, message: text }),
    null,
    2,
  );
}
