/**
 * The networks whose postbacks the ledger reads: one file each in `networks/`, one line each
 * here. A new network is a new file and a new line.
 */
import { adgate } from './networks/adgate.js';
import { adgem } from './networks/adgem.js';
import { ayet } from './networks/ayet.js';
import { bitlabs } from './networks/bitlabs.js';
import { fyber } from './networks/fyber.js';
import { generic } from './networks/generic.js';
import { kiwiwall } from './networks/kiwiwall.js';
import { lootably } from './networks/lootably.js';
import { tapjoy } from './networks/tapjoy.js';
import { torox } from './networks/torox.js';
import type { PostbackProfile } from './profile.js';

export const PROFILES = { generic, ayet, adgem, lootably, tapjoy, fyber, bitlabs, adgate, torox, kiwiwall } as const satisfies Record<string, PostbackProfile>;

export type ProfileName = keyof typeof PROFILES;
export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

export type { PostbackProfile, Reply, Rule, SignatureSpec, SignedMessage } from './profile.js';
export { SECRET, signs, weakness } from './profile.js';
