/** English: the reference texts, and the fallback for every language the wall does not have. */
import type { Texts } from './texts.js';

export const en: Texts = [
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
  'What you get', // whatYouGet
  'Buy {0}, {1}', // buyLabel
  'My rewards', // myRewards
  'Balance', // balance
  'Pending', // pending
  'Credited', // credited
  'Reversed', // reversed
  'Nothing yet: start an offer.', // nothingYet
  'Report a problem', // report
  'Your rewards can’t load right now.', // rewardsError
  'Free', // free
  'Claim', // claim
  'Claim {0}, {1}', // claimLabel
  'Locked', // locked
  '+{0} more', // saleMore
  'Ends in {0} h {1} min', // endsIn
  'Ends in {0} min', // endsSoon
];
