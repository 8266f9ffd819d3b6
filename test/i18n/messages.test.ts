// The built-in texts a publisher gets for each language: complete, native, and filled in safely.
import { expect } from '@open-wc/testing';
import { loadTexts, messagesFor, type WallMessages } from '../../src/i18n/index.js';
import { EN_MESSAGES } from '../../src/messages.js';

const LANGUAGES = ['en', 'de', 'es', 'pt', 'fr', 'ja', 'ar'] as const;

// Typed as a record so that adding a key to WallMessages without listing it here fails to compile.
const KEYS = Object.keys({
  listLabel: 1, loading: 1, empty: 1, errorTitle: 1, retry: 1, more: 1, start: 1,
  startLabel: 1, discount: 1, stepsLabel: 1, filterLabel: 1,
  sortLabel: 1, sortFeed: 1, sortReward: 1, sortPrice: 1, searchLabel: 1,
  results: 1, noMatches: 1, clearFilters: 1, close: 1,
  platform: 1, countries: 1,
  preview: 1, all: 1, typeApps: 1, typeTasks: 1, typeSignups: 1, typeBundles: 1, typeDeals: 1,
  errorOffline: 1, started: 1, steps: 1, whatYouGet: 1, buyLabel: 1,
  myRewards: 1, balance: 1, pending: 1, credited: 1, reversed: 1, nothingYet: 1, report: 1,
  rewardsError: 1, free: 1, claim: 1, claimLabel: 1, locked: 1, saleMore: 1, endsIn: 1, endsSoon: 1,
  adjusted: 1, expired: 1, unknownOffer: 1, creditHint: 1,
} satisfies Record<keyof WallMessages, 1>) as (keyof WallMessages)[];

/** Every text of a language as the wall would show it, functions called with the given values. */
function rendered(messages: WallMessages, name: string, amount: string, counts: number[]): string[] {
  return KEYS.flatMap((key) => {
    const value = messages[key];
    if (key === 'startLabel') return messages.startLabel(name, amount);
    if (key === 'buyLabel') return messages.buyLabel(name, amount);
    if (key === 'discount') return messages.discount(amount);
    if (key === 'claimLabel') return messages.claimLabel(name, amount);
    if (key === 'saleMore') return messages.saleMore(amount);
    if (key === 'endsIn') return messages.endsIn(amount, amount);
    if (key === 'endsSoon') return messages.endsSoon(amount);
    if (key === 'unknownOffer') return messages.unknownOffer(name);
    // The publisher's own text (or `credit-hint`): none built in.
    if (key === 'creditHint') return [];
    if (key === 'results' || key === 'steps') return counts.map((count) => messages[key](count, amount));
    return value as string;
  });
}

const COUNTS = [0, 1, 2, 3, 5, 11, 21, 100, 101, 1000000];

describe('built-in texts', () => {
  // Each language but English is loaded when a wall first needs it; these tests read them all.
  before(() => Promise.all(LANGUAGES.filter((language) => language !== 'en').map(loadTexts)));

  it('every language has every text, none of them empty', () => {
    for (const language of LANGUAGES) {
      const messages = messagesFor(language);
      expect(Object.keys(messages).sort(), language).to.deep.equal([...KEYS].sort());
      for (const [index, text] of rendered(messages, 'N', '5', COUNTS).entries()) {
        expect(text.trim(), `${language} text ${index}`).not.to.equal('');
      }
    }
  });

  it('each language speaks for itself: the call to action starts an offer in the user’s language', () => {
    const start = LANGUAGES.map((language) => messagesFor(language).start);
    expect(start).to.deep.equal(['Start', 'Starten', 'Empezar', 'Começar', 'Commencer', '開始', 'ابدأ']);
    const lists = LANGUAGES.map((language) => messagesFor(language).listLabel);
    expect(lists).to.deep.equal(['Offers', 'Angebote', 'Ofertas', 'Ofertas', 'Offres', 'オファー', 'العروض']);
  });

  it('no English or other Latin-script text is left in Arabic', () => {
    // Arabic values in the placeholders, so any Latin letter found is the translation's own.
    for (const text of rendered(messagesFor('ar'), 'لعبة', '٣٫٦٠', COUNTS)) {
      expect(text).not.to.match(/[A-Za-z]/);
    }
  });

  it('texts are typeset for their language: real ellipses, French no-break space before a colon, no spaces in Japanese', () => {
    for (const language of LANGUAGES) {
      for (const text of rendered(messagesFor(language), 'N', '5', COUNTS)) {
        expect(text, language).not.to.include('...');
        expect(text, language).not.to.match(/\s\s|^\s|\s$/);
      }
    }
    expect(messagesFor('en').loading.endsWith('…')).to.equal(true);
    for (const text of rendered(messagesFor('fr'), 'N', '5', COUNTS)) {
      if (text.includes(':')) expect(text).to.match(/\u00a0:/);
    }
    for (const text of rendered(messagesFor('ja'), 'N', '5', COUNTS)) expect(text).not.to.include(' ');
  });

  it('every language puts the offer’s name, reward and discount into its sentences', () => {
    for (const language of LANGUAGES) {
      const messages = messagesFor(language);
      const label = messages.startLabel('«name»', '«reward»');
      expect(label, language).to.include('«name»').and.to.include('«reward»');
      const buy = messages.buyLabel('«name»', '«price»');
      expect(buy, language).to.include('«name»').and.to.include('«price»').and.not.to.match(/[{}]/);
      expect(messages.discount('«20%»'), language).to.include('«20%»');
      expect(messages.results(7, '«7»'), language).to.include('«7»');
      expect(messages.unknownOffer('«999»'), language).to.include('«999»').and.not.to.match(/[{}]/);
      expect(messages.creditHint, language).to.equal('');
      expect(label, language).not.to.match(/[{}]/);
      expect(messages.claimLabel('«name»', '«free»'), language).to.include('«name»').and.to.include('«free»');
      expect(messages.saleMore('«100%»'), language).to.include('«100%»');
      expect(messages.endsIn('«2»', '«14»'), language).to.match(/«2».*«14»/);
      expect(messages.endsSoon('«14»'), language).to.include('«14»');
    }
  });

  it('says the store\'s words in each language: free, claim, locked, the sale and the countdown', () => {
    expect(messagesFor('en').endsIn('2', '14')).to.equal('Ends in 2 h 14 min');
    expect(messagesFor('en').endsSoon('9')).to.equal('Ends in 9 min');
    expect(messagesFor('en').saleMore('100%')).to.equal('+100% more');
    expect(LANGUAGES.map((language) => messagesFor(language).free)).to.deep.equal(['Free', 'Gratis', 'Gratis', 'Grátis', 'Gratuit', '無料', 'مجانًا']);
    expect(LANGUAGES.map((language) => messagesFor(language).claim)).to.deep.equal(['Claim', 'Abholen', 'Reclamar', 'Resgatar', 'Récupérer', '受け取る', 'استلم']);
  });

  it('counts an offer’s steps in each language’s plural forms', () => {
    expect([1, 3].map((count) => messagesFor('en').steps(count, String(count)))).to.deep.equal(['1 step', '3 steps']);
    expect([2, 3, 11].map((count) => messagesFor('ar').steps(count, String(count)))).to.deep.equal(['خطوتان', '3 خطوات', '11 خطوة']);
    expect(messagesFor('fr').steps(2, '2')).to.equal('2 étapes');
    expect(messagesFor('ja').steps(4, '4')).to.equal('4ステップ');
    expect(LANGUAGES.map((language) => messagesFor(language).started)).to.deep.equal(['Started', 'Gestartet', 'Iniciada', 'Iniciada', 'Commencée', '開始済み', 'تم البدء']);
  });

  it('an offer name or amount with $ signs is announced exactly as the feed wrote it', () => {
    expect(messagesFor('en').startLabel('Win $1 & $& now', '$3.60')).to.equal('Start Win $1 & $& now, reward $3.60');
    expect(messagesFor('en').results(2, '$&')).to.equal('$& offers');
  });

  it('EN_MESSAGES holds every English text, the rewards view’s included (they come with its chunk)', () => {
    expect(Object.keys(EN_MESSAGES).sort()).to.deep.equal([...KEYS].sort());
    expect(EN_MESSAGES.balance).to.equal('Balance');
    expect(EN_MESSAGES.unknownOffer('999')).to.equal('Offer 999');
  });

  it('EN_MESSAGES keeps the English texts and functions publishers already use', () => {
    expect(EN_MESSAGES.startLabel('Raid', '$3.60')).to.equal('Start Raid, reward $3.60');
    expect(EN_MESSAGES.discount('20%')).to.equal('20% off');
    expect(EN_MESSAGES.empty).to.equal('No offers are available right now. Please check back later.');
    expect(EN_MESSAGES.start).to.equal(messagesFor('en-US').start);
  });

  it('a publisher’s messages override a language text by text, functions included', () => {
    const merged: WallMessages = { ...messagesFor('de'), more: 'Mehr davon', startLabel: (name) => `Los: ${name}` };
    expect(merged.more).to.equal('Mehr davon');
    expect(merged.startLabel('Raid', '3 $')).to.equal('Los: Raid');
    expect(merged.loading).to.equal('Wird geladen…');
    expect(messagesFor('de').more).to.equal('Mehr anzeigen');
  });
});
