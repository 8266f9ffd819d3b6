/**
 * The offer detail's lifecycle: which offer it shows, loading the detail chunk that draws it
 * (`chunks/detail.ts`: the template and styles of `templates/detail*.ts`), opening the native
 * `<dialog>` as a modal once it is rendered, closing it (close button, Escape, a click outside)
 * and giving the focus back to the card it was opened from.
 *
 * The chunk is asked for when the user is on the way to a card (`_load`, on a pointer over the
 * list or the focus in it), so that it is usually here by the time they open one; opened before
 * it is, the detail shows as soon as it arrives. A chunk that cannot be loaded leaves the detail
 * closed, reported as a `network` error naming the file (the cards' calls to action still start
 * offers); the next opening asks again.
 */
import type { CSSResult, ReactiveController } from 'lit';
import type { WallErrorInfo } from '../data/types.js';
import { loadChunk } from '../internal/chunk-load.js';
import type { DetailLooks } from '../templates/detail.js';
import type { WallHost } from './visibility-controllers.js';

export class DetailController implements ReactiveController {
  /** The feed position of the offer shown, or `null` when the detail is closed. */
  key: number | null = null;
  /** Opened, and not yet shown as a modal: `showModal()` once, after the dialog is rendered. */
  private _pending = false;

  /** The detail chunk, once here. */
  _looks: DetailLooks | null = null;
  /** The chunk on its way: settles once it is here (and the wall asked to draw it) or failed. */
  _loading: Promise<void> | null = null;
  /** The chunk could not be loaded: asked again only when the user opens an offer (or back online). */
  private _missing = false;

  constructor(
    private readonly _host: WallHost,
    /** The chunk is here: its styles join the wall's. */
    private readonly _arrived: (styles: CSSResult) => void,
    private readonly _failed: (error: WallErrorInfo) => void,
  ) {
    _host.addController(this);
  }

  /**
   * Asks for the detail chunk, unless it is here or on its way; after a failure, only for an
   * offer opened (`open`), not for every pointer that crosses the list.
   */
  readonly _load = (open?: unknown): void => {
    if (this._looks || this._loading || (this._missing && open !== true)) return;
    this._loading = new Promise((settle) =>
      loadChunk(
        () => import('../chunks/detail.js'),
        ({ default: looks }) => {
          this._loading = null;
          if (!this._looks) {
            this._looks = looks;
            this._arrived(looks._styles);
            this._host.requestUpdate();
          }
          settle();
        },
        (error) => {
          this._loading = null;
          this._missing = true;
          // No dialog to show: one that came later would open by itself.
          this.close(false);
          this._failed(error);
          settle();
        },
      ),
    );
  };

  open(key: number): void {
    this.key = key;
    this._pending = true;
    this._load(true);
    this._host.requestUpdate();
  }

  /** Closes the detail; `refocus` gives the focus back to the card it was opened from. */
  readonly close = (refocus: boolean | Event = true): void => {
    const key = this.key;
    if (key === null) return;
    this.key = null;
    this._pending = false;
    const dialog = this._dialog();
    if (dialog?.open) dialog.close();
    this._host.requestUpdate();
    if (refocus !== false) {
      void this._host.updateComplete.then(() =>
        this._host.renderRoot.querySelector<HTMLElement>(`[data-index="${key}"] .open`)?.focus(),
      );
    }
  };

  hostUpdated(): void {
    const dialog = this._dialog();
    // Modal once in the page: the rest of the page is inert and Escape closes it. Once only: an
    // update between Escape and the dialog's close event must not open it again.
    if (this._pending && dialog && this._host.isConnected) {
      this._pending = false;
      if (!dialog.open) dialog.showModal();
    }
  }

  /**
   * A wall taken out of the page leaves no dialog behind (it would come back as a non-modal one).
   * The next render drops it; closing it here would send a late `close` event that could shut the
   * next detail opened.
   */
  hostDisconnected(): void {
    this.key = null;
    this._pending = false;
  }

  private _dialog(): HTMLDialogElement | null {
    return this._host.renderRoot?.querySelector('dialog') ?? null;
  }
}
