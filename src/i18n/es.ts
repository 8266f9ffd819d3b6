/** Spanish, neutral between Spain and Latin America ("tú" where an address cannot be avoided). */
import type { Texts } from './texts.js';

const es: Texts = [
  'Ofertas', // listLabel
  'Cargando…', // loading
  'No hay ofertas por ahora. Vuelve más tarde.', // empty
  'No se pueden cargar las ofertas ahora mismo.', // errorTitle
  'Reintentar', // retry
  'Ver más', // more
  'Empezar', // start
  'Empezar {0}, recompensa: {1}', // startLabel
  '{0} de descuento', // discount
  'Cómo completar la oferta', // stepsLabel
  'Tipo de oferta', // filterLabel
  'Ordenar por', // sortLabel
  'Recomendadas', // sortFeed
  'Mayor recompensa', // sortReward
  'Menor precio', // sortPrice
  'Buscar ofertas', // searchLabel
  'one {# oferta} many {# de ofertas} other {# ofertas}', // results
  'Ninguna oferta coincide con los filtros.', // noMatches
  'Borrar filtros', // clearFilters
  'Cerrar', // close
  'Plataforma', // platform
  'Países', // countries
  'Ver en la tienda', // preview
  'Todas', // all
  'Apps', // typeApps
  'Tareas', // typeTasks
  'Registros', // typeSignups
  'Packs', // typeBundles
  'Ofertas especiales', // typeDeals
  'Comprueba tu conexión.', // errorOffline
  'Iniciada', // started
  'one {# paso} other {# pasos}', // steps
  'Mis recompensas', // myRewards
  'Pendiente', // pending
  'Gratis', // free
  'Reclamar', // claim
  'Reclamar {0}, {1}', // claimLabel
  'Bloqueado', // locked
  '+{0} más', // saleMore
  'Termina en {0} h {1} min', // endsIn
  'Termina en {0} min', // endsSoon
  'Qué incluye', // whatYouGet
  'Comprar {0}, {1}', // buyLabel
  'Saldo', // balance
  'Abonada', // credited
  'Revertida', // reversed
  'Aún nada: empieza una oferta.', // nothingYet
  'Informar de un problema', // report
  'No se pueden cargar tus recompensas ahora mismo.', // rewardsError
  'Ajustada', // adjusted
  'Caducada', // expired
  'Oferta {0}', // unknownOffer
  '', // creditHint
];

export default es;
