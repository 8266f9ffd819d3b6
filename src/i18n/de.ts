/** German. Addresses nobody directly (no "du" or "Sie"), as neutral app texts do. */
import type { Texts } from './texts.js';

const de: Texts = [
  'Angebote', // listLabel
  'Wird geladen…', // loading
  'Derzeit keine Angebote. Bitte später wieder vorbeischauen.', // empty
  'Die Angebote können gerade nicht geladen werden.', // errorTitle
  'Erneut versuchen', // retry
  'Mehr anzeigen', // more
  'Starten', // start
  '{0} starten, Belohnung: {1}', // startLabel
  '{0} Rabatt', // discount
  'So geht’s', // stepsLabel
  'Angebotstyp', // filterLabel
  'Sortieren nach', // sortLabel
  'Empfohlen', // sortFeed
  'Beste Belohnung', // sortReward
  'Niedrigster Preis', // sortPrice
  'Angebote suchen', // searchLabel
  'one {# Angebot} other {# Angebote}', // results
  'Keine Angebote passen zu den Filtern.', // noMatches
  'Filter zurücksetzen', // clearFilters
  'Schließen', // close
  'Plattform', // platform
  'Länder', // countries
  'Im Store ansehen', // preview
  'Alle', // all
  'Apps', // typeApps
  'Aufgaben', // typeTasks
  'Anmeldungen', // typeSignups
  'Pakete', // typeBundles
  'Sonderangebote', // typeDeals
  'Bitte die Verbindung prüfen.', // errorOffline
  'Gestartet', // started
  'one {# Schritt} other {# Schritte}', // steps
  'Meine Prämien', // myRewards
  'Ausstehend', // pending
  'Gratis', // free
  'Abholen', // claim
  '{0} abholen, {1}', // claimLabel
  'Gesperrt', // locked
  '+{0} mehr', // saleMore
  'Endet in {0} Std. {1} Min.', // endsIn
  'Endet in {0} Min.', // endsSoon
  'Das ist enthalten', // whatYouGet
  '{0} kaufen, {1}', // buyLabel
  'Guthaben', // balance
  'Gutgeschrieben', // credited
  'Storniert', // reversed
  'Noch nichts: einfach ein Angebot starten.', // nothingYet
  'Problem melden', // report
  'Die Prämien können gerade nicht geladen werden.', // rewardsError
  'Angepasst', // adjusted
  'Abgelaufen', // expired
  'Angebot {0}', // unknownOffer
  '', // creditHint
];

export default de;
