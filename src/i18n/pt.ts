/** Portuguese as written in Brazil, where most Portuguese-speaking offerwall users are. */
import type { Texts } from './texts.js';

const pt: Texts = [
  'Ofertas', // listLabel
  'Carregando…', // loading
  'Nenhuma oferta no momento. Volte mais tarde.', // empty
  'Não é possível carregar as ofertas agora.', // errorTitle
  'Tentar novamente', // retry
  'Ver mais', // more
  'Começar', // start
  'Começar {0}, recompensa: {1}', // startLabel
  '{0} de desconto', // discount
  'Como concluir a oferta', // stepsLabel
  'Tipo de oferta', // filterLabel
  'Ordenar por', // sortLabel
  'Recomendadas', // sortFeed
  'Maior recompensa', // sortReward
  'Menor preço', // sortPrice
  'Buscar ofertas', // searchLabel
  'one {# oferta} many {# de ofertas} other {# ofertas}', // results
  'Nenhuma oferta corresponde aos filtros.', // noMatches
  'Limpar filtros', // clearFilters
  'Fechar', // close
  'Plataforma', // platform
  'Países', // countries
  'Ver na loja', // preview
  'Todas', // all
  'Apps', // typeApps
  'Tarefas', // typeTasks
  'Cadastros', // typeSignups
  'Pacotes', // typeBundles
  'Ofertas especiais', // typeDeals
  'Verifique sua conexão.', // errorOffline
  'Iniciada', // started
  'one {# etapa} other {# etapas}', // steps
  'Minhas recompensas', // myRewards
  'Pendente', // pending
  'Grátis', // free
  'Resgatar', // claim
  'Resgatar {0}, {1}', // claimLabel
  'Bloqueado', // locked
  '+{0} a mais', // saleMore
  'Termina em {0} h {1} min', // endsIn
  'Termina em {0} min', // endsSoon
  'O que você recebe', // whatYouGet
  'Comprar {0}, {1}', // buyLabel
  'Saldo', // balance
  'Creditada', // credited
  'Estornada', // reversed
  'Nada ainda: comece uma oferta.', // nothingYet
  'Relatar um problema', // report
  'Não é possível carregar suas recompensas agora.', // rewardsError
  'Ajustada', // adjusted
  'Expirada', // expired
  'Oferta {0}', // unknownOffer
  '', // creditHint
];

export default pt;
