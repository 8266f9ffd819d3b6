/**
 * The wall's built-in texts. Kept in one object so a publisher can override any of them through
 * the `messages` property, and so more languages can be added beside English.
 */
export interface WallMessages {
  /** The list's accessible name. */
  listLabel: string;
  loading: string;
  loadingMore: string;
  empty: string;
  errorTitle: string;
  retry: string;
  more: string;
  /** The call to action's visible text. */
  start: string;
  /** The call to action's accessible name, naming the offer and its reward. */
  startLabel: (name: string, reward: string) => string;
  /** The discount beside an appcharge price, `20%` → `20% off`. */
  discount: (percent: string) => string;
  /** The steps list's accessible name. */
  stepsLabel: string;
}

export const EN_MESSAGES: WallMessages = {
  listLabel: 'Offers',
  loading: 'Loading offers…',
  loadingMore: 'Loading more offers…',
  empty: 'No offers are available right now. Please check back later.',
  errorTitle: 'Offers could not be loaded.',
  retry: 'Try again',
  more: 'Load more offers',
  start: 'Start',
  startLabel: (name, reward) => `Start ${name}, reward ${reward}`,
  discount: (percent) => `${percent} off`,
  stepsLabel: 'How to complete',
};
