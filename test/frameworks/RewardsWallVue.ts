/**
 * A Vue 3 component that embeds `<offer-wall>` as an app would, written with a render function so
 * it runs on Vue's runtime-only build (no template compiler in the page). The framework tests
 * mount it; docs/frameworks.md's Vue section shows the same use, and the template form for SFC users.
 *
 * How Vue's runtime-dom hands these to the element: a key the element has as a property
 * (`endpoint`, `country`) is set as a property, others (`user-id`) as attributes; a leading `.`
 * forces a property and `^` an attribute. `onOfferClick` becomes `addEventListener('offer-click')`
 * (the name after `on` is hyphenated), which is what a template's `@offer-click` compiles to.
 */
import { defineComponent, h, ref, type PropType } from 'vue';
import '../../src/offer-wall.js';
import type { WallOffer } from '../../src/data/types.js';
import type { RewardEntry } from '../../src/data/rewards.js';
import type { OfferClickEvent, OfferSupportEvent, OfferWallLoadEvent } from '../../src/events.js';
import type { WallMessages } from '../../src/messages.js';

export const RewardsWall = defineComponent({
  name: 'RewardsWall',
  props: {
    endpoint: { type: String, required: true },
    userId: { type: String, required: true },
    country: { type: String as PropType<string | null>, default: null },
    messages: { type: Object as PropType<Partial<WallMessages>>, default: () => ({}) },
    // The user's rewards: the backend's /rewards and the token the app's server made for this user.
    rewardsEndpoint: { type: String as PropType<string | null>, default: null },
    userToken: { type: String as PropType<string | null>, default: null },
    supportUrl: { type: String as PropType<string | null>, default: null },
  },
  emits: {
    // The app decides where the user goes: the wall's own opening of the link is prevented.
    picked: (_offer: WallOffer, _url: string | null) => true,
    // "Report a problem": the app shows its own help instead of the support page.
    support: (_reward: RewardEntry) => true,
  },
  setup(props, { emit }) {
    const shown = ref<number | null>(null);
    return () =>
      h('section', [
        h('p', { role: 'status' }, shown.value === null ? 'Loading…' : `${shown.value} offers`),
        h('offer-wall', {
          endpoint: props.endpoint,
          format: 's2s',
          'user-id': props.userId,
          'currency-name': 'Coins',
          'currency-rate': '1000',
          country: props.country,
          // `.` makes it a property even if the element is upgraded after Vue first renders it.
          '.messages': props.messages,
          onOfferWallLoad: (event: OfferWallLoadEvent) => (shown.value = event.detail.offers.length),
          onOfferClick: (event: OfferClickEvent) => {
            event.preventDefault();
            emit('picked', event.detail.offer, event.detail.url);
          },
          'rewards-endpoint': props.rewardsEndpoint,
          'user-token': props.userToken,
          'support-url': props.supportUrl,
          onOfferSupport: (event: OfferSupportEvent) => {
            event.preventDefault();
            emit('support', event.detail.reward);
          },
        }),
      ]);
  },
});
