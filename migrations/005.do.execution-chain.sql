-- One execution function: follow-up writes and the steps of a run are executions of their own, linked
-- to the execution they follow by parent_request_id (the approval's chain stays under approval_id).
ALTER TABLE audit_events ADD COLUMN parent_request_id uuid;
CREATE INDEX audit_events_parent ON audit_events (parent_request_id) WHERE parent_request_id IS NOT NULL;

-- Who a followed operation acts for, so its follow-up writes and its completion are audited under
-- the same person, source and command as the execution that started it.
ALTER TABLE operations
  ADD COLUMN user_id text,
  ADD COLUMN source  text,
  ADD COLUMN command text,
  ADD COLUMN text    text;

-- A write cut off at its deadline may have happened anyway: its outcome is `unknown`, and people are told
-- to check before retrying.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_outcome_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_outcome_check CHECK (outcome IN (
  'started', 'succeeded', 'failed', 'denied', 'invalid', 'unknown',
  'requested', 'approved', 'rejected', 'cancelled', 'expired', 'interrupted'));
