/**
 * Arabic (Modern Standard). The wall lays these out right to left; Arabic punctuation (، ؛) is
 * used, and platform names are written in Arabic script so no Latin text is left in the UI.
 */
import type { Texts } from './texts.js';

export const ar: Texts = [
  'العروض', // listLabel
  'جارٍ تحميل العروض…', // loading
  'جارٍ تحميل المزيد…', // loadingMore
  'لا توجد عروض متاحة حاليًا. يُرجى العودة لاحقًا.', // empty
  'تعذّر تحميل العروض.', // errorTitle
  'إعادة المحاولة', // retry
  'تحميل المزيد', // more
  'ابدأ', // start
  'ابدأ {0}، المكافأة: {1}', // startLabel
  'خصم {0}', // discount
  'كيفية إكمال العرض', // stepsLabel
  'تصفية العروض وترتيبها', // toolbarLabel
  'نوع العرض', // filterLabel
  'الكل', // filterAll
  'الترتيب حسب', // sortLabel
  'الموصى بها', // sortFeed
  'الأعلى مكافأة', // sortReward
  'الأقل سعرًا', // sortPrice
  'البحث في العروض', // searchLabel
  'بحث…', // searchPlaceholder
  'zero {لا توجد عروض} one {عرض واحد} two {عرضان} few {# عروض} many {# عرضًا} other {# عرض}', // results
  'لا توجد عروض تطابق عوامل التصفية.', // noMatches
  'مسح عوامل التصفية', // clearFilters
  'التفاصيل', // details
  'تفاصيل {0}', // detailLabel
  'إغلاق', // close
  'الوصف', // description
  'الخطوات', // steps
  'المكافأة', // reward
  'السعر', // price
  'المنصة', // platform
  'أندرويد', // android
  'آي أو إس', // ios
  'البلدان', // countries
  'جميع البلدان', // allCountries
  'مشاهدة في المتجر', // preview
  'يُفتح في علامة تبويب جديدة', // opensInNewTab
];
