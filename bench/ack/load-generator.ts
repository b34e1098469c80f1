// The ack load generator, run in its own process (forked by run-load.ts): open loop at a fixed rate,
// request i is due at t0 + i/rate whether or not earlier ones were answered, and its latency counts
// from when it was due (so a generator or server falling behind can't hide queueing). Each request is a
// `/radio …` slash command formatted and signed exactly as Slack does, over keep-alive connections.
import { Agent, request } from 'node:http';
import { slackSignatureHeaders, slashCommandBody } from '../../src/slack/sign-request.js';

/** What the parent asks for. */
export interface LoadPlan {
  /** The server's base URL (127.0.0.1 only). */
  url: string;
  rate: number;
  durationMs: number;
  texts: string[];
  signingSecret: string;
  /** `response_url` of request i is `<responseBase>/<i>`. */
  responseBase: string;
  timeoutMs: number;
}

/** What the generator reports: per request, latency in ms from when it was due, and how it ended. */
export interface LoadResult {
  /** Epoch ms when request 0 was due; request i was due at `t0 + i * 1000 / rate`. */
  t0: number;
  sent: number;
  /** Seconds from the first due time to the last request actually sent. */
  sendWindowS: number;
  latencies: number[];
  /** `ok`, an HTTP status, an error code, or `timeout`. */
  outcomes: string[];
  /** The text each request carried (index into `texts`). */
  texts: number[];
}

export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const url = new URL('/slack/events', plan.url);
  if (url.hostname !== '127.0.0.1') throw new Error('the load generator only sends to 127.0.0.1');
  const agent = new Agent({ keepAlive: true, maxSockets: 2048 });
  const total = Math.round((plan.rate * plan.durationMs) / 1000);
  const interval = 1000 / plan.rate;
  const latencies = new Array<number>(total).fill(Number.NaN);
  const outcomes = new Array<string>(total).fill('unsent');
  const texts = Array.from({ length: total }, (_, i) => i % plan.texts.length);
  const start = performance.now() + 20;
  const t0 = performance.timeOrigin + start;
  let next = 0;
  let done = 0;
  let lastSent = start;

  return new Promise((resolve) => {
    const finish = (i: number, due: number, outcome: string) => {
      if (outcomes[i] !== 'pending') return;
      latencies[i] = performance.now() - due;
      outcomes[i] = outcome;
      if (++done === total) {
        agent.destroy();
        resolve({ t0, sent: next, sendWindowS: (lastSent - start) / 1000, latencies, outcomes, texts });
      }
    };
    const send = (i: number) => {
      const due = start + i * interval;
      const body = slashCommandBody({
        teamId: 'T0EXAMPLE',
        channelId: 'C0EXAMPLE01',
        userId: 'U0ALICE',
        text: plan.texts[texts[i] ?? 0] ?? 'help',
        responseUrl: `${plan.responseBase}/${i}`,
      });
      outcomes[i] = 'pending';
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          timeout: plan.timeoutMs,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
            ...slackSignatureHeaders(body, plan.signingSecret),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => finish(i, due, res.statusCode === 200 ? 'ok' : String(res.statusCode)));
          res.on('error', (error: NodeJS.ErrnoException) => finish(i, due, error.code ?? 'error'));
        },
      );
      req.on('timeout', () => {
        finish(i, due, 'timeout');
        req.destroy();
      });
      req.on('error', (error: NodeJS.ErrnoException) => finish(i, due, error.code ?? 'error'));
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) send(next++);
      lastSent = now;
      if (next < total) setTimeout(tick, Math.min(1, Math.max(0, start + next * interval - performance.now())));
    };
    setTimeout(tick, 20);
  });
}

// As a forked child: the plan comes as argv[2] (JSON); the result goes back over IPC.
if (process.send && process.argv[2]) {
  const plan = JSON.parse(process.argv[2]) as LoadPlan;
  void runLoad(plan).then((result) => process.send?.(result, () => process.exit(0)));
}
