/**
 * French. A no-break space (\u00a0) goes before a colon, as French typography wants, so the colon
 * never starts a line on its own.
 */
import type { Texts } from './texts.js';

const fr: Texts = [
  'Offres', // listLabel
  'Chargement…', // loading
  'Aucune offre pour le moment. Revenez plus tard.', // empty
  'Impossible de charger les offres pour le moment.', // errorTitle
  'Réessayer', // retry
  'Afficher plus', // more
  'Commencer', // start
  'Commencer {0}, récompense\u00a0: {1}', // startLabel
  '{0} de réduction', // discount
  'Comment réaliser l’offre', // stepsLabel
  'Type d’offre', // filterLabel
  'Trier par', // sortLabel
  'Recommandées', // sortFeed
  'Meilleure récompense', // sortReward
  'Prix le plus bas', // sortPrice
  'Rechercher des offres', // searchLabel
  'one {# offre} many {# d’offres} other {# offres}', // results
  'Aucune offre ne correspond aux filtres.', // noMatches
  'Effacer les filtres', // clearFilters
  'Fermer', // close
  'Plateforme', // platform
  'Pays', // countries
  'Voir dans la boutique', // preview
  'Toutes', // all
  'Applis', // typeApps
  'Tâches', // typeTasks
  'Inscriptions', // typeSignups
  'Packs', // typeBundles
  'Offres spéciales', // typeDeals
  'Vérifiez votre connexion.', // errorOffline
  'Commencée', // started
  'one {# étape} other {# étapes}', // steps
  'Mes récompenses', // myRewards
  'En attente', // pending
  'Gratuit', // free
  'Récupérer', // claim
  'Récupérer {0}, {1}', // claimLabel
  'Verrouillé', // locked
  '+{0} en plus', // saleMore
  'Se termine dans {0} h {1} min', // endsIn
  'Se termine dans {0} min', // endsSoon
  'Contenu de l’offre', // whatYouGet
  'Acheter {0}, {1}', // buyLabel
  'Solde', // balance
  'Créditée', // credited
  'Annulée', // reversed
  'Rien pour l’instant : commencez une offre.', // nothingYet
  'Signaler un problème', // report
  'Impossible de charger vos récompenses pour le moment.', // rewardsError
  'Ajustée', // adjusted
  'Expirée', // expired
  'Offre {0}', // unknownOffer
  '', // creditHint
];

export default fr;
