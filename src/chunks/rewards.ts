/**
 * The rewards chunk: what the "My rewards" view needs beyond the script-tag file (the list it
 * shows, which draws it, its styles, and its English texts; the other languages' are in theirs).
 * A wall loads it when `rewards-endpoint` and `user-token` are set (see
 * `controllers/rewards-controller.ts`).
 */
import { RewardsList } from '../controllers/rewards-list.js';
import { enView, VIEW_AT } from '../i18n/en-view.js';
import { addEnglish } from '../i18n/index.js';
import type { RewardsView } from '../controllers/rewards-view.js';
import { rewardsStyles } from '../templates/rewards.styles.js';

addEnglish(enView, VIEW_AT);

const view: RewardsView = {
  _list: (rewards) => new RewardsList(rewards),
  _styles: rewardsStyles,
};

export default view;
