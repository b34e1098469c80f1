-- CloudWatch alarms as living Slack cards (issue 6). SNS may deliver a notification more than once, out
-- of order and to any replica: alarm_events dedupes on MessageId, alarm_cards keeps the state with the
-- latest StateChangeTime, and alarm_outbox holds the card updates still to send, worked by whichever
-- replica holds the alarm_worker_lease row.

-- One living card per alarm (AlarmArn; `sns:<MessageId>` for a notification of unknown shape).
CREATE TABLE alarm_cards (
  alarm_key         text PRIMARY KEY,
  alarm_name        text        NOT NULL,
  region            text,
  channel_id        text        NOT NULL,
  message_ts        text,
  state             text        NOT NULL,
  state_change_time timestamptz NOT NULL,
  transition        jsonb       NOT NULL,
  version           integer     NOT NULL DEFAULT 1,
  rendered_version  integer     NOT NULL DEFAULT 0,
  last_synced_at    timestamptz,
  last_error        text,
  created_at        timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX alarm_cards_name ON alarm_cards (alarm_name);

-- Every notification received (and every state found by reconciling), once per MessageId.
CREATE TABLE alarm_events (
  message_id        text PRIMARY KEY,
  alarm_key         text        NOT NULL,
  alarm_name        text        NOT NULL,
  old_state         text,
  new_state         text        NOT NULL,
  state_change_time timestamptz NOT NULL,
  reason            text,
  transition        jsonb       NOT NULL,
  source            text        NOT NULL CHECK (source IN ('sns', 'reconcile')),
  topic_arn         text,
  received_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Set once the card and outbox reflect it: a crash before that re-applies on SNS's retry.
  applied_at        timestamptz,
  -- Set once the card or its thread has shown it; card_ts is the card it went to.
  announced_at      timestamptz,
  card_ts           text
);
CREATE INDEX alarm_events_name_time ON alarm_events (alarm_name, state_change_time DESC);
CREATE INDEX alarm_events_unannounced ON alarm_events (alarm_key) WHERE announced_at IS NULL;
CREATE INDEX alarm_events_key_time ON alarm_events (alarm_key, state_change_time DESC);

-- Playbook buttons: a button's value is one of these ids, never the command line itself.
CREATE TABLE alarm_buttons (
  id           text PRIMARY KEY,
  alarm_key    text        NOT NULL,
  label        text        NOT NULL,
  command_line text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (alarm_key, command_line)
);

-- Card updates still to send: one row per alarm (later transitions coalesce into it; `generation`
-- counts them, so finishing a stale generation leaves the row for the next round).
CREATE TABLE alarm_outbox (
  alarm_key  text PRIMARY KEY REFERENCES alarm_cards (alarm_key),
  generation integer     NOT NULL DEFAULT 1,
  due_at     timestamptz NOT NULL,
  attempts   integer     NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX alarm_outbox_due ON alarm_outbox (due_at);

-- The one replica that talks to Slack for alarm cards, so the per-channel rate holds across replicas.
CREATE TABLE alarm_worker_lease (
  name       text PRIMARY KEY,
  owner      text        NOT NULL,
  expires_at timestamptz NOT NULL
);

-- SubscriptionConfirmation and UnsubscribeConfirmation messages, recorded once each.
CREATE TABLE sns_subscription_events (
  message_id   text PRIMARY KEY,
  type         text        NOT NULL CHECK (type IN ('SubscriptionConfirmation', 'UnsubscribeConfirmation')),
  topic_arn    text        NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  confirmed_at timestamptz
);
