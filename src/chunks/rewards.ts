/**
 * The rewards chunk: what the "My rewards" view needs beyond the script-tag file (the list it
 * shows, which draws it, and its styles; the texts are the languages'). A wall loads it when
 * `rewards-endpoint` and `user-token` are set (see `controllers/rewards-controller.ts`).
 */
import { RewardsList } from '../controllers/rewards-list.js';
import type { RewardsView } from '../controllers/rewards-view.js';
import { rewardsStyles } from '../templates/rewards.styles.js';

const view: RewardsView = {
  _list: (rewards) => new RewardsList(rewards),
  _styles: rewardsStyles,
};

export default view;
