import { X509Certificate } from 'node:crypto';
import type { FetchLimits, FetchText } from './bounded-fetch.js';

/** Where signing certificates come from. */
export interface CertificateSource {
  /**
   * The certificate for a `SigningCertURL` that already passed `snsUrlProblem`: a pinned one, else one
   * fetched once (bounded) and cached.
   *
   * @throws when it can't be fetched or is not a certificate (the caller answers 5xx, so SNS retries).
   */
  get(url: string): Promise<X509Certificate>;
}

export interface CertificateSourceOptions {
  /** `sns.pinnedCertificates`: `SigningCertURL` → PEM, for hosts without outbound HTTPS (and tests). */
  pinned: Readonly<Record<string, string>>;
  fetchText: FetchText;
  /** Default: 5 s, 16 KiB (an SNS certificate is about 2 KiB). */
  limits?: FetchLimits;
  /** Fetched certificates kept; default 32. SNS rotates its certificate rarely. */
  maxCached?: number;
}

/**
 * Pinned certificates first, else one bounded fetch per URL, cached (the promise, so concurrent
 * deliveries share one fetch; a failed fetch is forgotten so the next delivery tries again).
 */
export function createCertificateSource(options: CertificateSourceOptions): CertificateSource {
  const limits = options.limits ?? { timeoutMs: 5000, maxBytes: 16 * 1024 };
  const maxCached = options.maxCached ?? 32;
  const pinned = new Map(Object.entries(options.pinned).map(([url, pem]) => [url, new X509Certificate(pem)]));
  const cache = new Map<string, Promise<X509Certificate>>();
  return {
    get(url) {
      const found = pinned.get(url);
      if (found) return Promise.resolve(found);
      let entry = cache.get(url);
      if (!entry) {
        entry = options.fetchText(url, limits).then((pem) => new X509Certificate(pem));
        entry.catch(() => cache.delete(url));
        if (cache.size >= maxCached) cache.delete(cache.keys().next().value as string);
        cache.set(url, entry);
      }
      return entry;
    },
  };
}
