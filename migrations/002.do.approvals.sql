-- Two-person approvals: a request row per destructive invocation, one vote row per approver.
-- State changes are conditional UPDATEs under a row lock, so exactly one execution happens
-- however many replicas, clicks or retries race for it.
CREATE TABLE approval_requests (
  id              text PRIMARY KEY,
  request_id      uuid        NOT NULL,
  command         text        NOT NULL,
  args            jsonb       NOT NULL,
  text            text        NOT NULL,
  reason          text,
  plan            jsonb       NOT NULL,
  requester_id    text        NOT NULL,
  requester_name  text,
  source          text        NOT NULL,
  team_id         text,
  channel_id      text,
  message_channel text,
  message_ts      text,
  quorum          integer     NOT NULL CHECK (quorum >= 1),
  status          text        NOT NULL DEFAULT 'pending' CHECK (status IN (
                    'pending', 'running', 'succeeded', 'failed', 'refused',
                    'rejected', 'cancelled', 'expired', 'interrupted')),
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  expires_at      timestamptz NOT NULL,
  decided_at      timestamptz,
  decided_by      text,
  decision_reason text,
  heartbeat_at    timestamptz,
  result          jsonb,
  error           text
);
CREATE INDEX approval_requests_open ON approval_requests (status, expires_at) WHERE status IN ('pending', 'running');

CREATE TABLE approval_votes (
  approval_id text        NOT NULL REFERENCES approval_requests (id),
  user_id     text        NOT NULL,
  at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (approval_id, user_id)
);

-- The audit log names who asked and who approved on every row of an approved execution.
ALTER TABLE audit_events ADD COLUMN requester_id text;
ALTER TABLE audit_events ADD COLUMN approvers text[];
CREATE INDEX audit_events_approval ON audit_events (approval_id) WHERE approval_id IS NOT NULL;
