// Promotion campaigns (C9), the pure part: whether a campaign keeps to the agreements it rests on (the
// MoU's outside spots, each featured product's PKS and placement, the trade-term fee cap when the maker
// pays for a price promotion) and the estimate of what the campaign did to sales. No I/O.
//
// The estimate (docs/PROMOTIONS.md): for each featured product, units at the campaign's outlets during
// the campaign days (T₁) against the same outlets over the same number of days just before (T₀), and —
// the difference-in-differences — against the chain's other outlets in the region that carry the product
// but are not in the campaign, over the same two windows (C₁, C₀). The effect is the ratio of ratios
//   (T₁/T₀) ÷ (C₁/C₀) − 1      (without control outlets: T₁/T₀ − 1, a before/after comparison only)
// and its interval a normal approximation on the log scale over outlet-days: each window's units are a
// count whose variance is its mean times the dispersion φ of the daily units of its outlet-days
// (quasi-Poisson: φ = variance ÷ mean of the units an outlet sold on a day, at least 1), so
//   Var(log effect) ≈ φT₁/T₁ + φT₀/T₀ + φC₁/C₁ + φC₀/C₀,  interval = exp(log ratio ± 1.645·SE) − 1 (90%).
// Deterministic (no random draws), and honest with few outlets, where a bootstrap over outlets would
// collapse to a point. A window without a single unit sold gives no ratio: "too little data to tell".
import type { Bilingual, FieldProblem } from '../../platform/errors.ts';
import { formatBasisPoints, formatPercent } from '../../platform/format.ts';
import type { OtherFee } from '../agreements/agreements.tables.ts';
import { MAX_OTHER_FEES_BP, REGIME_CHANGE } from '../agreements/compliance.rules.ts';
import type { CampaignDisplay, PromotionFunder } from './promotions.tables.ts';

/** Displays outside the outlet (the terrace spots an MoU counts as `outside_spots`). */
export const OUTSIDE_DISPLAYS: readonly CampaignDisplay[] = ['terrace'];
/** The longest campaign the module accepts (a quarter): beyond that it is a listing, not a promotion. */
export const MAX_CAMPAIGN_DAYS = 92;
/** z for a two-sided 90% interval ("kemungkinan besar"). */
const Z90 = 1.645;

export type Severity = 'blocking' | 'warning';

export interface CampaignFinding {
  rule: string;
  reference: string | null;
  severity: Severity;
  field: string;
  message: Bilingual;
}

export interface CampaignOutletInput {
  outletId: string;
  display: CampaignDisplay;
}

export interface CampaignProductInput {
  productId: string;
  discountBp?: number | null;
  fundedBy?: PromotionFunder | null;
  umkmShareBp?: number | null;
}

/** What the store found about one featured product for the campaign's chain, outlets and days. */
export interface ProductFacts {
  productName: string;
  /** The PKS between the chain (or the campaign's branch) and the maker listing the product on the first
   *  day, or null when there is none. */
  pks: {
    agreementId: string;
    number: string;
    umkmId: string;
    /** Start of the version in force on the first day: which instrument's fee cap applies. */
    startsOn: string;
    otherFees: OtherFee[];
    /** Prices of the product in that version: the PKS's fees are basis points of the supplier's billed
     *  value (supplier price), a discount is off the shelf price. */
    supplierPrice: bigint;
    shelfPrice: bigint;
    /** Campaign days on which a version of that PKS listing the product is in force. */
    daysInForce: number;
  } | null;
  /** Campaign outlets where the product has an open placement. */
  placedAt: string[];
}

export interface CampaignFacts {
  days: number;
  /** The MoU of the chain covering the campaign's region, in force on every campaign day, or null. */
  mou: { id: string; number: string; outsideSpots: number | null } | null;
  products: Map<string, ProductFacts>;
}

/** The maker's part of a discount (basis points of the shelf price) on the base the PKS's fees use: basis
 *  points of her billed value (the supplier price), rounded up — a fee is never understated. */
export function onSupplierBase(shelfBp: number, prices: { supplierPrice: bigint; shelfPrice: bigint }): number {
  if (shelfBp <= 0) return 0;
  if (prices.supplierPrice <= 0n) return Number.POSITIVE_INFINITY;
  const num = BigInt(shelfBp) * prices.shelfPrice;
  return Number((num + prices.supplierPrice - 1n) / prices.supplierPrice);
}

/** The largest discount (basis points of the shelf price) the maker can fund alone within the cap. */
export function maxUmkmFundedBp(otherFeesBp: number, prices: { supplierPrice: bigint; shelfPrice: bigint }): number {
  const room = MAX_OTHER_FEES_BP - otherFeesBp;
  if (room <= 0 || prices.shelfPrice <= 0n) return 0;
  return Number((BigInt(room) * prices.supplierPrice) / prices.shelfPrice);
}

/** The part of a discount the maker pays, in basis points of the shelf price. */
export function umkmFundedBp(p: Pick<CampaignProductInput, 'discountBp' | 'fundedBy' | 'umkmShareBp'>): number {
  if (!p.discountBp || !p.fundedBy) return 0;
  if (p.fundedBy === 'umkm') return p.discountBp;
  if (p.fundedBy === 'shared') return Math.round((p.discountBp * (p.umkmShareBp ?? 0)) / 10_000);
  return 0;
}

const feeCapReference = (pksStartsOn: string) => (pksStartsOn < REGIME_CHANGE ? 'Permendag 70/2013' : 'Permendag 23/2021 Pasal 11');

/** Every finding for a campaign, blocking ones first. Blocking ones stop it being created: the chain
 *  decides a campaign alone, so what the agreements do not allow it cannot impose. */
export function judgeCampaign(
  input: { outlets: CampaignOutletInput[]; products: CampaignProductInput[] },
  facts: CampaignFacts,
): CampaignFinding[] {
  const out: CampaignFinding[] = [];
  // Terrace spots: an MoU's display commitment outside the outlets bounds how many the campaign uses.
  const outside = input.outlets.filter((o) => OUTSIDE_DISPLAYS.includes(o.display)).length;
  if (outside > 0) {
    const spots = facts.mou?.outsideSpots ?? 0;
    if (outside > spots) {
      out.push({
        rule: 'mou_outside_spots',
        reference: facts.mou ? `MoU ${facts.mou.number}` : null,
        severity: 'blocking',
        field: 'outlets',
        message: facts.mou
          ? {
              id: `Kampanye memakai ${outside} tempat di teras gerai, melebihi ${spots} tempat di luar gerai yang disepakati dalam MoU ${facts.mou.number}.`,
              en: `The campaign uses ${outside} terrace spots, more than the ${spots} spots outside outlets agreed in MoU ${facts.mou.number}.`,
            }
          : {
              id: 'Tidak ada MoU yang berlaku di wilayah ini selama kampanye yang menyediakan tempat di luar gerai; pilih pajangan di dalam gerai.',
              en: 'No MoU in force in this region for the campaign days provides spots outside outlets; choose a display inside the outlet.',
            },
      });
    }
  }
  input.products.forEach((p, i) => {
    const f = facts.products.get(p.productId);
    const field = `products.${i}.productId`;
    if (!f?.pks) {
      out.push({
        rule: 'pks_in_force',
        reference: null,
        severity: 'blocking',
        field,
        message: {
          id: `${f?.productName ?? 'Produk ini'} tidak tercantum dalam PKS yang berlaku dengan jaringan ritel ini pada hari pertama kampanye.`,
          en: `${f?.productName ?? 'This product'} is not listed in a PKS in force with this chain on the first campaign day.`,
        },
      });
      return;
    }
    if (f.pks.daysInForce < facts.days) {
      out.push({
        rule: 'pks_in_force',
        reference: `PKS ${f.pks.number}`,
        severity: 'blocking',
        field,
        message: {
          id: `PKS ${f.pks.number} untuk ${f.productName} hanya berlaku ${f.pks.daysInForce} dari ${facts.days} hari kampanye.`,
          en: `PKS ${f.pks.number} for ${f.productName} is in force on only ${f.pks.daysInForce} of the ${facts.days} campaign days.`,
        },
      });
    }
    if (f.placedAt.length === 0) {
      out.push({
        rule: 'placed_at_outlets',
        reference: null,
        severity: 'blocking',
        field,
        message: {
          id: `${f.productName} tidak sedang dipajang di gerai mana pun dari kampanye ini.`,
          en: `${f.productName} is not on the shelf at any of the campaign's outlets.`,
        },
      });
    } else if (f.placedAt.length < input.outlets.length) {
      out.push({
        rule: 'placed_at_outlets',
        reference: null,
        severity: 'warning',
        field,
        message: {
          id: `${f.productName} dipajang di ${f.placedAt.length} dari ${input.outlets.length} gerai kampanye; di gerai lainnya produk ini tidak ikut dipromosikan.`,
          en: `${f.productName} is on the shelf at ${f.placedAt.length} of the ${input.outlets.length} campaign outlets; it is not promoted at the others.`,
        },
      });
    }
    // A price promotion the maker pays for is a trading-term cost charged to her: with the PKS's other
    // fees it stays within the cap (the agreements module's MAX_OTHER_FEES_BP, its instrument by the PKS's start).
    const onShelf = umkmFundedBp(p);
    if (onShelf > 0) {
      const funded = onSupplierBase(onShelf, f.pks);
      const others = f.pks.otherFees.reduce((s, x) => s + x.bp, 0);
      const total = others + funded;
      if (total > MAX_OTHER_FEES_BP) {
        const ref = feeCapReference(f.pks.startsOn);
        const pct = (bp: number, lang: 'id' | 'en') => formatBasisPoints(bp, lang);
        out.push({
          rule: 'fee_cap',
          reference: ref,
          severity: 'blocking',
          field: `products.${i}.discountBp`,
          message: {
            id: `Potongan harga yang ditanggung UMKM (${pct(onShelf, 'id')} dari harga rak, ${pct(funded, 'id')} dari nilai tagihan pemasok) ditambah biaya lain dalam PKS ${f.pks.number} (${pct(others, 'id')}) berjumlah ${pct(total, 'id')}, melebihi batas ${pct(MAX_OTHER_FEES_BP, 'id')} biaya di luar potongan harga reguler (${ref}). Paling banyak ${pct(maxUmkmFundedBp(others, f.pks), 'id')} dari harga rak.`,
            en: `The discount borne by the UMKM (${pct(onShelf, 'en')} of the shelf price, ${pct(funded, 'en')} of the supplier's billed value) plus the other fees of PKS ${f.pks.number} (${pct(others, 'en')}) total ${pct(total, 'en')}, above the ${pct(MAX_OTHER_FEES_BP, 'en')} cap on fees outside the regular discount (${ref}). At most ${pct(maxUmkmFundedBp(others, f.pks), 'en')} of the shelf price.`,
          },
        });
      }
    }
  });
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'blocking' ? -1 : 1));
}

export const asProblems = (findings: CampaignFinding[]): FieldProblem[] =>
  findings.filter((f) => f.severity === 'blocking').map((f) => ({ field: f.field, message: f.message }));

// ---- the estimate -------------------------------------------------------------------------------------

/** One window at one group of outlets: units and revenue summed over every sales line, outlet-days
 *  counted with the days nothing sold, and the sum of squares of the daily units (for the dispersion). */
export interface Cell {
  outlets: number;
  days: number;
  units: number;
  revenue: bigint;
  /** Σ over outlet-days of (units that day)². */
  sumSquares: number;
}

export const emptyCell = (outlets: number, days: number): Cell => ({ outlets, days, units: 0, revenue: 0n, sumSquares: 0 });

/** Variance ÷ mean of the daily units of a cell's outlet-days, at least 1 (never tighter than Poisson). */
export function dispersion(c: Cell): number {
  const n = c.outlets * c.days;
  if (n < 2 || c.units <= 0) return 1;
  const mean = c.units / n;
  const variance = (c.sumSquares - (c.units * c.units) / n) / (n - 1);
  return Math.max(1, variance / mean);
}

export type Verdict = 'up' | 'down' | 'unclear' | 'insufficient';
export type Method = 'did' | 'before_after';

export interface Estimate {
  method: Method;
  verdict: Verdict;
  /** Relative change, e.g. 0.35 for +35%; null when there is too little data. */
  effect: number | null;
  low: number | null;
  high: number | null;
  /** Why there is no estimate, when verdict = insufficient. */
  reason: 'no_campaign_outlets' | 'no_baseline_sales' | 'no_campaign_sales' | 'no_control_sales' | null;
}

/** The estimate for one product (or the campaign's sum): cells of the campaign outlets and of the control
 *  outlets (null when the chain has none in the region carrying the product). */
export function estimate(t: { before: Cell; during: Cell }, c: { before: Cell; during: Cell } | null): Estimate {
  const method: Method = c && c.before.outlets > 0 ? 'did' : 'before_after';
  const none = (reason: Estimate['reason']): Estimate => ({ method, verdict: 'insufficient', effect: null, low: null, high: null, reason });
  if (t.during.outlets === 0) return none('no_campaign_outlets');
  if (t.before.units <= 0) return none('no_baseline_sales');
  if (t.during.units <= 0) return none('no_campaign_sales');
  const cells = [t.during, t.before];
  let logRatio = Math.log(t.during.units / t.before.units);
  if (method === 'did' && c) {
    if (c.before.units <= 0 || c.during.units <= 0) return none('no_control_sales');
    logRatio -= Math.log(c.during.units / c.before.units);
    cells.push(c.during, c.before);
  }
  const se = Math.sqrt(cells.reduce((s, x) => s + dispersion(x) / x.units, 0));
  const effect = Math.exp(logRatio) - 1;
  const low = Math.exp(logRatio - Z90 * se) - 1;
  const high = Math.exp(logRatio + Z90 * se) - 1;
  const verdict: Verdict = low > 0 ? 'up' : high < 0 ? 'down' : 'unclear';
  return { method, verdict, effect, low, high, reason: null };
}

const signed = (x: number, lang: 'id' | 'en') => `${x >= 0 ? '+' : '−'}${formatPercent(Math.abs(x), lang, 0)}`;

/** The estimate in plain words: "Naik sekitar 35% (kemungkinan besar antara +12% dan +60%)". */
export function describeEstimate(e: Estimate): Bilingual {
  if (e.verdict === 'insufficient' || e.effect === null || e.low === null || e.high === null) {
    const why: Record<NonNullable<Estimate['reason']>, Bilingual> = {
      no_campaign_outlets: {
        id: 'produk ini tidak dipajang di gerai kampanye',
        en: 'the product is not on the shelf at the campaign outlets',
      },
      no_baseline_sales: {
        id: 'tidak ada penjualan di gerai kampanye pada hari-hari sebelumnya',
        en: 'nothing sold at the campaign outlets in the days before',
      },
      no_campaign_sales: { id: 'belum ada penjualan selama kampanye', en: 'nothing has sold during the campaign yet' },
      no_control_sales: { id: 'gerai pembanding tidak mencatat penjualan', en: 'the comparison outlets recorded no sales' },
    };
    const r = why[e.reason ?? 'no_baseline_sales'];
    return { id: `Data terlalu sedikit untuk menilai: ${r.id}.`, en: `Too little data to tell: ${r.en}.` };
  }
  const range = {
    id: `kemungkinan besar antara ${signed(e.low, 'id')} dan ${signed(e.high, 'id')}`,
    en: `most likely between ${signed(e.low, 'en')} and ${signed(e.high, 'en')}`,
  };
  const size = { id: formatPercent(Math.abs(e.effect), 'id', 0), en: formatPercent(Math.abs(e.effect), 'en', 0) };
  if (e.verdict === 'up') return { id: `Naik sekitar ${size.id} (${range.id}).`, en: `Up by about ${size.en} (${range.en}).` };
  if (e.verdict === 'down') return { id: `Turun sekitar ${size.id} (${range.id}).`, en: `Down by about ${size.en} (${range.en}).` };
  return {
    id: `Belum dapat dipastikan: perubahan ${signed(e.effect, 'id')}, ${range.id} — bisa naik, bisa juga tidak.`,
    en: `Not certain yet: a change of ${signed(e.effect, 'en')}, ${range.en} — it may be up, or not.`,
  };
}

/** A campaign's phase on a day. */
export type Phase = 'upcoming' | 'running' | 'ended' | 'cancelled';
export function phaseOf(c: { status: 'planned' | 'cancelled'; starts_on: string; ends_on: string }, today: string): Phase {
  if (c.status === 'cancelled') return 'cancelled';
  if (today < c.starts_on) return 'upcoming';
  if (today <= c.ends_on) return 'running';
  return 'ended';
}
