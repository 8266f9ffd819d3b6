/**
 * Migration 3: what running the ledger needs.
 * - Goals: a multi-goal offer credits once per goal; the key becomes (profile, transaction id,
 *   goal, kind), existing rows keeping goal '' (none). Entries carry the goal and its name.
 * - Adjustments: a manual credit or debit, its own entry (status 'adjusted', the reason kept),
 *   counted in the balance. Pending clicks can expire.
 * - The audit trail: every postback received, with its verdict and reason.
 * - The outbox: events keyed by user (delivered in order), claimed one at a time with a lease that
 *   outlives an attempt, parked after giving up.
 * `offer_wall_apply` now takes the goal and the sender's address and records the postback in the
 * audit trail in the same transaction.
 */
export default `
ALTER TABLE offer_wall_transactions ADD COLUMN goal text NOT NULL DEFAULT '';
ALTER TABLE offer_wall_transactions ADD COLUMN goal_name text;
ALTER TABLE offer_wall_transactions ADD COLUMN reason text;
ALTER TABLE offer_wall_transactions DROP CONSTRAINT offer_wall_transactions_pkey;
ALTER TABLE offer_wall_transactions ADD CONSTRAINT offer_wall_transactions_pkey PRIMARY KEY (profile, transaction_id, goal, kind);
ALTER TABLE offer_wall_transactions DROP CONSTRAINT offer_wall_transactions_kind_check;
ALTER TABLE offer_wall_transactions ADD CONSTRAINT offer_wall_transactions_kind_check CHECK (kind IN ('credit', 'reversal', 'adjustment'));
ALTER TABLE offer_wall_transactions DROP CONSTRAINT offer_wall_transactions_amount_positive;
ALTER TABLE offer_wall_transactions ADD CONSTRAINT offer_wall_transactions_amount_positive CHECK (kind = 'adjustment' OR amount > 0) NOT VALID;
CREATE INDEX offer_wall_transactions_user_kind ON offer_wall_transactions (user_id, kind);

ALTER TABLE offer_wall_clicks ADD COLUMN goal text;
ALTER TABLE offer_wall_clicks ADD COLUMN goal_name text;
ALTER TABLE offer_wall_clicks ADD COLUMN reason text;
ALTER TABLE offer_wall_clicks DROP CONSTRAINT offer_wall_clicks_status_check;
ALTER TABLE offer_wall_clicks ADD CONSTRAINT offer_wall_clicks_status_check CHECK (status IN ('pending', 'credited', 'reversed', 'adjusted', 'expired'));
DROP INDEX offer_wall_clicks_transaction;
CREATE INDEX offer_wall_clicks_transaction ON offer_wall_clicks (profile, transaction_id, goal);
DROP INDEX offer_wall_clicks_pending;
CREATE INDEX offer_wall_clicks_pending ON offer_wall_clicks (user_id, offer_id, clicked_at DESC) WHERE status IN ('pending', 'expired');
CREATE INDEX offer_wall_clicks_expiring ON offer_wall_clicks (clicked_at) WHERE status = 'pending';

CREATE TABLE offer_wall_postbacks (
  id bigserial PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  profile text NOT NULL,
  verdict text NOT NULL CHECK (verdict IN ('credited', 'repeat', 'reversed', 'refused', 'ignored', 'adjusted')),
  reason text,
  transaction_id text,
  goal text,
  user_id text,
  amount text,
  address text,
  params jsonb
);
CREATE INDEX offer_wall_postbacks_received ON offer_wall_postbacks (received_at);
CREATE INDEX offer_wall_postbacks_user ON offer_wall_postbacks (user_id, received_at);

ALTER TABLE offer_wall_outbox ADD COLUMN user_id text;
ALTER TABLE offer_wall_outbox ADD COLUMN claim uuid;
ALTER TABLE offer_wall_outbox ADD COLUMN claimed_until timestamptz;
ALTER TABLE offer_wall_outbox ADD COLUMN parked_at timestamptz;
ALTER TABLE offer_wall_outbox ADD COLUMN resent_at timestamptz;
UPDATE offer_wall_outbox SET user_id = body->>'user_id';
DROP INDEX offer_wall_outbox_due;
CREATE INDEX offer_wall_outbox_due ON offer_wall_outbox (next_attempt_at) WHERE delivered_at IS NULL AND parked_at IS NULL;
CREATE INDEX offer_wall_outbox_user ON offer_wall_outbox (user_id, created_at) WHERE delivered_at IS NULL;

DROP FUNCTION offer_wall_apply(text, text, text, text, text, text, numeric, jsonb, boolean);

-- One postback, whole or not at all, with its line in the audit trail. Returns 'stored', 'repeat',
-- or 'conflict' for one naming another user than its transaction's.
CREATE FUNCTION offer_wall_apply(
  p_profile text, p_transaction text, p_goal text, p_goal_name text, p_kind text, p_user text, p_offer text,
  p_click text, p_amount numeric, p_params jsonb, p_webhook boolean, p_address text
) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_click bigint;
  v_owner text;
  v_credit offer_wall_transactions%ROWTYPE;
  v_reversed boolean;
  v_verdict text;
BEGIN
  -- A credit and a reversal of one transaction, at any instance, one after the other.
  PERFORM pg_advisory_xact_lock(hashtextextended(p_profile || ':' || p_transaction, 0));
  SELECT user_id INTO v_owner FROM offer_wall_transactions
    WHERE profile = p_profile AND transaction_id = p_transaction LIMIT 1;
  IF FOUND AND v_owner <> p_user THEN
    INSERT INTO offer_wall_postbacks (profile, verdict, reason, transaction_id, goal, user_id, amount, address, params)
      VALUES (p_profile, 'refused', 'user mismatch', p_transaction, NULLIF(p_goal, ''), p_user, p_amount::text, p_address, p_params);
    RETURN 'conflict';
  END IF;
  INSERT INTO offer_wall_transactions (profile, transaction_id, goal, goal_name, kind, user_id, offer_id, click_id, amount, params)
    VALUES (p_profile, p_transaction, p_goal, p_goal_name, p_kind, p_user, p_offer, p_click, p_amount, p_params)
    ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    INSERT INTO offer_wall_postbacks (profile, verdict, transaction_id, goal, user_id, amount, address, params)
      VALUES (p_profile, 'repeat', p_transaction, NULLIF(p_goal, ''), p_user, p_amount::text, p_address, p_params);
    RETURN 'repeat';
  END IF;

  IF p_kind = 'credit' THEN
    -- A reversal of this goal that came first (for this same user) is kept: this credit then adds nothing.
    v_reversed := EXISTS (SELECT 1 FROM offer_wall_transactions
      WHERE profile = p_profile AND transaction_id = p_transaction AND goal = p_goal AND kind = 'reversal');
    -- The click it rewards: the one the network echoes, else the user's latest waiting one on the offer.
    IF p_click IS NOT NULL THEN
      SELECT id INTO v_click FROM offer_wall_clicks
        WHERE user_id = p_user AND click_id = p_click AND status IN ('pending', 'expired') FOR UPDATE;
    END IF;
    IF v_click IS NULL AND p_offer IS NOT NULL THEN
      SELECT id INTO v_click FROM offer_wall_clicks
        WHERE user_id = p_user AND offer_id = p_offer AND status IN ('pending', 'expired')
        ORDER BY clicked_at DESC, id DESC LIMIT 1 FOR UPDATE;
    END IF;
    IF v_click IS NULL THEN
      -- A conversion with no click waiting (another device, an older wall, a further goal) still shows.
      INSERT INTO offer_wall_clicks (user_id, offer_id, status, amount, profile, transaction_id, goal, goal_name)
        VALUES (p_user, p_offer, CASE WHEN v_reversed THEN 'reversed' ELSE 'credited' END, p_amount, p_profile, p_transaction,
                NULLIF(p_goal, ''), p_goal_name);
    ELSE
      UPDATE offer_wall_clicks SET status = CASE WHEN v_reversed THEN 'reversed' ELSE 'credited' END,
          amount = p_amount, profile = p_profile, transaction_id = p_transaction, goal = NULLIF(p_goal, ''),
          goal_name = p_goal_name, updated_at = now()
        WHERE id = v_click;
    END IF;
    IF p_webhook AND NOT v_reversed THEN
      INSERT INTO offer_wall_outbox (id, user_id, body) VALUES (gen_random_uuid(), p_user, jsonb_build_object(
        'type', 'credit', 'user_id', p_user, 'amount', p_amount, 'offer_id', p_offer, 'transaction_id', p_transaction,
        'goal', NULLIF(p_goal, '')));
    END IF;
    v_verdict := CASE WHEN v_reversed THEN 'reversed' ELSE 'credited' END;
  ELSE
    -- A reversal takes back what its transaction's goal credited, once (this insert was its first).
    SELECT * INTO v_credit FROM offer_wall_transactions
      WHERE profile = p_profile AND transaction_id = p_transaction AND goal = p_goal AND kind = 'credit';
    IF FOUND THEN
      UPDATE offer_wall_clicks SET status = 'reversed', updated_at = now()
        WHERE profile = p_profile AND transaction_id = p_transaction AND COALESCE(goal, '') = p_goal;
      IF p_webhook THEN
        INSERT INTO offer_wall_outbox (id, user_id, body) VALUES (gen_random_uuid(), v_credit.user_id, jsonb_build_object(
          'type', 'reversal', 'user_id', v_credit.user_id, 'amount', v_credit.amount,
          'offer_id', v_credit.offer_id, 'transaction_id', p_transaction, 'goal', NULLIF(p_goal, '')));
      END IF;
    END IF;
    v_verdict := 'reversed';
  END IF;
  INSERT INTO offer_wall_postbacks (profile, verdict, transaction_id, goal, user_id, amount, address, params)
    VALUES (p_profile, v_verdict, p_transaction, NULLIF(p_goal, ''), p_user, p_amount::text, p_address, p_params);
  RETURN 'stored';
END $$;

-- A manual credit (a positive amount) or debit (a negative one), as its own entry, counted in the
-- balance, with the reason kept. Returns the entry's id.
CREATE FUNCTION offer_wall_adjust(p_user text, p_amount numeric, p_reason text, p_webhook boolean) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_transaction text := gen_random_uuid()::text;
  v_entry bigint;
BEGIN
  INSERT INTO offer_wall_transactions (profile, transaction_id, goal, kind, user_id, amount, reason)
    VALUES ('adjustment', v_transaction, '', 'adjustment', p_user, p_amount, p_reason);
  INSERT INTO offer_wall_clicks (user_id, status, amount, profile, transaction_id, reason)
    VALUES (p_user, 'adjusted', p_amount, 'adjustment', v_transaction, p_reason)
    RETURNING id INTO v_entry;
  IF p_webhook THEN
    INSERT INTO offer_wall_outbox (id, user_id, body) VALUES (gen_random_uuid(), p_user, jsonb_build_object(
      'type', 'adjustment', 'user_id', p_user, 'amount', p_amount, 'offer_id', NULL, 'transaction_id', v_transaction,
      'reason', p_reason));
  END IF;
  INSERT INTO offer_wall_postbacks (profile, verdict, reason, transaction_id, user_id, amount)
    VALUES ('adjustment', 'adjusted', p_reason, v_transaction, p_user, p_amount::text);
  RETURN v_entry;
END $$;
`;
