/** English: the reference texts, and the fallback for every language the wall does not have. */
import type { MainTexts } from './texts.js';

export const en: MainTexts = [
  'Offers', // listLabel
  'Loading…', // loading
  'No offers are available right now. Please check back later.', // empty
  'Offers can’t load right now.', // errorTitle
  'Try again', // retry
  'Show more', // more
  'Start', // start
  'Start {0}, reward {1}', // startLabel
  '{0} off', // discount
  'How to complete', // stepsLabel
  'Offer type', // filterLabel
  'Sort by', // sortLabel
  'Recommended', // sortFeed
  'Highest reward', // sortReward
  'Lowest price', // sortPrice
  'Search offers', // searchLabel
  'one {# offer} other {# offers}', // results
  'No offers match your filters.', // noMatches
  'Clear filters', // clearFilters
  'Close', // close
  'Platform', // platform
  'Countries', // countries
  'View in store', // preview
  'All', // all
  'Apps', // typeApps
  'Tasks', // typeTasks
  'Sign-ups', // typeSignups
  'Bundles', // typeBundles
  'Special offers', // typeDeals
  'Check your connection.', // errorOffline
  'Started', // started
  'one {# step} other {# steps}', // steps
  'My rewards', // myRewards
  'Pending', // pending
];
