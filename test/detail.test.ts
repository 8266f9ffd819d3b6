/** An offer's detail: what it shows, how it opens and closes, and where the focus goes. */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OfferClickEvent } from '../src/events.js';
import { s2sOffer, s2sPage } from './fixtures/feeds.js';
import { feed, loadedWall, mock, part, parts } from './helpers.js';

const detailed = s2sOffer(1, {
  name: 'Tower Quest',
  description: 'Build the tallest tower in the kingdom.',
  conversion_flow: '1.Install Tower Quest\n2.Reach level 10\n3.Open the daily chest',
  countries: ['US', 'DE'],
  os: 'ios',
});

function titleButton(wall: Element, index = 0): HTMLElement {
  return parts(wall, 'title')[index]!.querySelector('button')!;
}

function dialog(wall: Element): HTMLDialogElement | null {
  return part(wall, 'detail') as HTMLDialogElement | null;
}

async function openedByClick(wall: Element): Promise<HTMLDialogElement> {
  // Anywhere on the card but its call to action: its icon.
  parts(wall, 'icon')[0]!.click();
  await (wall as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  const shown = dialog(wall)!;
  // At rest: its short rise-in (a fade) would blend its colours for a checker that looks mid-way.
  await Promise.all(shown.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
  return shown;
}

describe('<offer-wall> offer detail', () => {
  beforeEach(() => mock(feed(s2sPage([detailed, s2sOffer(2)]))));

  it('opens as a modal dialog when a card is clicked anywhere but its call to action', async () => {
    const { wall } = await loadedWall({ locale: 'en-US' });
    expect(dialog(wall)).to.equal(null);
    const shown = await openedByClick(wall);
    expect(shown.open).to.equal(true);
    expect(shown.matches(':modal')).to.equal(true);
    expect(shown.getAttribute('aria-labelledby')).to.be.a('string');
    expect(wall.shadowRoot!.getElementById(shown.getAttribute('aria-labelledby')!)!.textContent).to.equal('Tower Quest');
  });

  it('shows the full description, every step, the reward, the platform and the countries', async () => {
    const { wall } = await loadedWall({ locale: 'en-US' });
    const shown = await openedByClick(wall);
    const text = shown.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Build the tallest tower in the kingdom.');
    // The steps, the contract's `steps` and `step` parts, live in the detail since the card is compact.
    expect(shown.querySelector('[part~="steps"]')!.tagName).to.equal('OL');
    expect([...shown.querySelectorAll('[part~="step"]')].map((li) => li.textContent!.trim())).to.deep.equal([
      'Install Tower Quest',
      'Reach level 10',
      'Open the daily chest',
    ]);
    expect(text).to.contain('$1.50');
    expect(text).to.contain('iOS');
    expect(text).to.contain('United States').and.to.contain('Germany');
  });

  it('names the countries in the wall’s language, joined the way that language lists things', async () => {
    const { wall } = await loadedWall({ locale: 'ar' });
    const shown = await openedByClick(wall);
    const countries = [...shown.querySelectorAll('dd')].at(-1)!.textContent!;
    expect(countries).to.contain('الولايات المتحدة').and.to.contain('ألمانيا');
    // Arabic joins two names with و, not with a Latin comma.
    expect(countries).not.to.match(/[A-Za-z,]/);
  });

  it('keeps an English description in its own direction in a right-to-left wall, its full stop at its end', async () => {
    const { wall } = await loadedWall({ locale: 'ar' });
    const shown = await openedByClick(wall);
    const description = [...shown.querySelectorAll('p')].find((p) => p.textContent === 'Build the tallest tower in the kingdom.')!;
    expect(getComputedStyle(description).direction).to.equal('ltr');
  });

  it('links the preview in a new tab without opener or referrer', async () => {
    const { wall } = await loadedWall();
    const shown = await openedByClick(wall);
    const link = shown.querySelector('a')!;
    expect(link.href).to.equal('https://play.example.com/store/apps/details?id=com.example.app1');
    expect(link.target).to.equal('_blank');
    expect(link.rel.split(' ')).to.include.members(['noopener', 'noreferrer']);
  });

  it('fires offer-click from its own call to action, like the card’s', async () => {
    const { wall } = await loadedWall({ 'user-id': 'u1' });
    const shown = await openedByClick(wall);
    wall.addEventListener('offer-click', (event) => event.preventDefault(), { once: true });
    const clicked = oneEvent(wall, 'offer-click') as Promise<OfferClickEvent>;
    shown.querySelector<HTMLElement>('[part~="cta"]')!.click();
    const event = await clicked;
    expect(event.detail.offer.name).to.equal('Tower Quest');
    expect(event.detail.url).to.contain('sub=u1');
  });

  it('opens from the keyboard on the card’s title, takes the focus, and gives it back on Escape', async () => {
    const { wall } = await loadedWall();
    titleButton(wall).focus();
    await sendKeys({ press: 'Enter' });
    await wall.updateComplete;
    const shown = dialog(wall)!;
    expect(shown.open).to.equal(true);
    expect(shown.contains(wall.shadowRoot!.activeElement)).to.equal(true);

    await sendKeys({ press: 'Escape' });
    await wall.updateComplete;
    await wall.updateComplete;
    expect(dialog(wall)).to.equal(null);
    expect(wall.shadowRoot!.activeElement).to.equal(titleButton(wall));
  });

  it('closes with its close button and gives the focus back to the card it came from', async () => {
    const { wall } = await loadedWall();
    titleButton(wall, 1).focus();
    await sendKeys({ press: ' ' }); // the space key: every engine's driver knows ' '
    await wall.updateComplete;
    part(wall, 'close')!.click();
    await wall.updateComplete;
    await wall.updateComplete;
    expect(dialog(wall)).to.equal(null);
    expect(wall.shadowRoot!.activeElement).to.equal(titleButton(wall, 1));
  });

  it('closes on a click outside it', async () => {
    const { wall } = await loadedWall();
    const shown = await openedByClick(wall);
    // A click on the backdrop is a click whose target is the dialog itself (its content fills it).
    shown.click();
    await wall.updateComplete;
    await wall.updateComplete;
    expect(dialog(wall)).to.equal(null);
  });

  it('stays open for a click inside it', async () => {
    const { wall } = await loadedWall();
    const shown = await openedByClick(wall);
    shown.querySelector('ol')!.click();
    await wall.updateComplete;
    expect(dialog(wall)?.open).to.equal(true);
  });

  it('is accessible while open', async () => {
    const { wall } = await loadedWall();
    await openedByClick(wall);
    await expect(wall).to.be.accessible();
  });

  it('leaves no dialog behind when the wall is taken out of the page, and opens as a modal again after', async () => {
    const { wall } = await loadedWall();
    await openedByClick(wall);
    const parent = wall.parentElement!;
    wall.remove();
    parent.append(wall);
    await wall.updateComplete;
    expect(dialog(wall)).to.equal(null);
    const again = await openedByClick(wall);
    expect(again.matches(':modal')).to.equal(true);
  });
});
