/** Spanish, neutral between Spain and Latin America ("tú" where an address cannot be avoided). */
import type { Texts } from './texts.js';

export const es: Texts = [
  'Ofertas', // listLabel
  'Cargando ofertas…', // loading
  'Cargando más ofertas…', // loadingMore
  'No hay ofertas disponibles en este momento. Vuelve a consultar más tarde.', // empty
  'No se pudieron cargar las ofertas.', // errorTitle
  'Reintentar', // retry
  'Cargar más ofertas', // more
  'Empezar', // start
  'Empezar {0}, recompensa: {1}', // startLabel
  '{0} de descuento', // discount
  'Cómo completar la oferta', // stepsLabel
  'Filtrar y ordenar ofertas', // toolbarLabel
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
  'Android', // android
  'iOS', // ios
  'Países', // countries
  'Todos los países', // allCountries
  'Ver en la tienda', // preview
  'Se abre en una pestaña nueva', // opensInNewTab
];
