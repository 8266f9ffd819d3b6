/**
 * Migration 1 (release 0.1): clicks, transactions, the webhook outbox, and `offer_wall_apply`, the
 * one function a postback is stored through. Shipped: never edit it, add the next migration.
 */
export default `
CREATE TABLE offer_wall_clicks (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL,
  offer_id text,
  click_id text,
  name text,
  icon text,
  reward numeric,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'credited', 'reversed')),
  amount numeric,
  profile text,
  transaction_id text,
  clicked_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX offer_wall_clicks_click ON offer_wall_clicks (user_id, click_id);
CREATE INDEX offer_wall_clicks_newest ON offer_wall_clicks (user_id, clicked_at DESC, id DESC);
CREATE INDEX offer_wall_clicks_pending ON offer_wall_clicks (user_id, offer_id, clicked_at DESC) WHERE status = 'pending';
CREATE INDEX offer_wall_clicks_transaction ON offer_wall_clicks (profile, transaction_id);

CREATE TABLE offer_wall_transactions (
  profile text NOT NULL,
  transaction_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('credit', 'reversal')),
  user_id text NOT NULL,
  offer_id text,
  click_id text,
  amount numeric NOT NULL,
  params jsonb,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (profile, transaction_id, kind)
);
CREATE INDEX offer_wall_transactions_user ON offer_wall_transactions (user_id);

CREATE TABLE offer_wall_outbox (
  id uuid PRIMARY KEY,
  body jsonb NOT NULL,
  -- The moment of the insert, not of the transaction's start: a reversal that waited for its
  -- credit's lock began first, yet its event must come after the credit's.
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  last_error text
);
CREATE INDEX offer_wall_outbox_due ON offer_wall_outbox (next_attempt_at) WHERE delivered_at IS NULL;

-- One postback, whole or not at all. Returns 'stored', or 'repeat' for one already recorded.
CREATE FUNCTION offer_wall_apply(
  p_profile text, p_transaction text, p_kind text, p_user text, p_offer text, p_click text,
  p_amount numeric, p_params jsonb, p_webhook boolean
) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_click bigint;
  v_credit offer_wall_transactions%ROWTYPE;
  v_reversed boolean;
BEGIN
  -- A credit and a reversal of one transaction, at any instance, one after the other.
  PERFORM pg_advisory_xact_lock(hashtextextended(p_profile || ':' || p_transaction, 0));
  INSERT INTO offer_wall_transactions (profile, transaction_id, kind, user_id, offer_id, click_id, amount, params)
    VALUES (p_profile, p_transaction, p_kind, p_user, p_offer, p_click, p_amount, p_params)
    ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    RETURN 'repeat';
  END IF;

  IF p_kind = 'credit' THEN
    -- A reversal that came first is kept: this credit then adds nothing.
    v_reversed := EXISTS (SELECT 1 FROM offer_wall_transactions
      WHERE profile = p_profile AND transaction_id = p_transaction AND kind = 'reversal');
    -- The click it rewards: the one the network echoes, else the user's latest pending one on the offer.
    IF p_click IS NOT NULL THEN
      SELECT id INTO v_click FROM offer_wall_clicks
        WHERE user_id = p_user AND click_id = p_click AND status = 'pending' FOR UPDATE;
    END IF;
    IF v_click IS NULL AND p_offer IS NOT NULL THEN
      SELECT id INTO v_click FROM offer_wall_clicks
        WHERE user_id = p_user AND offer_id = p_offer AND status = 'pending'
        ORDER BY clicked_at DESC, id DESC LIMIT 1 FOR UPDATE;
    END IF;
    IF v_click IS NULL THEN
      -- A conversion with no click recorded (another device, an older wall) still shows.
      INSERT INTO offer_wall_clicks (user_id, offer_id, status, amount, profile, transaction_id)
        VALUES (p_user, p_offer, CASE WHEN v_reversed THEN 'reversed' ELSE 'credited' END, p_amount, p_profile, p_transaction);
    ELSE
      UPDATE offer_wall_clicks SET status = CASE WHEN v_reversed THEN 'reversed' ELSE 'credited' END,
          amount = p_amount, profile = p_profile, transaction_id = p_transaction, updated_at = now()
        WHERE id = v_click;
    END IF;
    IF p_webhook AND NOT v_reversed THEN
      INSERT INTO offer_wall_outbox (id, body) VALUES (gen_random_uuid(), jsonb_build_object(
        'type', 'credit', 'user_id', p_user, 'amount', p_amount, 'offer_id', p_offer, 'transaction_id', p_transaction));
    END IF;
  ELSE
    -- A reversal takes back what its transaction credited, once (this insert was its first).
    SELECT * INTO v_credit FROM offer_wall_transactions
      WHERE profile = p_profile AND transaction_id = p_transaction AND kind = 'credit';
    IF FOUND THEN
      UPDATE offer_wall_clicks SET status = 'reversed', updated_at = now()
        WHERE profile = p_profile AND transaction_id = p_transaction;
      IF p_webhook THEN
        INSERT INTO offer_wall_outbox (id, body) VALUES (gen_random_uuid(), jsonb_build_object(
          'type', 'reversal', 'user_id', v_credit.user_id, 'amount', v_credit.amount,
          'offer_id', v_credit.offer_id, 'transaction_id', p_transaction));
      END IF;
    END IF;
  END IF;
  RETURN 'stored';
END $$;
`;
