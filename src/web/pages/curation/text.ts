// Left only for MentoringPage.tsx (owned by the mentoring work, which moves it to useI18n): the curation
// pages use useI18n() and src/platform/format.ts. Delete this file once nothing imports it.
import { useI18n } from '../../i18n.tsx';

export function useText() {
  const { lang, locale } = useI18n();
  const t = (id: string, en: string) => (lang === 'id' ? id : en);
  const nf = new Intl.NumberFormat(locale);
  return { t, lang, locale, n: (x: number) => nf.format(x) };
}
