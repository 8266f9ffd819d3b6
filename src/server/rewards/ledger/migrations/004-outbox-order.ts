/**
 * Migration 4: the webhook's next event found in constant time, whatever the backlog. Claiming the
 * next event (`webhook/store.ts`) walks the undelivered events in order and takes the first whose
 * user has no earlier one undelivered. Before, it sorted the whole backlog and matched users with
 * `IS NOT DISTINCT FROM`, which no index serves: with 3,500 events waiting, one claim took 5 s on
 * PostgreSQL, so a receiver back from a weekend's outage would have waited days. Every event now
 * has a user (the rows of the first release that had none get the empty one, which orders them
 * among themselves as before); the order and each user's events have indexes of their own.
 */
export default `
UPDATE offer_wall_outbox SET user_id = '' WHERE user_id IS NULL;
ALTER TABLE offer_wall_outbox ALTER COLUMN user_id SET DEFAULT '';
ALTER TABLE offer_wall_outbox ALTER COLUMN user_id SET NOT NULL;
DROP INDEX offer_wall_outbox_user;
CREATE INDEX offer_wall_outbox_user ON offer_wall_outbox (user_id, created_at, id) WHERE delivered_at IS NULL AND parked_at IS NULL;
CREATE INDEX offer_wall_outbox_order ON offer_wall_outbox (created_at, id) WHERE delivered_at IS NULL AND parked_at IS NULL;
`;
