// Delivers the planned storm to POST /sns on schedule (open loop, keep-alive), as SNS posts: JSON as
// text/plain with the SNS headers; and reads back what the server's database recorded.
import { Agent, request } from 'node:http';
import pg from 'pg';
import { epochMs } from '../support/http-sink.js';
import type { Delivery } from './storm-plan.js';

/** How one delivery ended: HTTP status (0 on a network error) and when its answer arrived (epoch ms). */
export interface Delivered {
  status: number;
  at: number;
}

export function deliverStorm(url: string, deliveries: Delivery[]): Promise<Delivered[]> {
  const target = new URL('/sns', url);
  if (target.hostname !== '127.0.0.1') throw new Error('the storm is only sent to 127.0.0.1');
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const results: Delivered[] = deliveries.map(() => ({ status: -1, at: 0 }));
  const start = performance.now() + 50;
  let done = 0;
  return new Promise((resolve) => {
    const finish = (i: number, status: number) => {
      if ((results[i] as Delivered).status !== -1) return;
      results[i] = { status, at: epochMs() };
      if (++done === deliveries.length) {
        agent.destroy();
        resolve(results);
      }
    };
    deliveries.forEach((d, i) => {
      setTimeout(
        () => {
          const req = request(
            target,
            {
              method: 'POST',
              agent,
              timeout: 30_000,
              headers: {
                'content-type': 'text/plain; charset=UTF-8',
                'x-amz-sns-message-type': 'Notification',
                'user-agent': 'Amazon Simple Notification Service Agent',
              },
            },
            (res) => res.resume().on('end', () => finish(i, res.statusCode ?? 0)),
          );
          req.on('timeout', () => req.destroy(new Error('timeout')));
          req.on('error', () => finish(i, 0));
          req.end(d.body);
        },
        Math.max(0, start + d.atMs - performance.now()),
      );
    });
  });
}

/** What the server recorded: our MessageIds found in alarm_events, and each card's state. */
export async function readRecorded(databaseUrl: string, messageIds: string[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const events = await client.query<{ n: string; unapplied: string }>(
      "SELECT count(*)::text AS n, count(*) FILTER (WHERE applied_at IS NULL)::text AS unapplied FROM alarm_events WHERE source = 'sns' AND message_id = ANY($1)",
      [messageIds],
    );
    const cards = await client.query<{ alarm_name: string; state: string }>(
      'SELECT alarm_name, state FROM alarm_cards',
    );
    const outbox = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM alarm_outbox');
    return {
      recorded: Number(events.rows[0]?.n),
      unapplied: Number(events.rows[0]?.unapplied),
      cardStates: new Map(cards.rows.map((r) => [r.alarm_name, r.state])),
      outboxLeft: Number(outbox.rows[0]?.n),
    };
  } finally {
    await client.end();
  }
}
