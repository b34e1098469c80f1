-- Long operations (an RDS restore, a resize) followed until done. Rows are claimed under a lease, so
-- after a restart any replica resumes polling, and two replicas never poll the same operation at once.
CREATE TABLE operations (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  approval_id   text REFERENCES approval_requests (id),
  request_id    uuid        NOT NULL,
  kind          text        NOT NULL,
  target        text        NOT NULL,
  channel       text,
  thread_ts     text,
  progress_ts   text,
  status        text        NOT NULL DEFAULT 'polling' CHECK (status IN ('polling', 'done', 'failed', 'gave-up')),
  last_state    text,
  attempts      integer     NOT NULL DEFAULT 0,
  next_poll_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  lease_owner   text,
  lease_until   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at   timestamptz
);
CREATE INDEX operations_due ON operations (next_poll_at) WHERE status = 'polling';
