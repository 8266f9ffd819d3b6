/**
 * The offer detail's lifecycle: which offer it shows, opening the native `<dialog>` as a modal
 * once it is rendered, closing it (close button, Escape, a click outside) and giving the focus
 * back to the card it was opened from. The dialog's template is `templates/detail.ts`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & Element & { renderRoot: ParentNode };

export class DetailController implements ReactiveController {
  /** The feed position of the offer shown, or `null` when the detail is closed. */
  key: number | null = null;

  constructor(private readonly _host: Host) {
    _host.addController(this);
  }

  open(key: number): void {
    this.key = key;
    this._host.requestUpdate();
  }

  /** Closes the detail; `refocus` gives the focus back to the card it was opened from. */
  readonly close = (refocus: boolean | Event = true): void => {
    const key = this.key;
    if (key === null) return;
    this.key = null;
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
    // Modal once in the page: the rest of the page is inert and Escape closes it.
    if (dialog && !dialog.open && this._host.isConnected) dialog.showModal();
  }

  private _dialog(): HTMLDialogElement | null {
    return this._host.renderRoot?.querySelector('dialog') ?? null;
  }
}
