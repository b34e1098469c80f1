-- Runbook runs: a sequence of steps (command lines, waits, manual confirmations) run in order under a lease.
-- After a restart any replica resumes a run at the step that was running; a command step found `running`
-- without a live lease has an unknown outcome and is never re-run on its own (a person decides).
CREATE TABLE runbook_runs (
  id            text        PRIMARY KEY,
  request_id    uuid        NOT NULL UNIQUE,
  approval_id   text,
  runbook       text        NOT NULL,
  args          jsonb       NOT NULL,
  text          text        NOT NULL,
  requester_id  text        NOT NULL,
  requester_name text,
  source        text        NOT NULL,
  team_id       text,
  channel_id    text,
  status        text        NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'waiting', 'stopped', 'succeeded', 'aborted')),
  current_step  integer     NOT NULL DEFAULT 0,
  message_channel text,
  message_ts    text,
  next_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  lease_owner   text,
  lease_until   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at   timestamptz
);
CREATE INDEX runbook_runs_due ON runbook_runs (next_at) WHERE status = 'running';

CREATE TABLE runbook_steps (
  run_id        text        NOT NULL REFERENCES runbook_runs (id),
  position      integer     NOT NULL,
  kind          text        NOT NULL CHECK (kind IN ('command', 'wait', 'manual')),
  -- The step as run: the command line (arguments substituted), the wait's condition, or the manual text.
  line          text        NOT NULL,
  words         jsonb,
  own_approval  boolean     NOT NULL DEFAULT false,
  -- Wait steps: how often the condition is polled and when it is given up on (milliseconds).
  every_ms      integer,
  timeout_ms    integer,
  status        text        NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'running', 'waiting', 'waiting-person', 'waiting-approval',
                                  'succeeded', 'failed', 'unknown', 'skipped')),
  request_id    uuid,
  approval_id   text,
  deadline_at   timestamptz,
  last_state    text,
  result        text,
  error         text,
  decided_by    text,
  started_at    timestamptz,
  finished_at   timestamptz,
  PRIMARY KEY (run_id, position)
);
