-- Issue 13, fault 18: a subscription message radio-ops can't act on by itself (a confirmation it could not
-- confirm, an unsubscribe) is announced in the alarms channel once, however often SNS delivers it again.
ALTER TABLE sns_subscription_events ADD COLUMN announced_at timestamptz;
