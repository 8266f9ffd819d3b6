/**
 * The appcharge chunk: the reader of appcharge's offers (`adaptAppchargeOffer`), which a wall
 * loads beside the store chunk as soon as its feed is known to be appcharge's (see
 * `controllers/store-controller.ts`): the two are asked for together, in parallel with the first
 * page, and the offers are read once both are here.
 */
import { adaptAppchargeOffer } from '../data/appcharge-offer.js';

export default adaptAppchargeOffer;
