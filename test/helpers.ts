/**
 * Shared test set-up: msw's worker for the wall's endpoint, mounting a wall and waiting for its
 * events, shadow-DOM queries by part, and guards that fail a test on Lit dev-mode warnings and on
 * uncaught errors.
 */
import { fixtureCleanup, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../src/offer-wall.js';
import { RETRY_DELAYS } from '../src/data/request.js';
import type { OfferWall } from '../src/offer-wall.component.js';
import type { OfferWallErrorEvent, OfferWallLoadEvent } from '../src/events.js';

export { ENDPOINT, feed, mock, worker } from './helpers-bundle.js';
import { ENDPOINT } from './helpers-bundle.js';

/** Records the query of every request the wall makes. */
export function recorder() {
  const queries: URLSearchParams[] = [];
  return {
    queries,
    record(url: URL) {
      queries.push(new URLSearchParams(url.search));
    },
  };
}

/** Creates `<offer-wall>` with attributes, connected to the page, without waiting. */
export function mountWall(attributes: Record<string, string> = {}): OfferWall {
  const container = fixtureSync<HTMLDivElement>(html`<div></div>`);
  const wall = document.createElement('offer-wall');
  for (const [name, value] of Object.entries({ endpoint: ENDPOINT, ...attributes })) {
    wall.setAttribute(name, value);
  }
  container.append(wall);
  return wall;
}

/** Creates a wall and resolves when its first page is shown. */
export async function loadedWall(attributes: Record<string, string> = {}) {
  const wall = mountWall(attributes);
  const event = (await oneEvent(wall, 'offer-wall-load')) as OfferWallLoadEvent;
  return { wall, detail: event.detail };
}

/** Creates a wall and resolves with its `offer-wall-error` detail. */
export async function failedWall(attributes: Record<string, string> = {}) {
  const wall = mountWall(attributes);
  const event = (await oneEvent(wall, 'offer-wall-error')) as OfferWallErrorEvent;
  await wall.updateComplete;
  return { wall, error: event.detail.error };
}

export function parts(wall: Element, name: string): HTMLElement[] {
  return [...(wall.shadowRoot?.querySelectorAll<HTMLElement>(`[part~="${name}"]`) ?? [])];
}

export function part(wall: Element, name: string): HTMLElement | null {
  return wall.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
}

export function texts(wall: Element, name: string): string[] {
  return parts(wall, name).map((el) => el.textContent?.trim().replace(/\s+/g, ' ') ?? '');
}

/**
 * Opens the detail of the card at `index` (as shown) from its title, as a user does, and resolves
 * with the dialog once it is open and at rest (its short rise-in over).
 */
export async function openDetail(wall: Element, index = 0): Promise<HTMLDialogElement> {
  parts(wall, 'title')[index]!.querySelector('button')!.click();
  await (wall as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  const dialog = part(wall, 'detail') as HTMLDialogElement;
  await Promise.all(dialog.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
  return dialog;
}

export function nextEvent<T extends Event = Event>(target: EventTarget, type: string): Promise<T> {
  return oneEvent(target, type) as Promise<T>;
}

/**
 * Records every fetch the page makes, at the moment it is made, with the signal it was given
 * (msw sees a request only once it has crossed to its worker and back).
 */
export function spyFetch() {
  const calls: Array<{ url: string; signal: AbortSignal | null }> = [];
  const original = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input instanceof Request ? input.url : input), signal: init?.signal ?? null });
    return original(input, init);
  };
  return { calls, restore: () => (window.fetch = original) };
}

/** One answer of `streamedFetch`: its body is written by the test, piece by piece. */
export interface StreamedAnswer {
  url: URL;
  /** The signal the wall gave its request. */
  signal: AbortSignal | null;
  /** Sends these bytes (text is encoded as UTF-8) as one piece of the body, as they are. */
  write(piece: string | Uint8Array): void;
  end(): void;
  /** Breaks the connection off, as a network does (the wall's read fails with a TypeError). */
  fail(): void;
  /** Whether the wall has stopped reading this body (cancelled it, or aborted its request). */
  readonly stopped: boolean;
}

/**
 * Answers the wall's requests to `ENDPOINT` from the page itself, with 200 and a body the test
 * writes: each piece arrives exactly as it was cut, when it is written, and the body can break off
 * midway. msw cannot do that in every engine: its worker gets no stream from WebKit (it waits for
 * the whole body, and a body that breaks off hangs the request), and Firefox joins the pieces.
 */
export function streamedFetch() {
  const answers: StreamedAnswer[] = [];
  const original = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href);
    if (url.pathname !== ENDPOINT) return original(input, init);
    const signal = init?.signal ?? null;
    if (signal?.aborted) return Promise.reject(signal.reason);
    let body!: ReadableStreamDefaultController<Uint8Array>;
    let stopped = false;
    const answer: StreamedAnswer = {
      url,
      signal,
      // What is written after the wall stopped reading goes nowhere.
      write: (piece) => stopped || body.enqueue(typeof piece === 'string' ? new TextEncoder().encode(piece) : piece),
      end: () => stopped || body.close(),
      fail: () => stopped || body.error(new TypeError('network error')),
      get stopped() {
        return stopped;
      },
    };
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => void (body = controller),
      cancel: () => void (stopped = true),
    });
    // An abort breaks the body off, as fetch does.
    signal?.addEventListener('abort', () => {
      stopped = true;
      try {
        body.error(signal.reason);
      } catch {
        // already closed
      }
    });
    answers.push(answer);
    return Promise.resolve(new Response(stream, { headers: { 'Content-Type': 'application/json' } }));
  };
  return { answers, restore: () => (window.fetch = original) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves after the browser has rendered `count` frames (and run the tasks queued by them):
 * by then an IntersectionObserver has reported what it sees, and a render the wall asked for has
 * happened. For showing that something does *not* happen, without a fixed time.
 */
export async function frames(count = 2): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}

/** Sets the wall's width as a phone or a desktop would give it, and lets it lay out again. */
export async function widthOf(wall: HTMLElement, width: number): Promise<void> {
  wall.style.width = `${width}px`;
  await frames();
}

/**
 * Resolves once every image of the wall in the viewport has loaded or failed (its load or error
 * handlers have run), and the frames after that. Lazy images further down are not fetched, so
 * nothing of theirs can run.
 */
export async function imagesSettled(wall: Element): Promise<void> {
  const inView = (img: HTMLImageElement) => {
    const box = img.getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight;
  };
  const images = () => [...(wall.shadowRoot?.querySelectorAll('img') ?? [])].filter(inView);
  // A lazy image is fetched once the engine renders the page; Firefox and WebKit put off
  // rendering a test page that is not the one in front (the runner opens several at once), so
  // its icons may never start: they are asked for now. (That changes nothing the tests look at:
  // what an icon's load or error may run.)
  for (const img of images()) img.loading = 'eager';
  await until(() => images().every((img) => img.complete), 'the images in view loaded or failed', 10000);
  await frames();
}

/**
 * The wall's retries (0.5 s, then 1.5 s) shortened for the tests, which prove what happens
 * between and after them without waiting two seconds each; test/data/request.test.ts checks the
 * real schedule.
 */
export const TEST_RETRY_DELAYS = [20, 60];
/** The schedule the wall ships with, as it was before the line below shortened it. */
export const WALL_RETRY_DELAYS = [...RETRY_DELAYS];
RETRY_DELAYS.splice(0, RETRY_DELAYS.length, ...TEST_RETRY_DELAYS);
/** Longer than the whole retry schedule of the tests. */
export const PAST_RETRIES = 250;

/**
 * Resolves once `condition` holds, checked every 20 ms; fails the test with `what` after 5 s.
 * For waiting on something the browser does in its own time (observers, layout, requests): each
 * engine, and each loaded machine, takes a different time. A fixed sleep stays right only to
 * show that something does *not* happen.
 */
export function until(condition: () => unknown, what: string, timeout = 5000): Promise<void> {
  return waitUntil(condition, what, { interval: 20, timeout });
}

// ---- guards -----------------------------------------------------------------------------------

const uncaught: string[] = [];
window.addEventListener('error', (event) => uncaught.push(String(event.error ?? event.message)));
window.addEventListener('unhandledrejection', (event) => {
  if (!isMockWorkerUpdate(event.reason)) uncaught.push(String(event.reason));
});

/**
 * Each test file finds msw's worker already registered by the one before, and msw then asks the
 * browser to re-check it with a `registration.update()` it neither awaits nor catches. On a loaded
 * machine Chromium can fail that background check ("Failed to update a ServiceWorker for scope …
 * with script '…/mockServiceWorker.js': Not found") while the registered worker goes on serving.
 * That is the test harness's own worker, never the wall's (it uses none), so it fails no test.
 */
function isMockWorkerUpdate(reason: unknown): boolean {
  const message = String(reason);
  return message.includes('Failed to update a ServiceWorker') && message.includes('/mockServiceWorker.js');
}

function litWarnings(): string[] {
  const issued = (globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings;
  return [...(issued ?? [])].filter((warning) => warning !== 'dev-mode');
}

afterEach(async function () {
  fixtureCleanup();
  const errors = uncaught.splice(0);
  const warnings = litWarnings();
  const issued = (globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings;
  issued?.clear();
  issued?.add('dev-mode');
  if (errors.length) throw new Error(`Uncaught during "${this.currentTest?.title}": ${errors.join('; ')}`);
  if (warnings.length) throw new Error(`Lit warned during "${this.currentTest?.title}": ${warnings.join('; ')}`);
});

export { http, HttpResponse };
