/**
 * The retry schedule of a page request: failures that may pass (network, time-outs, 5xx) are
 * tried again after each pause of the schedule, those that will not (4xx) are not, and an abort
 * stops a retry in its pause. The wall's own schedule is 0.5 s then 1.5 s (CONTRACT section 6);
 * the other tests run with a shorter one (test/helpers.ts).
 */
import { expect } from '@open-wc/testing';
import { RETRY_DELAYS, streamFeed, type StreamFeedOptions } from '../../src/data/request.js';
import { WallError } from '../../src/data/types.js';
import { TEST_RETRY_DELAYS, WALL_RETRY_DELAYS } from '../helpers.js';

/** Reads a page to its end, as the wall does. */
async function fetchFeed(url: string, options: Omit<StreamFeedOptions, 'format'>) {
  const batches = [];
  for await (const batch of streamFeed(url, { ...options, format: 's2s' })) batches.push(batch);
  return batches;
}

/** Replaces fetch with `answer` for the call; records when each attempt started. */
async function withFetch<T>(answer: (attempt: number) => Response | Promise<Response>, run: () => Promise<T>) {
  const original = window.fetch;
  const started: number[] = [];
  window.fetch = async () => answer(started.push(performance.now()) - 1);
  try {
    return { result: await run().catch((error: unknown) => error), started };
  } finally {
    window.fetch = original;
  }
}

describe('retrying a page request', () => {
  it('waits 0.5 s, then 1.5 s, before its two retries (the schedule every wall ships with)', () => {
    expect(WALL_RETRY_DELAYS).to.deep.equal([500, 1500]);
    // The other tests run on a shorter schedule, shared by every wall in the page.
    expect(RETRY_DELAYS).to.deep.equal(TEST_RETRY_DELAYS);
  });

  it('tries again after each pause of the schedule, then gives up with the last failure', async () => {
    const { result, started } = await withFetch(
      () => new Response(null, { status: 503 }),
      () => fetchFeed('/feed', { signal: new AbortController().signal, timeout: 1000, retryDelays: [60, 120] }),
    );
    expect(result).to.be.instanceOf(WallError);
    expect((result as WallError).status).to.equal(503);
    expect(started).to.have.length(3);
    expect(started[1]! - started[0]!).to.be.at.least(55);
    expect(started[2]! - started[1]!).to.be.at.least(115);
  });

  it('does not retry a 4xx', async () => {
    const { result, started } = await withFetch(
      () => new Response(null, { status: 429 }),
      () => fetchFeed('/feed', { signal: new AbortController().signal, timeout: 1000, retryDelays: [10, 10] }),
    );
    expect((result as WallError).kind).to.equal('http');
    expect(started).to.have.length(1);
  });

  it('stops in a pause when aborted, rejecting with the abort and not as a WallError', async () => {
    const controller = new AbortController();
    const { result, started } = await withFetch(
      () => {
        setTimeout(() => controller.abort(new DOMException('changed', 'AbortError')));
        return new Response(null, { status: 502 });
      },
      () => fetchFeed('/feed', { signal: controller.signal, timeout: 1000, retryDelays: [200, 200] }),
    );
    expect(result).to.not.be.instanceOf(WallError);
    expect((result as DOMException).name).to.equal('AbortError');
    expect(started).to.have.length(1);
  });
});
