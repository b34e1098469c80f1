-- Issue 13, fault 17: a request made by pressing a button on an alarm card remembers that button (`origin`,
-- the stored button id). While it is pending, pressing the button again points to it instead of making
-- another: the lookup is by this column, so it holds across restarts and replicas, and the partial unique
-- index makes two presses at the same moment store one request.
ALTER TABLE approval_requests ADD COLUMN origin text;
CREATE UNIQUE INDEX approval_requests_pending_origin ON approval_requests (origin) WHERE status = 'pending';
