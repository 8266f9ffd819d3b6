/**
 * The rewards endpoint's wire shapes, declared once: the reference backend writes and reads them
 * (`src/server/rewards/`), the wall reads and writes them (`rewards.ts`), and a change to a name
 * here fails to compile on both sides at once. Types only: nothing of it reaches the bundle.
 */

export type RewardStatus = 'pending' | 'credited' | 'reversed';

/** What the ledger also lists: a manual adjustment, and a tap left pending over 30 days. */
export type LedgerStatus = RewardStatus | 'adjusted' | 'expired';

/** One of a user's rewards, as `GET /rewards` lists it. */
export interface RewardEntryJson {
  id: string;
  status: LedgerStatus;
  offer_id: string | null;
  name: string | null;
  icon: string | null;
  /** What was credited (or taken back), else the reward shown at the click; null when neither. */
  amount: number | null;
  click_id: string | null;
  /** The network's goal (event, task) of a multi-goal offer that this entry rewards, or null. */
  goal: string | null;
  /** That goal's name, when the network gives one. */
  goal_name: string | null;
  /** ISO 8601. */
  clicked_at: string;
  updated_at: string;
}

/** `GET /rewards`: a page of the user's rewards, newest first. */
export interface RewardsPageJson {
  balance: number;
  entries: RewardEntryJson[];
  /** The cursor of the next page (`?cursor=`), or null. */
  next: string | null;
}

/** `POST /rewards`: the click the wall records when the user opens an offer. */
export interface ClickJson {
  offer_id: string;
  click_id: string | null;
  name: string | null;
  icon: string | null;
  /** The reward shown, in the publisher's currency; null when the offer's reward is a price. */
  reward: number | null;
}
