// Agreement rules (C4), pure: the lifecycle state machine, which parties sign, how a signed version's
// period reads on a date (signed → active → expired), the numbers a UMKM reads first, and the chains'
// PKS templates (which comply with compliance.rules.ts, the rules of trade). No I/O.

import { addDays, daysBetween, localDate } from '../../platform/clock.ts';
import type { Bilingual } from '../../platform/errors.ts';
import { mulDiv, type Rupiah, rupiah } from '../../platform/money.ts';
import type { AgreementKind, OtherFee, Party, SettlementPeriod, TradeModel, UnsoldGoods, VersionStatus } from './agreements.tables.ts';
import { type Finding, paymentDueDate } from './compliance.rules.ts';

// ---- lifecycle ------------------------------------------------------------------------------------

/** Human-driven events; "active" and "expired" follow from the signed period and need no event. */
export type LifecycleEvent = 'edit' | 'submit' | 'return' | 'sign' | 'withdraw' | 'terminate' | 'amend';

/** Which stored status each event may start from. Signing completes in_review → signed with the last party. */
export const TRANSITIONS: Record<LifecycleEvent, readonly VersionStatus[]> = {
  edit: ['draft'],
  submit: ['draft'],
  return: ['in_review'],
  sign: ['in_review'],
  withdraw: ['draft', 'in_review'],
  terminate: ['signed'],
  amend: ['signed'],
};

export const canApply = (event: LifecycleEvent, from: VersionStatus) => TRANSITIONS[event].includes(from);

export const STATUS_LABEL: Record<VersionStatus, Bilingual> = {
  draft: { id: 'draf', en: 'draft' },
  in_review: { id: 'dalam peninjauan', en: 'in review' },
  signed: { id: 'ditandatangani', en: 'signed' },
  superseded: { id: 'digantikan adendum', en: 'superseded by an amendment' },
  terminated: { id: 'diakhiri', en: 'terminated' },
  withdrawn: { id: 'ditarik', en: 'withdrawn' },
};

export const EVENT_LABEL: Record<LifecycleEvent, Bilingual> = {
  edit: { id: 'mengubah', en: 'edit' },
  submit: { id: 'mengajukan untuk ditinjau', en: 'submit for review' },
  return: { id: 'mengembalikan ke draf', en: 'return to draft' },
  sign: { id: 'menandatangani', en: 'sign' },
  withdraw: { id: 'menarik', en: 'withdraw' },
  terminate: { id: 'mengakhiri', en: 'terminate' },
  amend: { id: 'membuat adendum', en: 'amend' },
};

/** The parties whose signatures make a version signed. The government witnesses a PKS when its MoU says so. */
export function requiredParties(kind: AgreementKind, witnessRequired: boolean): Party[] {
  if (kind === 'mou') return ['government', 'chain'];
  return witnessRequired ? ['chain', 'umkm', 'government'] : ['chain', 'umkm'];
}

/** The party that drafts, submits, amends and withdraws: the Dinas for an MoU, the chain for a PKS. */
export const drafterOf = (kind: AgreementKind): Party => (kind === 'mou' ? 'government' : 'chain');

export interface PeriodFacts {
  status: VersionStatus;
  starts_on: string;
  ends_on: string;
  superseded_on: string | null;
  terminated_on: string | null;
}

/** Whether a version's terms bind on a date: signed, within its period, before any amendment replaced it
 *  and before its termination took effect. The SQL twin is `inForceSql` in agreements.queries.ts. */
export function inForceOn(v: PeriodFacts, date: string): boolean {
  if (v.status !== 'signed' && v.status !== 'superseded' && v.status !== 'terminated') return false;
  if (date < v.starts_on || date > v.ends_on) return false;
  if (v.superseded_on && date >= v.superseded_on) return false;
  if (v.terminated_on && date >= v.terminated_on) return false;
  return true;
}

export type Phase = 'draft' | 'in_review' | 'signed' | 'active' | 'expired' | 'terminated' | 'superseded' | 'withdrawn';

/** What a version is on a date, for people: a signed version is "signed" before its start, "active" in
 *  its period and "expired" after it; a termination counts from its effective date. */
export function phaseOn(v: PeriodFacts, date: string): Phase {
  switch (v.status) {
    case 'draft':
    case 'in_review':
    case 'withdrawn':
      return v.status;
    case 'superseded':
      return 'superseded';
    default: {
      if (v.terminated_on && date >= v.terminated_on) return 'terminated';
      if (date < v.starts_on) return 'signed';
      if (date > v.ends_on) return 'expired';
      return 'active';
    }
  }
}

export const PHASE_LABEL: Record<Phase, Bilingual> = {
  draft: { id: 'Draf', en: 'Draft' },
  in_review: { id: 'Menunggu tanda tangan', en: 'Awaiting signatures' },
  signed: { id: 'Ditandatangani, belum berlaku', en: 'Signed, not yet in force' },
  active: { id: 'Berlaku', en: 'Active' },
  expired: { id: 'Berakhir', en: 'Expired' },
  terminated: { id: 'Diakhiri', en: 'Terminated' },
  superseded: { id: 'Digantikan adendum', en: 'Superseded' },
  withdrawn: { id: 'Ditarik', en: 'Withdrawn' },
};

// ---- dates ----------------------------------------------------------------------------------------

/** Calendar dates: one definition each, in the clock module. */
export { addDays, daysBetween, localDate };

/** The last day of the settlement period that contains `date`, counting periods from the PKS start. */
export function settlementPeriodEnd(startsOn: string, period: SettlementPeriod, date: string): string {
  if (period === 'monthly') {
    const d = new Date(`${date}T00:00:00Z`);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  }
  const len = period === 'weekly' ? 7 : 14;
  const k = Math.floor(Math.max(0, daysBetween(startsOn, date)) / len);
  return addDays(startsOn, (k + 1) * len - 1);
}

// ---- rules of trade -------------------------------------------------------------------------------

/** The rules of trade live in compliance.rules.ts (one catalogue, versioned by date). */

// ---- prices ---------------------------------------------------------------------------------------

/** The chain's markup on a product, shown to the UMKM beside its own price: never hidden. */
export function markup(supplier: Rupiah, shelf: Rupiah): { rupiah: Rupiah; bpOfShelf: number } {
  const diff = (shelf - supplier) as Rupiah;
  const bp = shelf > 0n ? Number(mulDiv(diff, 10_000n, shelf)) : 0;
  return { rupiah: diff, bpOfShelf: bp };
}

/** A shelf price that leaves the chain its margin of the shelf price, rounded up to Rp100. */
export function shelfPriceFor(supplier: Rupiah, marginBp: number): Rupiah {
  if (marginBp >= 10_000) throw new RangeError('margin must be below 100%');
  const exact = mulDiv(supplier, 10_000n, BigInt(10_000 - marginBp));
  return rupiah(((exact + 99n) / 100n) * 100n);
}

// ---- templates and vocabulary ---------------------------------------------------------------------

export interface PksTemplate {
  tradeModel: TradeModel;
  marginBp: number;
  otherFees: OtherFee[];
  paymentTermDays: number;
  smallSupplyPaymentDays: number | null;
  paymentTechnicalReason: string | null;
  settlementPeriod: SettlementPeriod;
  unsoldGoods: UnsoldGoods;
  expiredGoodsBorneBy: 'umkm' | 'chain';
  perishablePickupHours: number | null;
  returnNote: string;
}

/** The technical reason the chains' templates give for not paying cash (PP 29/2021 Pasal 95(1)(b)). */
export const PAYMENT_REASON =
  'Pembayaran melalui transfer bank setelah penjualan per gerai diverifikasi dan Tanda Terima Faktur (TTF) diterbitkan.';

/** Each chain's standard PKS for local products, within the 15 days of PP 29/2021 Pasal 95(1)(b); the chain
 *  edits the draft before sending it. */
export const PKS_TEMPLATES: Record<'alfamart' | 'alfamidi' | 'indomaret', PksTemplate> = {
  alfamart: {
    tradeModel: 'konsinyasi',
    marginBp: 2000,
    otherFees: [{ name: 'Biaya promosi', bp: 200 }],
    paymentTermDays: 14,
    smallSupplyPaymentDays: null,
    paymentTechnicalReason: PAYMENT_REASON,
    settlementPeriod: 'monthly',
    unsoldGoods: 'returned_to_umkm',
    expiredGoodsBorneBy: 'umkm',
    perishablePickupHours: 24,
    returnNote: 'Barang tidak laku ditarik kembali oleh UMKM pada akhir periode penyelesaian.',
  },
  alfamidi: {
    tradeModel: 'konsinyasi',
    marginBp: 1800,
    otherFees: [],
    paymentTermDays: 14,
    smallSupplyPaymentDays: null,
    paymentTechnicalReason: PAYMENT_REASON,
    settlementPeriod: 'two_weekly',
    unsoldGoods: 'returned_to_umkm',
    expiredGoodsBorneBy: 'umkm',
    perishablePickupHours: 24,
    returnNote: 'Barang tidak laku ditarik kembali oleh UMKM pada akhir periode penyelesaian.',
  },
  indomaret: {
    tradeModel: 'konsinyasi',
    marginBp: 2000,
    otherFees: [],
    paymentTermDays: 14,
    smallSupplyPaymentDays: null,
    paymentTechnicalReason: PAYMENT_REASON,
    settlementPeriod: 'two_weekly',
    unsoldGoods: 'returned_to_umkm',
    expiredGoodsBorneBy: 'umkm',
    perishablePickupHours: 12,
    returnNote: 'Makanan basah yang tidak laku diambil UMKM dalam jangka waktu penjemputan.',
  },
};

export const TRADE_MODEL_LABEL: Record<TradeModel, Bilingual> = {
  konsinyasi: { id: 'Konsinyasi (titip jual)', en: 'Consignment' },
  beli_putus: { id: 'Beli putus', en: 'Outright purchase' },
};

export const SETTLEMENT_LABEL: Record<SettlementPeriod, Bilingual> = {
  weekly: { id: 'mingguan', en: 'weekly' },
  two_weekly: { id: 'dua mingguan', en: 'two-weekly' },
  monthly: { id: 'bulanan', en: 'monthly' },
};

export const UNSOLD_LABEL: Record<UnsoldGoods, Bilingual> = {
  returned_to_umkm: { id: 'dikembalikan kepada UMKM (risiko UMKM)', en: 'returned to the UMKM (the UMKM bears it)' },
  borne_by_chain: { id: 'menjadi tanggungan jaringan ritel', en: 'borne by the chain' },
};

export const PARTY_LABEL: Record<Party, Bilingual> = {
  government: { id: 'Pemerintah Daerah', en: 'Local government' },
  chain: { id: 'Jaringan ritel', en: 'Retail chain' },
  umkm: { id: 'UMKM', en: 'UMKM' },
};

/** Agreement numbers: MOU/17.71/ALFAMART/2026/001, PKS/ALFAMART/16.02/2026/0001. */
export function agreementNumber(kind: AgreementKind, regionCode: string, chainCode: string, year: string, seq: number): string {
  const chain = chainCode.toUpperCase();
  return kind === 'mou'
    ? `MOU/${regionCode}/${chain}/${year}/${String(seq).padStart(3, '0')}`
    : `PKS/${chain}/${regionCode}/${year}/${String(seq).padStart(4, '0')}`;
}

/** What a UMKM reads first on its phone, in plain Indonesian. The example assumes the bill for the first
 *  period is complete on the day the period ends; the payment clock starts when it is (the TTF). */
export function whenPaid(t: { tradeModel: TradeModel; settlementPeriod: SettlementPeriod; paymentTermDays: number; startsOn: string }): {
  text: Bilingual;
  example: { periodEnd: string; payBy: string };
} {
  const periodEnd = settlementPeriodEnd(t.startsOn, t.settlementPeriod, t.startsOn);
  const payBy = paymentDueDate(t, periodEnd);
  const consignment = t.tradeModel === 'konsinyasi';
  const cash = t.paymentTermDays === 0;
  const period = SETTLEMENT_LABEL[t.settlementPeriod];
  return {
    text: {
      id: `${consignment ? 'Barang yang terjual' : 'Barang yang Anda kirim'} dihitung ${period.id}; ${
        cash
          ? 'uangnya dibayar tunai begitu dokumen tagihan lengkap diterima.'
          : `uangnya dibayar paling lambat ${t.paymentTermDays} hari setelah dokumen tagihan lengkap diterima.`
      }`,
      en: `${consignment ? 'What is sold' : 'What you deliver'} is settled ${period.en}; ${
        cash
          ? 'the money is paid in cash as soon as the complete billing documents are received.'
          : `the money is paid at the latest ${t.paymentTermDays} days after the complete billing documents are received.`
      }`,
    },
    example: { periodEnd, payBy },
  };
}

// ---- periods on the calendar ----------------------------------------------------------------------

/** How far back a PKS may start when it is drafted, submitted or edited: a month covers goods delivered
 *  while the paperwork caught up; anything older is a back-dated contract (the issue saw one starting 11
 *  months back) and must be agreed as such outside the platform. */
export const PKS_MAX_DAYS_BACK = 30;

/** The longest period an agreement may run (ten years, as the Dinas's MoU templates allow). */
export const MAX_PERIOD_DAYS = 366 * 10;

export interface PeriodProblem {
  field: 'startsOn' | 'endsOn';
  code: string;
  message: Bilingual;
}

/**
 * What is wrong with an agreement's period on `today` (the region's local date) when it is created, edited,
 * submitted (`moment: 'draft'`), amended (`'amendment'`: a later version of an agreement already signed)
 * or signed (`'sign'`): it must end after it starts, not run longer than ten years, not lie wholly in the
 * past, and a new PKS must not start more than PKS_MAX_DAYS_BACK days back. That bound is not applied to an
 * amendment (it keeps the start the parties signed long ago) nor at signing (the parties sign what was
 * sent; a slow signature does not make the start back-dated). `fmt` writes a date for people in both
 * languages.
 */
export function periodProblems(
  kind: AgreementKind,
  p: { startsOn: string; endsOn: string },
  today: string,
  moment: 'draft' | 'amendment' | 'sign',
  fmt: (date: string) => Bilingual,
): PeriodProblem[] {
  const out: PeriodProblem[] = [];
  if (p.endsOn <= p.startsOn) {
    out.push({
      field: 'endsOn',
      code: 'ends_after_starts',
      message: { id: 'Tanggal berakhir harus setelah tanggal mulai.', en: 'The end date must be after the start date.' },
    });
  } else if (daysBetween(p.startsOn, p.endsOn) > MAX_PERIOD_DAYS) {
    out.push({
      field: 'endsOn',
      code: 'period_too_long',
      message: { id: 'Jangka waktu paling lama 10 tahun.', en: 'The period is at most 10 years.' },
    });
  }
  if (p.endsOn < today) {
    const t = fmt(today);
    out.push({
      field: 'endsOn',
      code: 'period_past',
      message: {
        id: `Jangka waktu ini sudah lewat seluruhnya: tanggal berakhir harus hari ini (${t.id}) atau sesudahnya.`,
        en: `This period is wholly past: the end date must be today (${t.en}) or later.`,
      },
    });
  }
  const earliest = addDays(today, -PKS_MAX_DAYS_BACK);
  if (kind === 'pks' && moment === 'draft' && p.startsOn < earliest) {
    const e = fmt(earliest);
    out.push({
      field: 'startsOn',
      code: 'starts_too_early',
      message: {
        id: `PKS tidak boleh mulai lebih dari ${PKS_MAX_DAYS_BACK} hari sebelum hari ini: paling awal ${e.id}.`,
        en: `A PKS cannot start more than ${PKS_MAX_DAYS_BACK} days before today: ${e.en} at the earliest.`,
      },
    });
  }
  return out;
}

/** A warning, not a block: the business already has a PKS in force with the same chain for a product of
 *  this draft (a second one is usually an amendment of the first, or a mistake). `shared` lists the other
 *  PKS and the draft's product (by its position in the draft) each shares. */
export function duplicatePksFinding(chainName: string, shared: { number: string; productName: string; index: number }[]): Finding | null {
  const first = shared[0];
  if (!first) return null;
  const numbers = [...new Set(shared.map((s) => s.number))].join(', ');
  const names = [...new Set(shared.map((s) => s.productName))].join(', ');
  return {
    rule: 'pks_already_in_force',
    reference: numbers,
    severity: 'warning',
    field: `products.${first.index}.productId`,
    message: {
      id: `UMKM ini sudah memiliki PKS yang berlaku dengan ${chainName} untuk ${names} (${numbers}). Periksa apakah PKS baru ini memang diperlukan, atau ubah PKS yang berlaku dengan adendum.`,
      en: `This business already has a PKS in force with ${chainName} for ${names} (${numbers}). Check that this new PKS is needed, or amend the one in force instead.`,
    },
    text: {
      id: 'Satu produk cukup diatur oleh satu PKS yang berlaku dengan jaringan ritel yang sama.',
      en: 'One PKS in force with a chain is enough for a product.',
    },
  };
}
