-- Issue 14: a cooldown per action (`skip:rap`), shared by every replica: two people pressing `skip` on the same
-- alarm card skip one track, not two. A claim is one conditional upsert (src/station/cooldowns.ts).
CREATE TABLE cooldowns (
  key text PRIMARY KEY,
  until timestamptz NOT NULL
);
