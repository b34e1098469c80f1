/** Limits of one outbound fetch. */
export interface FetchLimits {
  /** Give up after this many milliseconds. */
  timeoutMs: number;
  /** Refuse bodies larger than this many bytes. */
  maxBytes: number;
}

/**
 * GETs a URL and returns its body as text. Injected wherever radio-ops fetches (SNS certificates,
 * `SubscribeURL`), so tests can assert that nothing was fetched.
 *
 * @throws when the request fails, times out, redirects, answers non-2xx or exceeds `maxBytes`.
 */
export type FetchText = (url: string, limits: FetchLimits) => Promise<string>;

/**
 * {@link FetchText} over Node's `fetch`: no redirects, a timeout, and a size cap while reading. Its
 * errors say what happened in words an operator can act on (`GET <host>: no answer within 10 s`,
 * `… connection refused (ECONNREFUSED)`), since they end up in logs and alarm-channel notices.
 */
export const fetchTextBounded: FetchText = async (url, limits) => {
  try {
    return await fetchText(url, limits);
  } catch (error) {
    throw new Error(fetchProblem(url, limits, error), { cause: error });
  }
};

function fetchProblem(url: string, { timeoutMs }: FetchLimits, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('GET ')) return message;
  const get = `GET ${new URL(url).host}`;
  if (error instanceof Error && error.name === 'TimeoutError') return `${get}: no answer within ${timeoutMs / 1000} s`;
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  if (code === 'ECONNREFUSED') return `${get}: connection refused (ECONNREFUSED)`;
  return `${get}: ${typeof code === 'string' ? code : message}`;
}

async function fetchText(url: string, { timeoutMs, maxBytes }: FetchLimits): Promise<string> {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`GET ${new URL(url).host} answered ${response.status}`);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes)
    throw new Error(`GET ${new URL(url).host}: body over ${maxBytes} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw new Error(`GET ${new URL(url).host}: body over ${maxBytes} bytes`);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
