import { z } from 'zod';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { fields, messageInline, note, text } from '../pipeline/reply.js';
import { mountOf } from '../station/channel-on-air.js';
import { pollUntil } from '../station/poll-until.js';
import { ChannelArgument, onAirMount, requireIcecastAdmin, seconds } from './station-write-parts.js';

/** What the plan saw (stored as JSON with an approval: times as ISO strings). */
interface KillState {
  slug: string;
  mount: string;
  /** `stream_start` of the source to kill (ISO 8601); absent when Icecast did not give it. */
  streamStart?: string;
  listeners: number;
}

/** What `kill-source` did: the source killed, and whether the mount came back with a new source. */
export interface KillSourceResult {
  slug: string;
  mount: string;
  killedStreamStart?: string;
  listenersDropped: number;
  /** `stream_start` of the source connected when the wait ended, if a new one came. */
  newStreamStart?: string;
  back: boolean;
  waitedMs: number;
}

/** How long the run waits for the source to reconnect (Liquidsoap 2.1.3 retries after 3 s by default). */
const BACK_WITHIN = { withinMs: 15_000, everyMs: 500 } as const;

/**
 * `kill-source <channel>`: Icecast disconnects the source of the channel's mount (`/admin/killsource`). Its
 * listeners are dropped unless the mount has a fallback; Liquidsoap reconnects within seconds, so in practice
 * this restarts the mount. Destructive: a second person approves. Just before it runs, a changed `stream_start`
 * means the mount already restarted since the request, and nothing is killed. The run reads the listeners the
 * kill drops (the request's count may be stale), kills, then polls (15 s at most)
 * until the mount is back with a new `stream_start`. Source: https://icecast.org/docs/icecast-2.4.0/admin-interface.html
 */
export const killSourceCommand = defineCommand({
  name: 'kill-source',
  usage: 'kill-source <channel>',
  summary: "Restart a channel's mount by dropping its Icecast source (needs approval)",
  examples: ['kill-source rap --reason "stuck encoder"'],
  positional: ['channel'],
  flags: {},
  needs: ['icecast', 'channels'],
  args: z.object({ channel: ChannelArgument }),
  risk: () => 'destructive',
  async plan({ args, integrations, signal }): Promise<Plan<KillState>> {
    requireIcecastAdmin(integrations.icecast, 'kill a source');
    const { channel, mount, stats } = await onAirMount(args.channel, integrations, 'nothing to kill', signal);
    const streamStart = mount.streamStart?.toISOString();
    return {
      current: [
        ['Mount', mount.mount],
        ['stream_start', streamStart ?? '-'],
        ['listeners', String(mount.listeners)],
      ],
      calls: [
        {
          service: 'Icecast',
          operation: `${stats.api === '2.5' ? 'POST' : 'GET'} /admin/killsource`,
          input: { mount: mount.mount },
        },
      ],
      warnings: [
        `Icecast drops the source of \`${mount.mount}\` and its ${mount.listeners} listener(s), unless the mount has a fallback. Liquidsoap reconnects within seconds, so in practice this restarts the mount; listeners' players must reconnect.`,
      ],
      state: {
        slug: channel.slug,
        mount: mount.mount,
        listeners: mount.listeners,
        ...(streamStart ? { streamStart } : {}),
      },
    };
  },
  recheck(then, now) {
    const [before, current] = [then.state as KillState, now.state as KillState];
    if (before.streamStart === current.streamStart) return undefined;
    return `\`${before.mount}\` restarted since the request (stream_start ${before.streamStart ?? '-'}, now ${current.streamStart ?? '-'}): its source already reconnected, so it was not killed again.`;
  },
  async run({ integrations, plan, signal }): Promise<KillSourceResult> {
    const state = plan?.state as KillState;
    // The plan is the request's (maybe minutes old): count the listeners the kill actually drops.
    const atKill = mountOf(await integrations.icecast.stats(signal), state);
    await integrations.icecast.killSource(state.mount, signal);
    const back = await pollUntil(
      async () => mountOf(await integrations.icecast.stats(signal), state)?.streamStart?.toISOString(),
      (start) => start !== undefined && start !== state.streamStart,
      { ...BACK_WITHIN, signal },
    );
    return {
      slug: state.slug,
      mount: state.mount,
      ...(state.streamStart ? { killedStreamStart: state.streamStart } : {}),
      listenersDropped: atKill?.listeners ?? state.listeners,
      ...(back.met && back.value ? { newStreamStart: back.value } : {}),
      back: back.met,
      waitedMs: back.waitedMs,
    };
  },
  present(result) {
    const facts = fields(
      ['Mount', result.mount],
      ['Killed source stream_start', result.killedStreamStart ?? '-'],
      ['Listeners dropped', String(result.listenersDropped)],
    );
    if (result.back)
      return {
        summary: `Killed the source of ${result.mount}; back on air: new stream_start ${result.newStreamStart ?? '-'}`,
        visibility: 'in_channel',
        parts: [
          text(
            `Killed the source of ${result.mount}; back on air: new stream_start ${result.newStreamStart ?? '-'} (the source reconnected within ${seconds(result.waitedMs)}).`,
            'success',
          ),
          facts,
        ],
      };
    return {
      summary: `Killed the source of ${result.mount}; not back on air after ${seconds(result.waitedMs)}`,
      visibility: 'in_channel',
      parts: [
        text(`Killed the source of ${result.mount}; it is not back on air after ${seconds(result.waitedMs)}.`, 'error'),
        facts,
        note(
          messageInline(
            'Liquidsoap reconnects by itself unless it is down or refused: `status` and `liquidsoap` show where it stands.',
          ),
        ),
      ],
    };
  },
});
