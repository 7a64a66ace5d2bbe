// Texts and shapes of the agreement pages (MoU and PKS), Indonesian first; t() picks by language.
import { formatBasisPoints, formatDate, formatRupiah } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';

/** The one translation system (useI18n) with the agreement pages' date format. */
export function useText() {
  const { t, lang, locale, tx } = useI18n();
  return { t, tx, lang, locale, date: (d: string) => formatDate(d, lang) };
}

export const rp = formatRupiah;
/** A rate in basis points as a percentage, in the page's language. */
export const pct = (bp: number, lang: 'id' | 'en' = 'id') => formatBasisPoints(bp, lang);

export interface Bi {
  id: string;
  en: string;
}
export type Party = 'government' | 'chain' | 'umkm';
export type Event = 'edit' | 'submit' | 'return' | 'sign' | 'withdraw' | 'terminate' | 'amend';

export interface Summary {
  id: string;
  kind: 'mou' | 'pks';
  number: string;
  phase: string;
  phaseLabel: Bi;
  latestVersion: number;
  openVersion: number | null;
  government: { id: string; name: string } | null;
  chain: { id: string; name: string; code: string };
  umkm: { id: string; name: string } | null;
  mou: { id: string; number: string } | null;
  regionCode: string;
  regionName: string;
  startsOn: string;
  endsOn: string;
  warnings: Finding[];
}

/** A finding of the rules of trade: a blocking one stops sending and signing the PKS. */
export interface Finding {
  rule: string;
  reference: string;
  severity: 'blocking' | 'warning';
  field: string;
  message: Bi;
  text: Bi;
}

export const SEVERITY: Record<Finding['severity'], [string, string]> = {
  blocking: ['Melanggar aturan', 'Breaks the rules'],
  warning: ['Catatan kepatuhan', 'Compliance note'],
};

export interface ProductTerm {
  productId: string;
  name: string;
  supplierPrice: number;
  shelfPrice: number;
  markup: number;
  markupBp: number;
  perishable: boolean;
}

export interface Version {
  version: number;
  status: string;
  phase: string;
  startsOn: string;
  endsOn: string;
  changeNote: string | null;
  documentSha256: string | null;
  mou: {
    outletsWithCorner: number;
    outsideSpots: number;
    promotionEventsPerYear: number;
    curationSupport: boolean;
    mentoringSupport: boolean;
    quota: { bp: number; basis: string; reportEveryMonths: number } | null;
    pksWitness: boolean;
    relaxations: { criterionCode: string; note: string }[];
  } | null;
  pks: {
    tradeModel: 'konsinyasi' | 'beli_putus';
    marginBp: number;
    otherFees: { name: string; bp: number }[];
    paymentTermDays: number;
    paymentTechnicalReason: string | null;
    settlementPeriod: 'weekly' | 'two_weekly' | 'monthly';
    unsoldGoods: 'returned_to_umkm' | 'borne_by_chain';
    expiredGoodsBorneBy: 'umkm' | 'chain';
    perishablePickupHours: number | null;
    products: ProductTerm[];
    whenPaid: { text: string; example: { periodEnd: string; payBy: string } };
  } | null;
  requiredParties: Party[];
  missingParties: Party[];
  signatures: {
    party: Party;
    organizationName: string;
    signerName: string;
    signerTitle: string;
    signedAt: string;
    documentSha256: string;
  }[];
  terminatedOn: string | null;
  terminationReason: string | null;
}

export interface Detail extends Summary {
  today: string;
  versions: { version: number; status: string; phase: string; startsOn: string; endsOn: string; changeNote: string | null }[];
  current: Version;
  myParty: Party | null;
  allowed: Event[];
}

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
