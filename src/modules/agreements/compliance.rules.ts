// The rules of trade a PKS is judged by, in ONE place (docs/COMPLIANCE.md lists them with their sources).
// Each rule carries its instrument and article, the start dates of the PKS it applies to, a pure check
// over the PKS terms and a bilingual message citing the article. A PKS is judged by the rules in force on
// its START date: one that starts before 2021-05-01 (Permendag 23/2021 in force, Permendag 70/2013
// revoked) by the 70/2013 rules, any later one by PP 29/2021 Pasal 95 and Permendag 23/2021 Pasal 11.
// A "blocking" finding stops submitting and signing; a "warning" is shown to every party and the Dinas.
// The settlement module reads the same terms for its payment clock (`paymentDueDate`). No I/O.
import { addDays } from '../../platform/clock.ts';
import type { Bilingual } from '../../platform/errors.ts';
import { formatBasisPoints } from '../../platform/format.ts';
import type { OtherFee } from './agreements.tables.ts';

/** The day Permendag 23/2021 took effect and Permendag 70/2013 stopped applying. */
export const REGIME_CHANGE = '2021-05-01';
/** PP 29/2021 Pasal 95(1)(b): cash, or at most 15 calendar days after the billing documents are complete. */
export const MAX_PAYMENT_DAYS = 15;
/** Fees outside the regular discount may total at most 15 % (Permendag 23/2021 Pasal 11; 70/2013 before). */
export const MAX_OTHER_FEES_BP = 1500;

/** The terms of one PKS version the rules read. `paymentTermDays` counts calendar days after the billing
 *  documents are complete (the TTF); 0 means cash. Fees are basis points of the supplier's billed value. */
export interface PksTerms {
  startsOn: string;
  otherFees: OtherFee[];
  paymentTermDays: number;
  smallSupplyPaymentDays: number | null;
  paymentTechnicalReason: string | null;
}

export type Severity = 'blocking' | 'warning';

export interface Finding {
  rule: string;
  reference: string;
  severity: Severity;
  /** The PKS field to correct, as the API names it (`paymentTermDays`, `otherFees.0.name`). */
  field: string;
  message: Bilingual;
  /** What the rule says, for the screen. */
  text: Bilingual;
}

export interface ComplianceRule {
  id: string;
  instrument: string;
  /** Null where the catalogue cites the instrument only (see docs/COMPLIANCE.md). */
  article: string | null;
  reference: string;
  /** Applies to PKS starting on or after this date (null: any earlier one) … */
  from: string | null;
  /** … and on or before this one (null: still in force). */
  until: string | null;
  severity: Severity;
  text: Bilingual;
  check(t: PksTerms): { field: string; message: Bilingual } | null;
}

/** "1.250" basis points → "12,5%". */

const feesTotal = (fees: OtherFee[]) => fees.reduce((s, f) => s + f.bp, 0);

/** The 15 % fee cap, checked the same way under either instrument; only the wording cites its own source. */
const overFeeCap = (t: PksTerms, say: (total: string) => Bilingual) => {
  const fees = feesTotal(t.otherFees);
  return fees <= MAX_OTHER_FEES_BP ? null : { field: 'otherFees', message: say(formatBasisPoints(fees, 'id')) };
};

/** A registration (listing) fee under any of the names the trade uses for it, in either language. */
const LISTING_FEE = /listing|pendaftaran|registrasi|registration|pencatatan\s+produk|new\s+item|(item|produk)\s+baru/i;
export const isListingFee = (f: OtherFee) => LISTING_FEE.test(f.name);

const PP29 = 'PP No. 29 Tahun 2021';
const P23 = 'Permendag No. 23 Tahun 2021';
const P70 = 'Permendag No. 70 Tahun 2013';

export const RULES: readonly ComplianceRule[] = [
  {
    id: 'pp29_2021_p95_1a_listing_fee',
    instrument: PP29,
    article: 'Pasal 95 ayat (1) huruf a',
    reference: 'PP 29/2021 Pasal 95 ayat (1) huruf a',
    from: REGIME_CHANGE,
    until: null,
    severity: 'blocking',
    text: {
      id: 'Toko swalayan tidak memungut biaya pendaftaran (listing fee) dari pemasok usaha mikro, kecil dan menengah.',
      en: 'A toko swalayan charges micro, small and medium suppliers no registration (listing) fee.',
    },
    check: (t) => {
      const i = t.otherFees.findIndex(isListingFee);
      if (i < 0) return null;
      const name = t.otherFees[i]?.name ?? '';
      return {
        field: `otherFees.${i}.name`,
        message: {
          id: `"${name}" adalah biaya pendaftaran (listing fee), yang tidak boleh dipungut dari pemasok UMKM (PP 29/2021 Pasal 95 ayat (1) huruf a).`,
          en: `"${name}" is a registration (listing) fee, which may not be charged to a UMKM supplier (PP 29/2021 Pasal 95 ayat (1) huruf a).`,
        },
      };
    },
  },
  {
    id: 'pp29_2021_p95_1b_payment_term',
    instrument: PP29,
    article: 'Pasal 95 ayat (1) huruf b',
    reference: 'PP 29/2021 Pasal 95 ayat (1) huruf b',
    from: REGIME_CHANGE,
    until: null,
    severity: 'blocking',
    text: {
      id: 'Toko swalayan membayar pemasok UMKM secara tunai, atau karena alasan teknis paling lama 15 hari setelah seluruh dokumen penagihan diterima, berapa pun nilainya.',
      en: 'A toko swalayan pays UMKM suppliers in cash or, for a technical reason, at most 15 days after all billing documents are received, whatever the amount.',
    },
    check: (t) => {
      for (const field of ['paymentTermDays', 'smallSupplyPaymentDays'] as const) {
        const days = t[field];
        if (days !== null && days > MAX_PAYMENT_DAYS) {
          return {
            field,
            message: {
              id: `PKS ini membayar ${days} hari setelah tagihan lengkap; pemasok UMKM harus dibayar tunai atau paling lama 15 hari setelah dokumen tagihan lengkap diterima (PP 29/2021 Pasal 95 ayat (1) huruf b).`,
              en: `This PKS pays ${days} days after complete billing; a UMKM supplier must be paid in cash or at most 15 days after the billing documents are complete (PP 29/2021 Pasal 95 ayat (1) huruf b).`,
            },
          };
        }
      }
      return null;
    },
  },
  {
    id: 'pp29_2021_p95_1b_technical_reason',
    instrument: PP29,
    article: 'Pasal 95 ayat (1) huruf b',
    reference: 'PP 29/2021 Pasal 95 ayat (1) huruf b',
    from: REGIME_CHANGE,
    until: null,
    severity: 'blocking',
    text: {
      id: 'Pembayaran yang tidak tunai hanya boleh karena alasan teknis; alasannya dicatat dalam PKS.',
      en: 'Payment other than cash is allowed only for a technical reason, recorded in the PKS.',
    },
    check: (t) =>
      t.paymentTermDays > 0 && !t.paymentTechnicalReason?.trim()
        ? {
            field: 'paymentTechnicalReason',
            message: {
              id: 'Pembayaran tidak tunai: tuliskan alasan teknisnya (PP 29/2021 Pasal 95 ayat (1) huruf b).',
              en: 'Payment is not in cash: record the technical reason (PP 29/2021 Pasal 95 ayat (1) huruf b).',
            },
          }
        : null,
  },
  {
    id: 'permendag23_2021_p11_fee_cap',
    instrument: P23,
    article: 'Pasal 11',
    reference: 'Permendag 23/2021 Pasal 11',
    from: REGIME_CHANGE,
    until: null,
    // A warning: the regulation caps trading-term costs, and how a chain's fee list maps onto that base is
    // the parties' reading (docs/COMPLIANCE.md); the Dinas judges, the screen and the PDF show it.
    severity: 'warning',
    text: {
      id: 'Seluruh biaya persyaratan perdagangan di luar potongan harga reguler paling banyak 15%.',
      en: 'All trading-term costs outside the regular discount total at most 15%.',
    },
    check: (t) =>
      overFeeCap(t, (total) => ({
        id: `Biaya di luar potongan harga reguler berjumlah ${total} dari nilai tagihan pemasok, melebihi batas 15% (Permendag 23/2021 Pasal 11).`,
        en: `Fees outside the regular discount total ${total} of the supplier's billed value, above the 15% cap (Permendag 23/2021 Pasal 11).`,
      })),
  },
  {
    id: 'permendag70_other_fees',
    instrument: P70,
    article: null,
    reference: P70,
    from: null,
    until: addDays(REGIME_CHANGE, -1),
    severity: 'warning',
    text: {
      id: 'Biaya selain potongan harga reguler paling banyak 15%.',
      en: 'Fees other than the regular discount total at most 15%.',
    },
    check: (t) =>
      overFeeCap(t, (total) => ({
        id: `Biaya selain potongan harga reguler berjumlah ${total}, melebihi batas 15% (${P70}).`,
        en: `Fees other than the regular discount total ${total}, above the 15% cap (${P70}).`,
      })),
  },
  {
    id: 'permendag70_small_supply_payment',
    instrument: P70,
    article: null,
    reference: P70,
    from: null,
    until: addDays(REGIME_CHANGE, -1),
    severity: 'warning',
    text: {
      id: 'Pasokan usaha kecil sampai Rp10.000.000 dibayar tunai atau paling lama 15 hari setelah tagihan lengkap.',
      en: 'Supplies from small businesses up to Rp10,000,000 are paid in cash or within 15 days of complete billing.',
    },
    check: (t) => {
      const field = t.smallSupplyPaymentDays === null ? 'paymentTermDays' : 'smallSupplyPaymentDays';
      const days = t.smallSupplyPaymentDays ?? t.paymentTermDays;
      if (days <= MAX_PAYMENT_DAYS) return null;
      return {
        field,
        message: {
          id: `Pasokan usaha kecil sampai Rp10.000.000 harus dibayar tunai atau paling lama 15 hari setelah tagihan lengkap; PKS ini membayar ${days} hari (${P70}).`,
          en: `Supplies from small businesses up to Rp10,000,000 must be paid in cash or within 15 days of complete billing; this PKS pays in ${days} days (${P70}).`,
        },
      };
    },
  },
];

/** The rules that apply to a PKS starting on `startsOn`. */
export const rulesFor = (startsOn: string) =>
  RULES.filter((r) => (r.from === null || startsOn >= r.from) && (r.until === null || startsOn <= r.until));

/** Whether a PKS starting on this date still has the 70/2013 term for small supplies (≤ Rp10.000.000). */
export const smallSupplyTermApplies = (startsOn: string) => startsOn < REGIME_CHANGE;

/** Every finding for a PKS, blocking ones first, in the rules' order. */
export function judge(t: PksTerms): Finding[] {
  const out: Finding[] = [];
  for (const r of rulesFor(t.startsOn)) {
    const hit = r.check(t);
    if (hit) out.push({ rule: r.id, reference: r.reference, severity: r.severity, field: hit.field, message: hit.message, text: r.text });
  }
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'blocking' ? -1 : 1));
}

export const blockingFindings = (t: PksTerms) => judge(t).filter((f) => f.severity === 'blocking');

/** The last day a supplier may be paid for a bill whose documents were complete on `billingCompleteOn`
 *  (the TTF): the same day for cash, else that many calendar days later. */
export function paymentDueDate(t: Pick<PksTerms, 'paymentTermDays'>, billingCompleteOn: string): string {
  return addDays(billingCompleteOn, t.paymentTermDays);
}

/** The catalogue as the API serves it (checks are code, not data). */
export const catalogue = () => RULES.map(({ check: _check, ...r }) => ({ ...r }));
