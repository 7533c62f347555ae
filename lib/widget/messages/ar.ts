import type { Messages } from './types';

// U+2068/U+2069 isolate the user's text, so an item written left to right (or ending in
// punctuation) cannot reorder the Arabic sentence around it. « » mirror in right-to-left text.
const q = (value: string): string => `«\u2068${value}\u2069»`;
const isolate = (value: string): string => `\u2068${value}\u2069`;

/** Arabic counts (CLDR): 0, 1, 2, 3–10, 11–99 and the rest each take their own noun form. */
function count(
  n: number,
  forms: { zero: string; one: string; two: string; few: string; many: string },
): string {
  if (n === 0) return forms.zero;
  if (n === 1) return forms.one;
  if (n === 2) return forms.two;
  const rest = n % 100;
  if (rest >= 3 && rest <= 10) return forms.few;
  return forms.many;
}

export const ar: Messages = {
  title: 'قائمة المهام',
  newLabel: 'مهمة جديدة',
  newPlaceholder: 'ما الذي يجب إنجازه؟',
  add: 'إضافة',
  connecting: 'جارٍ الاتصال بمركز المساعدة…',
  loading: 'جارٍ تحميل قائمة مهامك…',
  empty: 'لا شيء هنا بعد. أضف مهمتك الأولى أعلاه.',
  openCount: (n) =>
    count(n, {
      zero: 'لا توجد مهام مفتوحة',
      one: 'مهمة واحدة مفتوحة',
      two: 'مهمتان مفتوحتان',
      few: `${n} مهام مفتوحة`,
      many: `${n} مهمة مفتوحة`,
    }),
  allDone: 'تم إنجاز كل شيء!',
  edit: 'تعديل',
  editNamed: (value) => `تعديل ${q(value)}`,
  editLabel: 'تعديل المهمة',
  save: 'حفظ',
  cancel: 'إلغاء',
  delete: 'حذف',
  deleteNamed: (value) => `حذف ${q(value)}`,
  clearCompleted: (n) => `مسح المهام المكتملة (${n})`,
  added: (value) => `تمت إضافة ${q(value)}.`,
  saved: (value) => `تم حفظ ${q(value)}.`,
  markedDone: (value) => `تم تعليم ${q(value)} كمكتملة.`,
  markedOpen: (value) => `تم تعليم ${q(value)} كغير مكتملة.`,
  deleted: (value) => `تم حذف ${q(value)}.`,
  cleared: (n) =>
    count(n, {
      zero: 'لم تُمسح أي مهمة.',
      one: 'تم مسح مهمة مكتملة واحدة.',
      two: 'تم مسح مهمتين مكتملتين.',
      few: `تم مسح ${n} مهام مكتملة.`,
      many: `تم مسح ${n} مهمة مكتملة.`,
    }),
  tooLong: (length, max) => `عدد الأحرف ${length}، والحد الأقصى ${max}.`,
  empty_value: 'اكتب شيئًا أولًا.',
  addFailed: (value) => `تعذّرت إضافة ${q(value)}.`,
  saveFailed: (value) => `تعذّر حفظ ${q(value)}.`,
  toggleFailed: (value) => `تعذّر تحديث ${q(value)}.`,
  deleteFailed: (value) => `تعذّر حذف ${q(value)}.`,
  clearFailed: 'تعذّر مسح المهام المكتملة.',
  loadFailed: 'تعذّر تحميل قائمة مهامك.',
  limitReached: (max) =>
    `لقد بلغت الحد الأقصى لعدد المهام (${max}). احذف بعضها لتتمكن من إضافة المزيد.`,
  rateLimited: (seconds) => `تغييرات كثيرة في وقت واحد. حاول مرة أخرى بعد ${seconds} ث.`,
  network: 'تعذّر الوصول إلى خدمة المهام. تحقّق من اتصالك وحاول مرة أخرى.',
  serviceUnavailable: 'خدمة المهام غير متاحة الآن. حاول مرة أخرى بعد قليل.',
  signInFailed: 'تعذّر تأكيد تسجيل دخولك إلى مركز المساعدة. حاول مرة أخرى.',
  notFound: 'هذه المهمة لم تعد موجودة؛ تم تحديث القائمة.',
  rejected: 'رفضت خدمة المهام هذا التغيير.',
  retry: 'إعادة المحاولة',
  dismiss: 'إغلاق',
  signedOut: 'سجّل الدخول لعرض قائمة مهامك.',
  signIn: 'تسجيل الدخول',
  featureUnavailable:
    'لا يستطيع مركز المساعدة هذا إصدار رموز تسجيل الدخول التي تحتاجها قائمة المهام (رموز JWT لمراكز المساعدة جزء من Guide Enterprise).',
  notEmbedded: 'تعمل قائمة المهام هذه داخل صفحة في مركز المساعدة. راجع ملف README لإضافتها.',
  toggleAll: 'تعليم الكل كمكتمل',
  markedAllDone: 'تم تعليم جميع المهام كمكتملة.',
  markedAllOpen: 'تم تعليم جميع المهام كغير مكتملة.',
  toggleAllFailed: 'تعذّر تحديث المهام.',
  filterLabel: 'عرض',
  filterAll: 'الكل',
  filterActive: 'المفتوحة',
  filterCompleted: 'المكتملة',
  noneActive: 'لا توجد مهام مفتوحة.',
  noneCompleted: 'لا توجد مهام مكتملة.',
  yourData: 'بياناتك',
  download: 'تنزيل بياناتي',
  downloaded: (fileName) => `تم حفظ بياناتك في الملف ${isolate(fileName)}.`,
  downloadFailed: 'تعذّر تنزيل بياناتك.',
  deleteAll: 'حذف جميع بياناتي',
  confirmTitle: 'هل تريد حذف جميع بياناتك؟',
  confirmText: (n) =>
    `سيؤدي هذا إلى حذف ${n === 1 ? 'مهمتك الوحيدة' : `جميع مهامك (${n})`} من خدمة المهام نهائيًا. لا يمكن التراجع عن ذلك. نزّل بياناتك أولًا إن أردت الاحتفاظ بنسخة منها.`,
  confirmDelete: 'حذف كل شيء',
  erased: 'تم حذف جميع بياناتك.',
  eraseFailed: 'تعذّر حذف بياناتك.',
};
