// Texts and shapes of the agreement pages (MoU and PKS), Indonesian first; t() picks by language.
import type { Answer, Item } from '../../api-types.ts';
import { formatBasisPoints, formatDate, formatRupiah } from '../../format.ts';
import { type Bilingual, useI18n } from '../../i18n.tsx';

/** The one translation system (useI18n) with the agreement pages' date format. */
export function useText() {
  const { t, lang, locale, tx } = useI18n();
  return { t, tx, lang, locale, date: (d: string) => formatDate(d, lang) };
}

export const rp = formatRupiah;
/** A rate in basis points as a percentage, in the page's language. */
export const pct = (bp: number, lang: 'id' | 'en' = 'id') => formatBasisPoints(bp, lang);

export type Bi = Bilingual;
export type Detail = Answer<'/api/agreements/{id}'>;
export type Summary = Item<'/api/agreements'>;
export type Version = Detail['current'];
export type Party = Version['requiredParties'][number];
export type Event = Detail['allowed'][number];
/** A finding of the rules of trade: a blocking one stops sending and signing the PKS. */
export type Finding = Summary['warnings'][number];
export type ProductTerm = NonNullable<Version['pks']>['products'][number];

export const SEVERITY: Record<Finding['severity'], [string, string]> = {
  blocking: ['Melanggar aturan', 'Breaks the rules'],
  warning: ['Catatan kepatuhan', 'Compliance note'],
};

export const PARTY: Record<Party, [string, string]> = {
  government: ['Pemerintah daerah', 'Local government'],
  chain: ['Jaringan ritel', 'Retail chain'],
  umkm: ['UMKM', 'UMKM'],
};

/** A version's stored status in words (the history lists every version, not only the current one). */
export const VERSION_STATUS: Record<string, [string, string]> = {
  draft: ['draf', 'draft'],
  in_review: ['menunggu tanda tangan', 'awaiting signatures'],
  signed: ['ditandatangani', 'signed'],
  superseded: ['digantikan adendum', 'superseded by an amendment'],
  terminated: ['diakhiri', 'terminated'],
  withdrawn: ['ditarik', 'withdrawn'],
};

export const SETTLEMENT: Record<string, [string, string]> = {
  weekly: ['mingguan', 'weekly'],
  two_weekly: ['dua mingguan', 'two-weekly'],
  monthly: ['bulanan', 'monthly'],
};

export const phaseTone = (phase: string): 'ok' | 'warn' | 'bad' | 'neutral' =>
  phase === 'active'
    ? 'ok'
    : phase === 'in_review' || phase === 'signed' || phase === 'draft'
      ? 'warn'
      : phase === 'terminated'
        ? 'bad'
        : 'neutral';
