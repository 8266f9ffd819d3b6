// Which language and direction a wall gets from its `locale` (or the page's `lang`).
import { expect } from '@open-wc/testing';
import { directionOf, hasTexts, languageOf, loadTexts, messagesFor } from '../../src/i18n/index.js';

describe('loading a language', () => {
  it('English is always here; another language once loaded, and its texts until then are English', async () => {
    expect(hasTexts('en')).to.equal(true);
    expect([languageOf('es-MX'), languageOf('en-GB'), languageOf('zh-TW')]).to.deep.equal(['es', 'en', 'en']);
    expect(hasTexts('es')).to.equal(false);
    expect(messagesFor('es-MX').start).to.equal('Start');
    const loading = loadTexts('es');
    expect(loadTexts('es'), 'asked once').to.equal(loading);
    await loading;
    expect(hasTexts('es')).to.equal(true);
    expect(messagesFor('es-MX').start).to.equal('Empezar');
  });
});

describe('choosing a language', () => {
  // Each language but English is loaded when a wall first needs it; these tests read them all.
  before(() => Promise.all(['de', 'es', 'pt', 'fr', 'ja', 'ar'].map(loadTexts)));

  it('a regional locale gets its language: pt-BR Portuguese, de-AT German, ar-EG Arabic', () => {
    expect(messagesFor('pt-BR').start).to.equal('Começar');
    expect(messagesFor('de-AT').start).to.equal('Starten');
    expect(messagesFor('ar-EG').start).to.equal('ابدأ');
    expect(messagesFor('zh-Hant-TW').start).to.equal('Start');
  });

  it('an unknown, empty or malformed locale falls back to English without throwing', () => {
    for (const locale of ['xx', '', 'tlh', 'constructor', '__proto__', 'toString', '123', null, undefined]) {
      const messages = messagesFor(locale);
      expect(messages.start, String(locale)).to.equal('Start');
      expect(messages.results(2, '2'), String(locale)).to.equal('2 offers');
    }
    expect(messagesFor('PT_br').start).to.equal('Começar');
    expect(messagesFor('fr_FR').results(0, '0')).to.equal('0 offre');
  });

  it('asking for the same locale again returns the same texts, cheap enough for every render', () => {
    expect(messagesFor('ja-JP')).to.equal(messagesFor('ja-JP'));
    expect(Object.isFrozen(messagesFor('ja-JP'))).to.equal(true);
  });

  it('Arabic is laid out right to left, as are Hebrew, Persian and Urdu pages with English texts', () => {
    expect(directionOf('ar-EG')).to.equal('rtl');
    expect(directionOf('ar')).to.equal('rtl');
    for (const locale of ['he-IL', 'fa-IR', 'ur-PK', 'he_IL']) expect(directionOf(locale), locale).to.equal('rtl');
    expect(messagesFor('he-IL').start).to.equal('Start');
  });

  it('every other language is laid out left to right', () => {
    for (const locale of ['en-US', 'de', 'es-MX', 'pt-BR', 'fr-CA', 'ja-JP', 'arn', 'her', '', null, 'xx']) {
      expect(directionOf(locale), String(locale)).to.equal('ltr');
    }
  });
});
