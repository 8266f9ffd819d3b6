/**
 * The upstream feeds' own examples, as they really arrive: s2s ids as numbers and payouts as
 * strings, an empty icon and tracking link, `offer_type: "app"`; appcharge products wrapped and
 * bare, a scheduled offer whose time frame is long past. The s2s sample in the documentation is
 * cut off after `countries: [`; it is completed here with the fields its table lists.
 * Used by the demo and by the tests.
 */

export const S2S_SEED_OFFER = {
  id: 2957231058,
  icon: '',
  name: 'Plus500: CFD Online Trading on Forex and Stocks',
  conversion_flow:
    '1.Download and open the app\n2.Sign up for the app and try for a loan\n3.Redeem your points! Attention: New Users Only!',
  tracking_link: '',
  payout: '3.60',
  preview_url: '',
  package: 'com.Plus500',
  offer_type: 'app',
  payout_type: 'fixed',
  os: 'android',
  countries: ['US', 'GB'],
  os_version: '',
};

export const S2S_SEED = {
  c: 0,
  d: { p: 1, tot: 28, n: 1, data: [S2S_SEED_OFFER] },
};

export const APPCHARGE_SEED_POPUP = {
  publisherId: '35nb7861ec9924a6b69a0fe59',
  publisherOfferId: 'post-purchase-1',
  name: 'Purchase Reward Offer',
  displayName: 'Purchase Reward Offer',
  description: 'Post purchase offer for VIP players.',
  type: 'PopUp',
  subType: 'PostPurchase',
  active: true,
  segments: [],
  offerUi: {
    offerUiId: '68b41c5aa1c5b1a284737e9b',
    active: true,
    offerUiType: 'PopUp',
    name: 'popup',
    description: 'description',
    backgroundImage:
      'https://media.appcharge.com/media/35nb7861ec9924a6b69a0fe59/2755379465856__fa883338-5790-47c8-a6a0-23cb43db58844',
    externalId: 'popup',
  },
  productsSequence: [
    {
      index: 1,
      products: [
        {
          product: {
            publisherProductId: 'TreasureChest',
            name: 'Treasure Chest',
            type: 'Quantity',
            prefix: '$',
            suffix: 'M',
            priority: 'Main',
            images: [
              { type: 'product', url: 'https://media.appcharge.com/media/35nb7861ec9924a6b69a0fe59/2208472.png' },
              { type: 'productPrefix', url: '' },
            ],
            displayName: 'Treasure Chest',
          },
        },
      ],
    },
  ],
  priority: 1,
  showAfter: 'purchase',
  triggers: [{ type: 'event', eventName: 'purchase', every: 1, rules: [] }],
  createdAt: '2025-09-01T14:16:09.499Z',
  updatedAt: '2025-09-01T14:16:09.499Z',
  offerId: '68b5aaa9b73fceb9ffc26f9b',
};

export const APPCHARGE_SEED_ROLLING = {
  publisherId: '35nb7861ec9924a6b69a0fe59',
  offerId: '726cff96123a8717',
  publisherOfferId: 'rolling-offer-1',
  name: 'My Rolling Offer',
  type: 'RollingOffer',
  active: true,
  displayName: 'My Rolling Offer',
  description: 'This is my rolling offer description.',
  segments: ['New User'],
  offerUi: null,
  productsSequence: [
    {
      index: 1,
      products: [
        {
          publisherProductId: '613',
          name: 'Sword',
          textFontColorHex: '#f60404',
          type: 'Quantity',
          prefix: '$',
          suffix: 'M',
          priority: 'Main',
          images: [
            { type: 'product', url: 'https://media.appcharge.com/media/25cb7861ec8924a6b69a0f59/408472.png' },
            { type: 'productPrefix', url: '' },
          ],
          createdAt: '2024-03-01T10:14:34.142Z',
          updatedAt: '2025-02-05T13:20:50.759Z',
          displayName: 'Sword',
          productId: '25e1aa8a7ef37e0d94b16fdf',
        },
      ],
      priceInUsdCents: 5000,
    },
    {
      index: 2,
      products: [
        {
          product: {
            publisherProductId: '614',
            name: 'Boost',
            textFontColorHex: '#bfc6e8',
            type: 'Quantity',
            prefix: '+',
            suffix: '🎉',
            priority: 'Sub',
            images: [
              {
                type: 'product',
                url: 'https://media.appcharge.com/media/25cb7861ec8924a6b69a0f59/1730204644395__99c7d8e4-4658-49db-ac4f-501ab93fee9a',
              },
              { type: 'productPrefix', url: '' },
            ],
            displayName: 'Boost',
            createdAt: '2024-10-29T12:24:23.083Z',
            updatedAt: '2025-01-16T09:38:15.446Z',
            productId: '6720d3f7aaca102ce5fb0ce2',
          },
        },
      ],
      priceInUsdCents: 3000,
    },
  ],
  priority: 1,
  schedule: {
    permanent: false,
    timeFrames: [
      {
        startTime: '2025-06-22T12:05:00.000Z',
        endTime: '2025-06-22T12:10:00.000Z',
        notes: '',
        id: '68078610fb23b166fb160469',
      },
    ],
  },
  productSale: { type: 'percentage', sale: 100 },
  priceDiscount: { type: 'percentage', discount: 20 },
  createdAt: '2025-04-06T10:00:44.528Z',
  updatedAt: '2025-04-06T10:00:44.528Z',
};

export const APPCHARGE_SEED = {
  totalCount: 2,
  offers: [APPCHARGE_SEED_POPUP, APPCHARGE_SEED_ROLLING],
};
