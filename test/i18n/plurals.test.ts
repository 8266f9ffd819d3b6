// The live count of shown offers, in each language's plural forms (Intl.PluralRules categories).
import { expect } from '@open-wc/testing';
import { loadTexts, messagesFor } from '../../src/i18n/index.js';

/** The count as the wall passes it: the number, and the number formatted for the locale. */
const count = (locale: string, n: number) => messagesFor(locale).results(n, new Intl.NumberFormat(locale).format(n));
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the offer count', () => {
  // Each language but English is loaded when a wall first needs it.
  before(() => Promise.all(['de', 'es', 'pt', 'fr', 'ja', 'ar'].map(loadTexts)));

  it('English says 1 offer and 0, 2 or 1,000 offers', () => {
    expect([0, 1, 2, 1000].map((n) => count('en', n))).to.deep.equal(['0 offers', '1 offer', '2 offers', '1,000 offers']);
  });

  it('French counts 0 and 1 as singular, and says "d’offres" after a million', () => {
    expect([0, 1, 2].map((n) => count('fr', n))).to.deep.equal(['0 offre', '1 offre', '2 offres']);
    expect(plain(count('fr', 1000000))).to.equal('1 000 000 d’offres');
  });

  it('Arabic uses all six forms: zero, one, two, few, many and other', () => {
    const forms = [0, 1, 2, 3, 10, 11, 99, 100, 102].map((n) => messagesFor('ar').results(n, `${n}`));
    expect(forms).to.deep.equal([
      'لا توجد عروض',
      'عرض واحد',
      'عرضان',
      '3 عروض',
      '10 عروض',
      '11 عرضًا',
      '99 عرضًا',
      '100 عرض',
      '102 عرض',
    ]);
  });

  it('Arabic shows the count as the locale formats it', () => {
    const digits = new Intl.NumberFormat('ar-EG').format(5);
    expect(count('ar-EG', 5)).to.equal(`${digits} عروض`);
  });

  it('Japanese has one form for every count, without spaces', () => {
    expect([0, 1, 2, 100].map((n) => count('ja', n))).to.deep.equal(['0件のオファー', '1件のオファー', '2件のオファー', '100件のオファー']);
  });

  it('German, Spanish and Portuguese have singular and plural', () => {
    expect([1, 2].map((n) => count('de', n))).to.deep.equal(['1 Angebot', '2 Angebote']);
    expect([1, 2].map((n) => count('es', n))).to.deep.equal(['1 oferta', '2 ofertas']);
    expect([1, 2].map((n) => count('pt-BR', n))).to.deep.equal(['1 oferta', '2 ofertas']);
  });

  it('a regional locale keeps its own plural rules (Portugal counts 0 as plural, Brazil as singular)', () => {
    expect(count('pt-PT', 0)).to.equal('0 ofertas');
    expect(count('pt-BR', 0)).to.equal('0 oferta');
  });
});
