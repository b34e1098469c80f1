-- The on-air watcher (issue 14) records its cards' transitions in alarm_events like CloudWatch's, with
-- source 'on-air'. It runs on one replica at a time under the alarm_worker_lease row 'on-air-watcher'
-- (the table of 003 is a named lease with an expiry, so it needs nothing new).
ALTER TABLE alarm_events DROP CONSTRAINT alarm_events_source_check;
ALTER TABLE alarm_events ADD CONSTRAINT alarm_events_source_check CHECK (source IN ('sns', 'reconcile', 'on-air'));
