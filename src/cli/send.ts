import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { slackMessageText } from '../render/slack-message-text.js';
import { slackSignatureHeaders, slashCommandBody } from '../slack/sign-request.js';
import { isStillRunningNotice } from '../slack/still-running-notice.js';

export interface SendOptions {
  /** The full command line, e.g. `/radio db size`; a leading `/radio` is optional. */
  line: string;
  /** Base URL of a running radio-ops server. */
  url: string;
  signingSecret: string;
  teamId: string;
  channelId: string;
  userId: string;
  /** A remote server can't reach our local catcher: then only the ack is shown. */
  responseUrl?: string;
  /** How long to wait for the `response_url` reply, in milliseconds. */
  waitMs: number;
  json: boolean;
  out: (line: string) => void;
  /** Where problems go (stderr in the CLI); default `out`. */
  err?: (line: string) => void;
}

/**
 * `radio-ops send`: signs a slash command as Slack does, posts it, catches the `response_url` reply on
 * a temporary local port, and prints it. Returns 0 when a reply arrived (or only the ack was expected).
 */
export async function sendSlashCommand(options: SendOptions): Promise<number> {
  const catcher = options.responseUrl ? undefined : await startCatcher();
  try {
    const responseUrl = options.responseUrl ?? catcher?.url ?? '';
    const text = options.line.replace(/^\s*\/radio\b\s*/i, '');
    const body = slashCommandBody({
      teamId: options.teamId,
      channelId: options.channelId,
      userId: options.userId,
      text,
      responseUrl,
    });
    const endpoint = new URL('/slack/events', options.url);
    let ack: Response;
    try {
      ack = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...slackSignatureHeaders(body, options.signingSecret),
        },
        body,
      });
    } catch (error) {
      (options.err ?? options.out)(`could not reach ${endpoint.href}: ${fetchFailure(error)}`);
      return 1;
    }
    const ackBody = await ack.text();
    options.out(`ack: HTTP ${ack.status}${ackBody ? ` ${ackBody}` : ''}`);
    if (!ack.ok) return 1;
    if (!catcher) return 0;
    const until = Date.now() + options.waitMs;
    let reply = await catcher.next(options.waitMs);
    // A slow command first says "Still running…" on the same response_url: show it and wait for the answer.
    while (reply && isStillRunningNotice(reply)) {
      options.out('(still running…)');
      reply = await catcher.next(Math.max(0, until - Date.now()));
    }
    if (!reply) {
      options.out(`no reply on response_url within ${options.waitMs / 1000}s`);
      return 1;
    }
    options.out(
      options.json
        ? JSON.stringify(reply, null, 2)
        : `[${String(reply.response_type ?? 'ephemeral')}]\n${slackMessageText(reply)}`,
    );
    return 0;
  } finally {
    catcher?.close();
  }
}

/**
 * Why `fetch` failed, in a word: undici rejects with `TypeError: fetch failed` and puts the reason in
 * `cause` (`ECONNREFUSED`, `ENOTFOUND`…; an `AggregateError` when every address of a host refused).
 */
function fetchFailure(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const causes = cause instanceof AggregateError ? [cause, ...cause.errors] : [cause];
  for (const candidate of causes) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') return code;
  }
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

async function startCatcher() {
  const replies: Record<string, unknown>[] = [];
  let wake: (() => void) | undefined;
  const server = createServer((request: IncomingMessage, response) => {
    let raw = '';
    request
      .setEncoding('utf8')
      .on('data', (chunk: string) => (raw += chunk))
      .on('end', () => {
        try {
          replies.push(JSON.parse(raw) as Record<string, unknown>);
        } catch {
          replies.push({ text: raw });
        }
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        wake?.();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/response`,
    async next(waitMs: number): Promise<Record<string, unknown> | undefined> {
      if (replies.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return replies.shift();
    },
    close: () => server.close(),
  };
}
