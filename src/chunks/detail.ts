/**
 * The detail chunk: an offer's detail dialog (its template and styles; an appcharge offer's
 * content is the store's, in the same dialog styles). Nothing on a wall's first screen needs it:
 * a wall asks for it when the user is on the way to a card (a pointer over the list, the focus in
 * it) or opens one, and waits for it before it shows the dialog (see
 * `controllers/detail-controller.ts`).
 */
import { renderDetail, type DetailLooks } from '../templates/detail.js';
import { detailStyles } from '../templates/detail.styles.js';

const looks: DetailLooks = {
  _render: renderDetail,
  _styles: detailStyles,
};

export default looks;
