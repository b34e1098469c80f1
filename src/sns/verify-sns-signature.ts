import { createVerify, type X509Certificate } from 'node:crypto';
import { snsStringToSign, type SnsEnvelope } from './sns-envelope.js';

/**
 * Whether `envelope.Signature` is the signature of its string to sign by `certificate`'s key:
 * `SignatureVersion` 1 is RSA-SHA1, 2 is RSA-SHA256. A certificate outside its validity at `now`
 * verifies nothing. Source: https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
 */
export function verifySnsSignature(envelope: SnsEnvelope, certificate: X509Certificate, now: Date): boolean {
  if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) return false;
  const verifier = createVerify(envelope.SignatureVersion === '2' ? 'RSA-SHA256' : 'RSA-SHA1');
  verifier.update(snsStringToSign(envelope), 'utf8');
  try {
    return verifier.verify(certificate.publicKey, envelope.Signature, 'base64');
  } catch {
    return false;
  }
}
