/** Japanese. Full-width punctuation, no spaces; platform names stay in Latin script, as Japanese UIs write them. */
import type { Texts } from './texts.js';

const ja: Texts = [
  'オファー', // listLabel
  '読み込み中…', // loading
  '現在オファーはありません。後ほどご確認ください。', // empty
  '現在オファーを読み込めません。', // errorTitle
  '再試行', // retry
  'さらに表示', // more
  '開始', // start
  '{0}を開始（報酬：{1}）', // startLabel
  '{0}オフ', // discount
  '達成方法', // stepsLabel
  'オファーの種類', // filterLabel
  '並べ替え', // sortLabel
  'おすすめ順', // sortFeed
  '報酬の高い順', // sortReward
  '価格の安い順', // sortPrice
  'オファーを検索', // searchLabel
  'other {#件のオファー}', // results
  '条件に一致するオファーはありません。', // noMatches
  '絞り込みを解除', // clearFilters
  '閉じる', // close
  'プラットフォーム', // platform
  '対象国', // countries
  'ストアで見る', // preview
  'すべて', // all
  'アプリ', // typeApps
  'タスク', // typeTasks
  '会員登録', // typeSignups
  'パック', // typeBundles
  '特別オファー', // typeDeals
  '接続を確認してください。', // errorOffline
  '開始済み', // started
  'other {#ステップ}', // steps
  'マイリワード', // myRewards
  '保留中', // pending
  '無料', // free
  '受け取る', // claim
  '{0}を受け取る、{1}', // claimLabel
  'ロック中', // locked
  '{0}増量', // saleMore
  '残り{0}時間{1}分', // endsIn
  '残り{0}分', // endsSoon
  '内容', // whatYouGet
  '{0}を購入（{1}）', // buyLabel
  '残高', // balance
  '付与済み', // credited
  '取り消し済み', // reversed
  'まだありません。オファーを始めましょう。', // nothingYet
  '問題を報告', // report
  '現在リワードを読み込めません。', // rewardsError
  '調整済み', // adjusted
  '期限切れ', // expired
  'オファー{0}', // unknownOffer
  '', // creditHint
];

export default ja;
