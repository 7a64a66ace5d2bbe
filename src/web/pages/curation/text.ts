// Texts of the curation and mentoring pages, Indonesian first. Kept beside the pages (not in i18n/*.json)
// so these pages could be built while the shared web files were being finished; t() picks by language.
import { useI18n } from '../../i18n.tsx';

export function useText() {
  const { lang, locale } = useI18n();
  const t = (id: string, en: string) => (lang === 'id' ? id : en);
  const nf = new Intl.NumberFormat(locale);
  return { t, lang, locale, n: (x: number) => nf.format(x) };
}

export const OUTCOME: Record<string, [string, string, 'ok' | 'bad' | 'warn']> = {
  lolos: ['Lolos', 'Passed', 'ok'],
  belum_lolos: ['Belum lolos', 'Not yet passed', 'bad'],
  menunggu: ['Menunggu penilaian', 'Awaiting assessment', 'warn'],
};

export const CHAINS = [
  ['alfamart', 'Alfamart'],
  ['alfamidi', 'Alfamidi'],
  ['indomaret', 'Indomaret'],
] as const;
