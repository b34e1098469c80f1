import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { RadioConfig } from '../config/radio-config.js';
import type { SqlClient } from '../db/sql-client.js';
import type { Reply } from '../pipeline/reply.js';
import { fetchTextBounded, type FetchText } from '../sns/bounded-fetch.js';
import { createCertificateSource } from '../sns/certificate-source.js';
import { createSnsReceiver, type SnsResponse } from '../sns/receive-sns.js';
import { createSnsSubscriptionLog } from '../sns/sns-subscription-log.js';
import { createAlarmButtons, type AlarmButtonLookup } from './alarm-buttons.js';
import { createAlarmOutbox } from './alarm-outbox.js';
import { createAlarmStore, type AlarmEventInput } from './alarm-store.js';
import { createAlarmWorker, type AlarmWorker } from './alarm-worker.js';
import type { CheckedPlaybook } from './check-playbooks.js';
import { syncCard } from './card-sync.js';
import { systemClock, type Clock } from './clock.js';
import { ingestAlarmEvent, type IngestResult } from './ingest-alarm-event.js';
import { parseAlarmMessage } from './parse-alarm-message.js';
import { createRateLimiter, SLACK_CHANNEL_RATE, type RateLimit } from './rate-limiter.js';
import { reconcileAlarms, type AlarmStateSource } from './reconcile-alarms.js';
import { createSlackCardPoster } from '../slack/slack-card-poster.js';

/** What tests and the composition root may replace. */
export interface AlarmCardsOptions {
  /** GETs certificates and `SubscribeURL`s; default: a bounded `fetch`. */
  fetchText?: FetchText;
  clock?: Clock;
  /** Slack calls per channel; default {@link SLACK_CHANNEL_RATE}. */
  rate?: RateLimit;
  /** CloudWatch `DescribeAlarms`, to reconcile cards at start and every `alarms.reconcileEvery`. */
  alarmSource?: AlarmStateSource;
  /** Don't run the outbox worker in the background (tests drain it on their clock). */
  manualWorker?: boolean;
}

/** The database, Slack client, configuration and log the feature runs on (built by `src/main.ts`). */
export interface AlarmCardsDependencies extends AlarmCardsOptions {
  db: SqlClient;
  /** A Web API client with `rejectRateLimitedCalls: true` and no retries: the outbox retries. */
  client: WebClient;
  radio: RadioConfig;
  /** `alarms.playbooks`, checked against the command registry at start (`checkPlaybooks`). */
  playbooks: readonly CheckedPlaybook[];
  log: Logger;
}

/** The running alarm-card feature: the `POST /sns` handler, button lookups, and its worker. */
export interface AlarmCards {
  receiveSns(rawBody: string): Promise<SnsResponse>;
  buttons: AlarmButtonLookup;
  worker: AlarmWorker;
  /** Catches cards up with `alarmSource` now; resolves how many moved (0 without a source). */
  reconcile(): Promise<number>;
  /** Records a transition and queues its card, as SNS notifications are (the on-air watcher's way in). */
  ingest(event: AlarmEventInput): Promise<IngestResult>;
  /** The state of the latest recorded transition of `alarmKey` (what its card shows, or will); `undefined`: none. */
  cardState(alarmKey: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

/**
 * Builds the alarm-card feature over the bot database and a Slack client: SNS verification with
 * `sns.topics` and `sns.pinnedCertificates`, ingestion into `alarm_events`/`alarm_cards`, and the
 * outbox worker (started unless `manualWorker`, and only when `alarms.channel` is set).
 */
export function startAlarmCards(deps: AlarmCardsDependencies): AlarmCards {
  const { db, radio, log } = deps;
  const clock = deps.clock ?? systemClock;
  const store = createAlarmStore(db);
  const outbox = createAlarmOutbox(db);
  const buttons = createAlarmButtons(db);
  const limiter = createRateLimiter(deps.rate ?? SLACK_CHANNEL_RATE, clock);
  const poster = createSlackCardPoster(deps.client);
  const now = () => new Date(clock.now());
  const sync = (alarmKey: string) =>
    syncCard({ store, buttons, poster, limiter, playbooks: deps.playbooks, now }, alarmKey);
  const worker = createAlarmWorker({ outbox, sync, clock, log, coalesceMs: radio.alarms.coalesce });
  const channel = radio.alarms.channel ?? '';
  const ingest = (event: AlarmEventInput) =>
    ingestAlarmEvent(
      {
        store,
        channel,
        suppressInitialOk: radio.alarms.suppressInitialOk,
        coalesceMs: radio.alarms.coalesce,
        now: () => clock.now(),
        queued: () => worker.nudge(),
      },
      event,
    );

  // Subscription notices go straight to Slack, not through the card outbox: one message, rarely, whose
  // failure SNS retries (the receiver answers 5xx); the card client has its own 10 s timeout.
  const announce = async (notice: Reply) => void (await poster.post(channel, notice));
  const receiveSns = snsReceiver(deps, clock, ingest, announce);
  const source = deps.alarmSource;
  const reconcile = async () => (source && channel ? reconcileAlarms({ source, store, ingest, log }) : 0);
  let reconciler: NodeJS.Timeout | undefined;
  if (channel && !deps.manualWorker) {
    worker.start();
    const inBackground = () =>
      void reconcile().catch((error: unknown) =>
        log.warn({ err: error }, 'alarm cards could not be reconciled with DescribeAlarms'),
      );
    inBackground();
    reconciler = setInterval(inBackground, radio.alarms.reconcileEvery).unref();
  }
  return {
    receiveSns,
    buttons,
    worker,
    reconcile,
    ingest,
    cardState: async (alarmKey) => (await store.latest(alarmKey)).transition?.NewStateValue,
    async stop() {
      clearInterval(reconciler);
      await worker.stop();
    },
  };
}

/** `POST /sns`: verified notifications become alarm events; confirmations are recorded (and confirmed). */
function snsReceiver(
  deps: AlarmCardsDependencies,
  clock: Clock,
  ingest: (event: AlarmEventInput) => Promise<IngestResult>,
  announce: (notice: Reply) => Promise<void>,
) {
  const fetchText = deps.fetchText ?? fetchTextBounded;
  return createSnsReceiver({
    topics: deps.radio.sns.topics,
    certificates: createCertificateSource({ pinned: deps.radio.sns.pinnedCertificates, fetchText }),
    fetchText,
    subscriptions: createSnsSubscriptionLog(deps.db),
    announce,
    now: () => clock.now(),
    log: deps.log,
    async onNotification(envelope) {
      const { alarmKey, transition } = parseAlarmMessage(envelope.Message, envelope);
      return ingest({
        messageId: envelope.MessageId,
        alarmKey,
        transition,
        source: 'sns',
        topicArn: envelope.TopicArn,
      });
    },
  });
}
