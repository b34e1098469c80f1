-- The append-only audit log: every request, refusal, approval and result is a row; nothing is ever changed.
CREATE TABLE audit_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  request_id  uuid        NOT NULL,
  approval_id text,
  source      text        NOT NULL CHECK (source IN ('slack', 'shell', 'button', 'alarm')),
  team_id     text,
  channel_id  text,
  user_id     text        NOT NULL,
  user_name   text,
  text        text        NOT NULL,
  command     text,
  args        jsonb,
  risk        text CHECK (risk IN ('read', 'write', 'destructive')),
  outcome     text        NOT NULL CHECK (outcome IN (
                'started', 'succeeded', 'failed', 'denied', 'invalid',
                'requested', 'approved', 'rejected', 'cancelled', 'expired', 'interrupted')),
  reason      text,
  error       text,
  duration_ms integer CHECK (duration_ms >= 0)
);

CREATE INDEX audit_events_at ON audit_events (at DESC);
CREATE INDEX audit_events_user_at ON audit_events (user_id, at DESC);
CREATE INDEX audit_events_command_at ON audit_events (command text_pattern_ops, at DESC);
CREATE INDEX audit_events_request ON audit_events (request_id);

CREATE FUNCTION audit_events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_reject_change();

CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_reject_change();
