// One step of the ack benchmark: a rate against one process, summarized; and the wait for the real
// server to finish answering on response_url before the next step starts.
import { latencySummary } from '../support/report.js';
import type { Sink } from '../support/http-sink.js';
import { cpuMsOf } from '../support/processes.js';
import { sleep } from '../support/run-bench.js';
import { forkLoad } from './run-load.js';

/** Figures of one rate against one process; latencies in ms from when each request was due. */
export interface AckStep {
  target: string;
  rate: number;
  sent: number;
  ok: number;
  errors: Record<string, number>;
  /** OK acks per second over the send window. */
  achieved: number;
  /** Acks slower than Slack's 3 s limit (Slack would show the user an error). */
  over3s: number;
  ack: ReturnType<typeof latencySummary>;
  /** Per command text: p50/p99 of its acks. */
  byText: Record<string, { p50: number; p99: number }>;
  /** CPU the target process used per request (ms, user + system), replies included. */
  cpuMsPerRequest: number;
  /** The real server only: response_url replies received, their latency from due time, and the drain. */
  replies?: { received: number; p50: number; p99: number; drainedS: number };
}

export async function runStep(options: {
  target: string;
  url: string;
  rate: number;
  durationMs: number;
  texts: string[];
  signingSecret: string;
  sink: Sink;
  run: string;
  waitForReplies: boolean;
  pid: number | undefined;
}): Promise<AckStep> {
  const { rate, durationMs, texts, sink, run } = options;
  const cpuBefore = cpuMsOf(options.pid);
  const result = await forkLoad({
    url: options.url,
    rate,
    durationMs,
    texts,
    signingSecret: options.signingSecret,
    responseBase: `${sink.url}/response/${run}`,
    timeoutMs: 10_000,
  });
  const errors: Record<string, number> = {};
  const okLatencies: number[] = [];
  const byTextLatencies = texts.map(() => [] as number[]);
  result.outcomes.forEach((outcome, i) => {
    const latency = result.latencies[i] ?? Number.NaN;
    if (outcome === 'ok') {
      okLatencies.push(latency);
      byTextLatencies[result.texts[i] ?? 0]?.push(latency);
    } else {
      errors[outcome] = (errors[outcome] ?? 0) + 1;
    }
  });
  const window = Math.max(result.sendWindowS, durationMs / 1000);
  const step: AckStep = {
    target: options.target,
    rate,
    sent: result.sent,
    ok: okLatencies.length,
    errors,
    achieved: okLatencies.length / window,
    over3s: okLatencies.filter((ms) => ms > 3000).length,
    cpuMsPerRequest: Number.NaN,
    ack: latencySummary(okLatencies),
    byText: Object.fromEntries(
      texts.map((text, i) => {
        const s = latencySummary(byTextLatencies[i] ?? []);
        return [text, { p50: s.p50, p99: s.p99 }];
      }),
    ),
  };
  if (options.waitForReplies) step.replies = await waitForReplies(sink, run, step.ok, result.t0, rate);
  step.cpuMsPerRequest = (cpuMsOf(options.pid) - cpuBefore) / Math.max(1, result.sent);
  return step;
}

/** Waits (up to 3 minutes) until `expected` replies arrived on `run`'s response_urls; then summarizes them. */
async function waitForReplies(sink: Sink, run: string, expected: number, t0: number, rate: number) {
  const started = performance.now();
  while (sink.replies(run).size < expected && performance.now() - started < 180_000) await sleep(100);
  const drainedS = (performance.now() - started) / 1000;
  const latencies = [...sink.replies(run)].map(([i, at]) => at - (t0 + (i * 1000) / rate));
  const s = latencySummary(latencies);
  return { received: latencies.length, p50: s.p50, p99: s.p99, drainedS };
}
