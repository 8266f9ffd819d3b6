/**
 * Arabic (Modern Standard). The wall lays these out right to left; Arabic punctuation (، ؛) is
 * used, and no Latin text is left in the wall's own words.
 */
import type { Texts } from './texts.js';

const ar: Texts = [
  'العروض', // listLabel
  'جارٍ التحميل…', // loading
  'لا توجد عروض حاليًا. يُرجى العودة لاحقًا.', // empty
  'يتعذّر تحميل العروض حاليًا.', // errorTitle
  'إعادة المحاولة', // retry
  'عرض المزيد', // more
  'ابدأ', // start
  'ابدأ {0}، المكافأة: {1}', // startLabel
  'خصم {0}', // discount
  'كيفية إكمال العرض', // stepsLabel
  'نوع العرض', // filterLabel
  'الترتيب حسب', // sortLabel
  'الموصى بها', // sortFeed
  'الأعلى مكافأة', // sortReward
  'الأقل سعرًا', // sortPrice
  'البحث في العروض', // searchLabel
  'zero {لا توجد عروض} one {عرض واحد} two {عرضان} few {# عروض} many {# عرضًا} other {# عرض}', // results
  'لا توجد عروض تطابق عوامل التصفية.', // noMatches
  'مسح عوامل التصفية', // clearFilters
  'إغلاق', // close
  'المنصة', // platform
  'البلدان', // countries
  'مشاهدة في المتجر', // preview
  'الكل', // all
  'تطبيقات', // typeApps
  'مهام', // typeTasks
  'تسجيلات', // typeSignups
  'حزم', // typeBundles
  'عروض خاصة', // typeDeals
  'تحقّق من اتصالك.', // errorOffline
  'تم البدء', // started
  'zero {لا خطوات} one {خطوة واحدة} two {خطوتان} few {# خطوات} many {# خطوة} other {# خطوة}', // steps
  'مكافآتي', // myRewards
  'قيد الانتظار', // pending
  'مجانًا', // free
  'استلم', // claim
  'استلم {0}، {1}', // claimLabel
  'مقفل', // locked
  '+{0} إضافية', // saleMore
  'ينتهي خلال {0} س {1} د', // endsIn
  'ينتهي خلال {0} د', // endsSoon
  'ما ستحصل عليه', // whatYouGet
  'شراء {0}، {1}', // buyLabel
  'الرصيد', // balance
  'تمت الإضافة', // credited
  'تم الإلغاء', // reversed
  'لا شيء بعد: ابدأ عرضًا.', // nothingYet
  'الإبلاغ عن مشكلة', // report
  'يتعذّر تحميل مكافآتك حاليًا.', // rewardsError
  'تم التعديل', // adjusted
  'منتهية الصلاحية', // expired
  'العرض {0}', // unknownOffer
  '', // creditHint
];

export default ar;
