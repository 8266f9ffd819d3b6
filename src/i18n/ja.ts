/** Japanese. Full-width punctuation, no spaces; platform names stay in Latin script, as Japanese UIs write them. */
import type { Texts } from './texts.js';

export const ja: Texts = [
  'オファー', // listLabel
  '読み込み中…', // loading
  'さらに読み込み中…', // loadingMore
  '現在ご利用いただけるオファーはありません。後ほどご確認ください。', // empty
  'オファーを読み込めませんでした。', // errorTitle
  '再試行', // retry
  'もっと見る', // more
  '開始', // start
  '{0}を開始（報酬：{1}）', // startLabel
  '{0}オフ', // discount
  '達成方法', // stepsLabel
  '絞り込みと並べ替え', // toolbarLabel
  'オファーの種類', // filterLabel
  'すべて', // filterAll
  '並べ替え', // sortLabel
  'おすすめ順', // sortFeed
  '報酬の高い順', // sortReward
  '価格の安い順', // sortPrice
  'オファーを検索', // searchLabel
  '検索…', // searchPlaceholder
  'other {#件のオファー}', // results
  '条件に一致するオファーはありません。', // noMatches
  '絞り込みを解除', // clearFilters
  '詳細', // details
  '{0}の詳細', // detailLabel
  '閉じる', // close
  '説明', // description
  '手順', // steps
  '報酬', // reward
  '価格', // price
  'プラットフォーム', // platform
  'Android', // android
  'iOS', // ios
  '対象国', // countries
  'すべての国', // allCountries
  'ストアで見る', // preview
  '新しいタブで開きます', // opensInNewTab
];
