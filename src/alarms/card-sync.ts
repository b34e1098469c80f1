import { codeSpan, rich, text, type Reply } from '../pipeline/reply.js';
import { alarmCard, stateTone, utc } from './alarm-card.js';
import type { AlarmButtons } from './alarm-buttons.js';
import type { AlarmStore, CardRow, PendingEvent } from './alarm-store.js';
import type { CheckedPlaybook } from './check-playbooks.js';
import { playbookButtons } from './playbook.js';
import type { RateLimiter } from './rate-limiter.js';
import { CardCallError, type CardPoster } from './card-poster.js';

/** What {@link syncCard} works with; `now` is the worker's clock. */
export interface CardSyncDependencies {
  store: AlarmStore;
  buttons: AlarmButtons;
  poster: CardPoster;
  /** Taken once before every Slack call, keyed by channel. */
  limiter: RateLimiter;
  /** Checked against the registry at start (`checkPlaybooks`). */
  playbooks: readonly CheckedPlaybook[];
  now: () => Date;
}

/** Transitions listed in one thread reply at most; the rest are counted. */
const MAX_LISTED = 10;

/**
 * Brings one alarm's card up to date: posts it the first time, else `chat.update`s it when its state
 * moved (re-posting a card someone deleted), then adds one short thread reply listing the transitions
 * not yet shown. That reply is also sent to the channel (`reply_broadcast`) when it lists a re-fire
 * (see {@link refiredSinceShown}): Slack notifies nobody of an edit, so the card alone would go unseen.
 * Each step is recorded as it succeeds, so a retry repeats only what is left.
 *
 * @throws CardCallError from Slack (rate limited, not in channel, other).
 * Sources: https://api.slack.com/methods/chat.update, https://api.slack.com/methods/chat.postMessage
 * (`thread_ts`, `reply_broadcast`), https://api.slack.com/messaging/retrieving#threads
 */
export async function syncCard(deps: CardSyncDependencies, alarmKey: string): Promise<void> {
  const card = await deps.store.getCard(alarmKey);
  if (!card) return;
  const pending = await deps.store.pendingEvents(alarmKey);
  const existed = card.message_ts !== null;
  let ts = card.message_ts;
  let posted = false;
  if (!ts || card.rendered_version < card.version) {
    ({ ts, posted } = await putCard(deps, card, await cardReply(deps, card)));
    await deps.store.markRendered(alarmKey, card.version, ts, deps.now());
  }
  // The card itself announces its first transition; a thread reply lists the others.
  const listed = existed ? pending : pending.length > 1 ? pending : [];
  if (listed.length > 0) {
    const reply = threadReply(card, listed);
    const threadTs = ts;
    const reply_broadcast = !posted && (await refiredSinceShown(deps.store, alarmKey, listed));
    await slackCall(deps, card.channel_id, () =>
      deps.poster.post(card.channel_id, reply, threadTs, { reply_broadcast }),
    );
  }
  await deps.store.markAnnounced(
    pending.map((event) => event.message_id),
    ts,
    deps.now(),
  );
  await deps.store.markSynced(alarmKey, deps.now());
}

async function cardReply(deps: CardSyncDependencies, card: CardRow): Promise<Reply> {
  const t = card.transition;
  if (t.NewStateValue === 'OK') {
    const start = await deps.store.alarmEpisodeStart(card.alarm_key, card.state_change_time);
    return alarmCard({
      transition: t,
      buttons: [],
      resolvedAfterMs: start && card.state_change_time.getTime() - start.getTime(),
    });
  }
  const offered = playbookButtons(deps.playbooks, t);
  return alarmCard({
    transition: t,
    buttons: await deps.buttons.store(card.alarm_key, offered.buttons),
    withheld: offered.withheld,
  });
}

/**
 * Whether `listed` holds a new incident (a move into ALARM from anything else) later than every
 * transition already shown: the channel must hear of it. Not for the card's first transitions (its
 * post notified), nor for late news older than what the card shows; decided from the stored events
 * alone, so a retry after a failed reply decides the same.
 */
async function refiredSinceShown(store: AlarmStore, alarmKey: string, listed: readonly PendingEvent[]) {
  const fired = listed.filter((event) => event.new_state === 'ALARM' && event.old_state !== 'ALARM');
  if (fired.length === 0) return false;
  const shownUntil = await store.lastAnnouncedAt(alarmKey);
  return shownUntil !== undefined && fired.some((event) => event.state_change_time > shownUntil);
}

/** Edits the card in place, or posts it (first time, or deleted); `posted` when a new message went out. */
async function putCard(
  deps: CardSyncDependencies,
  card: CardRow,
  body: Reply,
): Promise<{ ts: string; posted: boolean }> {
  const { channel_id: channel, message_ts: ts } = card;
  if (ts) {
    try {
      await slackCall(deps, channel, () => deps.poster.update(channel, ts, body));
      return { ts, posted: false };
    } catch (error) {
      if (!(error instanceof CardCallError && error.problem === 'message_not_found')) throw error;
    }
  }
  return { ts: await slackCall(deps, channel, () => deps.poster.post(channel, body)), posted: true };
}

/** One Slack call behind the channel's rate limit; a 429 pauses the channel for its Retry-After. */
async function slackCall<T>(deps: CardSyncDependencies, channel: string, call: () => Promise<T>): Promise<T> {
  await deps.limiter.take(channel);
  try {
    return await call();
  } catch (error) {
    if (error instanceof CardCallError && error.problem === 'rate_limited')
      deps.limiter.pause(channel, error.retryAfterMs ?? 1000);
    throw error;
  }
}

/**
 * One line per transition, oldest first, each in its new state's tone, and where the card stands when
 * they are not the latest. Pure.
 */
export function threadReply(card: CardRow, events: readonly PendingEvent[]): Reply {
  const lines = events
    .slice(-MAX_LISTED)
    .map((event) =>
      text(
        `${event.old_state ?? '?'} → ${event.new_state} at ${utc(event.state_change_time.toISOString())}`,
        stateTone(event.new_state),
      ),
    );
  if (events.length > MAX_LISTED)
    lines.unshift(
      text(rich`… ${events.length - MAX_LISTED} earlier transition(s); ${codeSpan('alarms history')} lists them all.`),
    );
  const last = events.at(-1);
  if (last && last.state_change_time < card.state_change_time) {
    lines.push(
      text(`Now ${card.state} since ${utc(card.state_change_time.toISOString())} (the card shows the latest state).`),
    );
  }
  const summary = `${card.transition.AlarmName}: ${last ? `${last.old_state ?? '?'} → ${last.new_state}` : card.state}`;
  return { summary, visibility: 'in_channel', parts: lines };
}
