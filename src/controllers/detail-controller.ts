/**
 * The offer detail's lifecycle: which offer it shows, opening the native `<dialog>` as a modal
 * once it is rendered, closing it (close button, Escape, a click outside) and giving the focus
 * back to the card it was opened from. The dialog's template is `templates/detail.ts`.
 */
import type { ReactiveController } from 'lit';
import type { WallHost } from './visibility-controllers.js';

export class DetailController implements ReactiveController {
  /** The feed position of the offer shown, or `null` when the detail is closed. */
  key: number | null = null;
  /** Opened, and not yet shown as a modal: `showModal()` once, after the dialog is rendered. */
  private _pending = false;

  constructor(private readonly _host: WallHost) {
    _host.addController(this);
  }

  open(key: number): void {
    this.key = key;
    this._pending = true;
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
