/**
 * An AWS region code: `us-east-1`, `ap-southeast-2`, `us-gov-west-1`, `cn-north-1`, `us-isob-east-1`.
 * Source: https://docs.aws.amazon.com/general/latest/gr/rande.html
 */
export const AWS_REGION =
  /^[a-z]{2}(-gov|-iso[a-z]?)?-(central|north|south|east|west|northeast|northwest|southeast|southwest)-\d{1,2}$/;

const SNS_HOST = /^sns\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/** What a URL is for: certificates must be `.pem` files; `SubscribeURL` is an SNS API call. */
export type SnsUrlKind = 'certificate' | 'subscribe';

/**
 * Why `text` is not a URL radio-ops may fetch for SNS, or `undefined` when it is: https only, no
 * credentials or port, a host that is exactly `sns.<region>.amazonaws.com` (`.amazonaws.com.cn` for
 * China regions) with a real region shape, and for certificates a path ending in `.pem`. Called
 * before anything is fetched. Looser checks (`sns.s3-…`, suffix matches) let anyone host a key.
 * Source: https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
 */
export function snsUrlProblem(text: string, kind: SnsUrlKind): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:') return `uses ${url.protocol.replace(/:$/, '')}, not https`;
  if (url.username || url.password) return 'carries credentials';
  if (url.port) return 'names a port';
  const host = SNS_HOST.exec(url.hostname);
  const region = host?.[1] ?? '';
  if (!host || !AWS_REGION.test(region)) return `host ${url.hostname} is not sns.<region>.amazonaws.com`;
  if (Boolean(host[2]) !== region.startsWith('cn-')) return `host ${url.hostname} mixes a region and a partition`;
  if (kind === 'certificate' && (!url.pathname.endsWith('.pem') || url.search || url.hash)) return 'is not a .pem file';
  return undefined;
}
