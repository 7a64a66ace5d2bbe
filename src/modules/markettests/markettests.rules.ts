// Market tests (uji pasar, C6): how a test's criteria are read from the operations data, day by day, and
// what the evidence recommends (lolos, diperpanjang, gagal), with reasons in Bahasa Indonesia and English.
// No I/O: the service loads a test's facts (POS sales, stock movements, orders and what arrived of them, the
// days a campaign featured the product at the test's outlets) and these functions decide.
//
// Retail reads a trial by rate of sale (units per store per week), sell-through (sold ÷ delivered), the share
// of delivered goods that came back or expired, and the supplier's fill rate (received ÷ ordered); no
// Indonesian thresholds for UMKM trials are published, so they are agreed per test (DOMAIN.md, "Market tests")
// and the defaults below are only a suggestion shown on the form.

import { addDays, daysBetween } from '../../platform/clock.ts';
import type { Bilingual } from '../../platform/errors.ts';
import { formatDate, formatNumber } from '../../platform/format.ts';

export const TEST_DEFAULTS = {
  weeks: 8,
  reviewWeek: 4,
  minUnitsPerStoreWeek: 1,
  minSellThroughBp: 5000,
  maxLossBp: 1500,
  minFillRateBp: 8500,
} as const;
export const MAX_WEEKS = 26;
export const MAX_OUTLETS = 40;
/** A criterion missed by less than this share of its threshold is a near miss: worth more weeks, not a fail. */
const NEAR_MISS = 0.2;

export interface TestTerms {
  startsOn: string;
  weeks: number;
  reviewWeek: number;
  minUnitsPerStoreWeek: number;
  minSellThroughBp: number;
  maxLossBp: number;
  minFillRateBp: number;
  /** The last day counted once the test ended (a decision's day − 1), else null. */
  endedOn: string | null;
  /** Outlets in the test. */
  stores: number;
  /** Extensions granted so far. */
  extensions: number;
}

/** One day of the test's outlets together. `sold` is POS units net of till returns (may be negative on a
 *  day when more came back at the till than was sold). */
export interface DayFacts {
  day: string;
  sold: number;
  received: number;
  returned: number;
  expired: number;
}

/** An order line for a test outlet: how much was ordered, when it was due, and how much of it was accepted
 *  at the outlet (goods receipts). */
export interface OrderFacts {
  orderedOn: string;
  dueOn: string;
  ordered: number;
  received: number;
}

export type CriterionCode = 'units_per_store_week' | 'sell_through' | 'loss_rate' | 'fill_rate';
export const CRITERIA: readonly CriterionCode[] = ['units_per_store_week', 'sell_through', 'loss_rate', 'fill_rate'];

export interface Criterion {
  code: CriterionCode;
  /** The measured value (units per store per week, or a share 0..1), null when it cannot be measured yet. */
  value: number | null;
  /** The same without the weeks a campaign featured the product (rate of sale and sell-through only). */
  valueWithoutCampaign: number | null;
  threshold: number;
  direction: 'min' | 'max';
  met: boolean | null;
  metWithoutCampaign: boolean | null;
  trend: 'up' | 'down' | 'flat' | null;
  label: Bilingual;
  reason: Bilingual;
}

export interface WeekFacts {
  week: number;
  from: string;
  to: string;
  /** Days of this week counted so far (a running week is partial). */
  days: number;
  campaign: boolean;
  sold: number;
  received: number;
  unitsPerStoreWeek: number | null;
  /** Cumulative to the week's end. */
  sellThrough: number | null;
  lossRate: number | null;
  fillRate: number | null;
}

export type Phase = 'not_started' | 'running' | 'review' | 'complete' | 'ended';
export type Recommendation = 'pass' | 'extend' | 'fail';

export interface Standing {
  asOf: string;
  /** First and last day counted (last < first: nothing counted yet). */
  from: string;
  to: string;
  plannedEnd: string;
  daysCounted: number;
  weekNow: number;
  phase: Phase;
  criteria: Criterion[];
  weeks: WeekFacts[];
  campaignWeeks: number[];
  /** Every criterion is met counting every week. */
  allMet: boolean;
  /** Met only because of the campaign's weeks: without them a criterion fails or cannot be measured. */
  campaignDependent: boolean;
  recommendation: Recommendation | null;
  summary: Bilingual;
  reasons: Bilingual[];
}

/** The last day of the planned period. */
export const plannedEnd = (t: Pick<TestTerms, 'startsOn' | 'weeks'>) => addDays(t.startsOn, t.weeks * 7 - 1);

const share = (n: number, d: number) => (d > 0 ? n / d : null);
const pct = (x: number, lang: 'id' | 'en') => `${formatNumber(Math.round(x * 1000) / 10, lang)}%`;
const units = (x: number, lang: 'id' | 'en') => formatNumber(Math.round(x * 100) / 100, lang);

interface Totals {
  sold: number;
  received: number;
  lost: number;
  days: number;
}

function totals(days: DayFacts[]): Totals {
  let sold = 0;
  let received = 0;
  let lost = 0;
  for (const d of days) {
    sold += d.sold;
    received += d.received;
    lost += d.returned + d.expired;
  }
  return { sold, received, lost, days: days.length };
}

/** Units per store per week over counted days; net sales below zero count as none sold. */
const rateOfSale = (sold: number, stores: number, days: number) =>
  stores > 0 && days > 0 ? Math.max(0, sold) / stores / (days / 7) : null;

/** The fill rate of the orders due by `to`: what was accepted at the outlets ÷ what was ordered. */
function fillRate(orders: OrderFacts[], to: string): number | null {
  let ordered = 0;
  let received = 0;
  for (const o of orders) {
    if (o.dueOn > to) continue;
    ordered += o.ordered;
    received += Math.min(o.received, o.ordered);
  }
  return share(received, ordered);
}

function trendOf(series: (number | null)[], direction: 'min' | 'max'): Criterion['trend'] {
  const known = series.filter((x): x is number => x !== null);
  if (known.length < 2) return null;
  const [a, b] = known.slice(-2) as [number, number];
  const scale = Math.max(Math.abs(a), Math.abs(b), direction === 'min' ? 0.05 : 0.01);
  if (Math.abs(b - a) / scale < 0.05) return 'flat';
  return b > a ? 'up' : 'down';
}

const CRITERION_LABELS: Record<CriterionCode, Bilingual> = {
  units_per_store_week: { id: 'Penjualan per toko per minggu', en: 'Units per store per week' },
  sell_through: { id: 'Tingkat terjual (terjual ÷ dikirim)', en: 'Sell-through (sold ÷ delivered)' },
  loss_rate: { id: 'Retur + kedaluwarsa (÷ dikirim)', en: 'Returns + expiry (÷ delivered)' },
  fill_rate: { id: 'Pemenuhan pesanan (diterima ÷ dipesan)', en: 'Fill rate (received ÷ ordered)' },
};
export const criterionLabel = (c: CriterionCode) => CRITERION_LABELS[c];

/** A threshold in words: "minimal 1 unit", "maksimal 15%". */
export function thresholdText(code: CriterionCode, threshold: number, lang: 'id' | 'en'): string {
  const v = code === 'units_per_store_week' ? `${units(threshold, lang)} ${lang === 'id' ? 'unit' : 'units'}` : pct(threshold, lang);
  if (code === 'loss_rate') return lang === 'id' ? `paling banyak ${v}` : `at most ${v}`;
  return lang === 'id' ? `paling sedikit ${v}` : `at least ${v}`;
}

function valueText(code: CriterionCode, v: number, lang: 'id' | 'en') {
  return code === 'units_per_store_week' ? `${units(v, lang)} ${lang === 'id' ? 'unit' : 'units'}` : pct(v, lang);
}

function criterionReason(code: CriterionCode, value: number | null, threshold: number, met: boolean | null): Bilingual {
  if (value === null) {
    const why: Record<CriterionCode, Bilingual> = {
      units_per_store_week: { id: 'belum ada hari penjualan yang terhitung', en: 'no sales day counted yet' },
      sell_through: { id: 'belum ada barang yang diterima gerai', en: 'no goods received at the outlets yet' },
      loss_rate: { id: 'belum ada barang yang diterima gerai', en: 'no goods received at the outlets yet' },
      fill_rate: { id: 'belum ada pesanan yang jatuh tempo', en: 'no order due yet' },
    };
    return {
      id: `${CRITERION_LABELS[code].id}: belum bisa diukur (${why[code].id}).`,
      en: `${CRITERION_LABELS[code].en}: cannot be measured yet (${why[code].en}).`,
    };
  }
  const ok = { id: met ? 'memenuhi syarat' : 'belum memenuhi syarat', en: met ? 'meets the criterion' : 'does not meet the criterion' };
  return {
    id: `${CRITERION_LABELS[code].id} ${valueText(code, value, 'id')}, ${ok.id} (${thresholdText(code, threshold, 'id')}).`,
    en: `${CRITERION_LABELS[code].en} ${valueText(code, value, 'en')}, ${ok.en} (${thresholdText(code, threshold, 'en')}).`,
  };
}

const meets = (value: number | null, threshold: number, direction: 'min' | 'max') =>
  value === null ? null : direction === 'min' ? value >= threshold - 1e-9 : value <= threshold + 1e-9;

const nearMiss = (value: number | null, threshold: number, direction: 'min' | 'max') => {
  if (value === null) return false;
  if (direction === 'min') return value >= threshold * (1 - NEAR_MISS);
  return value <= threshold * (1 + NEAR_MISS) || value - threshold <= 0.02;
};

/**
 * The standing of a test as of `asOf` (the business day today): sales of a day are counted once the day is
 * over, so the last day counted is the day before, the planned end, or the day a decision ended the test —
 * whichever comes first. Weeks run from the start day in sevens; a week with a campaign day is a campaign week.
 */
export function evaluate(
  t: TestTerms,
  facts: { days: DayFacts[]; orders: OrderFacts[]; campaignDays: ReadonlySet<string> },
  asOf: string,
): Standing {
  const end = plannedEnd(t);
  const yesterday = addDays(asOf, -1);
  let to = yesterday < end ? yesterday : end;
  if (t.endedOn !== null && t.endedOn < to) to = t.endedOn;
  const from = t.startsOn;
  const counted = to >= from ? daysBetween(from, to) + 1 : 0;
  const byDay = new Map(facts.days.map((d) => [d.day, d]));
  const dayAt = (i: number): DayFacts => {
    const day = addDays(from, i);
    return byDay.get(day) ?? { day, sold: 0, received: 0, returned: 0, expired: 0 };
  };
  const days = Array.from({ length: counted }, (_, i) => dayAt(i));

  // weeks
  const weeks: WeekFacts[] = [];
  const campaignWeeks: number[] = [];
  let run: Totals = { sold: 0, received: 0, lost: 0, days: 0 };
  for (let w = 0; w * 7 < counted; w++) {
    const slice = days.slice(w * 7, w * 7 + 7);
    const tw = totals(slice);
    run = { sold: run.sold + tw.sold, received: run.received + tw.received, lost: run.lost + tw.lost, days: run.days + tw.days };
    const campaign = slice.some((d) => facts.campaignDays.has(d.day));
    if (campaign) campaignWeeks.push(w + 1);
    const wTo = (slice[slice.length - 1] as DayFacts).day;
    weeks.push({
      week: w + 1,
      from: (slice[0] as DayFacts).day,
      to: wTo,
      days: slice.length,
      campaign,
      sold: tw.sold,
      received: tw.received,
      unitsPerStoreWeek: rateOfSale(tw.sold, t.stores, tw.days),
      sellThrough: share(Math.max(0, run.sold), run.received),
      lossRate: share(run.lost, run.received),
      fillRate: fillRate(facts.orders, wTo),
    });
  }

  const all = totals(days);
  const plain = days.filter((_, i) => !campaignWeeks.includes(Math.floor(i / 7) + 1));
  const np = totals(plain);
  // Without the campaign's weeks, sales are read at the rate of the other weeks over the whole period.
  const soldAtPlainRate = np.days > 0 ? (Math.max(0, np.sold) / np.days) * all.days : null;

  const spec: {
    code: CriterionCode;
    direction: 'min' | 'max';
    threshold: number;
    value: number | null;
    plain: number | null;
    series: (number | null)[];
  }[] = [
    {
      code: 'units_per_store_week',
      direction: 'min',
      threshold: t.minUnitsPerStoreWeek,
      value: rateOfSale(all.sold, t.stores, all.days),
      plain: rateOfSale(np.sold, t.stores, np.days),
      series: weeks.filter((w) => w.days === 7).map((w) => w.unitsPerStoreWeek),
    },
    {
      code: 'sell_through',
      direction: 'min',
      threshold: t.minSellThroughBp / 10_000,
      value: share(Math.max(0, all.sold), all.received),
      plain: soldAtPlainRate === null ? null : share(soldAtPlainRate, all.received),
      series: weeks.map((w) => w.sellThrough),
    },
    {
      code: 'loss_rate',
      direction: 'max',
      threshold: t.maxLossBp / 10_000,
      value: share(all.lost, all.received),
      plain: share(all.lost, all.received),
      series: weeks.map((w) => w.lossRate),
    },
    {
      code: 'fill_rate',
      direction: 'min',
      threshold: t.minFillRateBp / 10_000,
      value: fillRate(facts.orders, to),
      plain: fillRate(facts.orders, to),
      series: weeks.map((w) => w.fillRate),
    },
  ];
  const criteria: Criterion[] = spec.map((s) => {
    const met = meets(s.value, s.threshold, s.direction);
    return {
      code: s.code,
      value: s.value,
      valueWithoutCampaign: s.plain,
      threshold: s.threshold,
      direction: s.direction,
      met,
      metWithoutCampaign: meets(s.plain, s.threshold, s.direction),
      trend: trendOf(s.series, s.direction),
      label: CRITERION_LABELS[s.code],
      reason: criterionReason(s.code, s.value, s.threshold, met),
    };
  });

  const allMet = criteria.every((c) => c.met === true);
  const campaignDependent = allMet && campaignWeeks.length > 0 && criteria.some((c) => c.metWithoutCampaign !== true);
  const weekNow = asOf < from ? 0 : Math.min(t.weeks, Math.floor(daysBetween(from, asOf) / 7) + 1);
  const phase: Phase =
    t.endedOn !== null
      ? 'ended'
      : asOf <= from
        ? 'not_started'
        : yesterday >= end
          ? 'complete'
          : counted >= t.reviewWeek * 7
            ? 'review'
            : 'running';

  const reasons = criteria.map((c) => c.reason);
  if (campaignWeeks.length) {
    const list = campaignWeeks.join(', ');
    reasons.push({
      id: `Minggu ke-${list} bertepatan dengan kampanye promosi produk ini di gerai uji.`,
      en: `Week ${list} overlapped a promotion campaign of this product at the test outlets.`,
    });
  }
  if (campaignDependent) {
    const which = criteria.filter((c) => c.metWithoutCampaign !== true).map((c) => c.label);
    reasons.push({
      id: `Tanpa minggu kampanye, syarat berikut tidak terpenuhi: ${which.map((l) => l.id.toLowerCase()).join('; ')}. Lolosnya hanya karena kampanye.`,
      en: `Without the campaign weeks these criteria are not met: ${which.map((l) => l.en.toLowerCase()).join('; ')}. It passes only because of the campaign.`,
    });
  }

  let recommendation: Recommendation | null = null;
  if (phase === 'complete' || phase === 'review' || phase === 'ended') {
    const missed = criteria.filter((c) => c.met === false);
    const unknown = criteria.filter((c) => c.met === null);
    if (allMet && !campaignDependent) recommendation = 'pass';
    else if (campaignDependent || (missed.length === 0 && unknown.length > 0)) recommendation = 'extend';
    else if (missed.length <= 1 && missed.every((c) => nearMiss(c.value, c.threshold, c.direction)) && t.extensions === 0)
      recommendation = 'extend';
    else recommendation = 'fail';
    // Before the planned end only a clear pass or a clear fail is recommended; the rest waits for more weeks.
    if (phase === 'review' && recommendation === 'extend') recommendation = null;
  }

  return {
    asOf,
    from,
    to,
    plannedEnd: end,
    daysCounted: counted,
    weekNow,
    phase,
    criteria,
    weeks,
    campaignWeeks,
    allMet,
    campaignDependent,
    recommendation,
    summary: summaryOf(phase, recommendation, campaignDependent, allMet, { from, end, weekNow, weeks: t.weeks }),
    reasons,
  };
}

function summaryOf(
  phase: Phase,
  rec: Recommendation | null,
  campaignDependent: boolean,
  allMet: boolean,
  d: { from: string; end: string; weekNow: number; weeks: number },
): Bilingual {
  if (phase === 'not_started') {
    return { id: `Uji pasar mulai ${formatDate(d.from, 'id')}.`, en: `The market test starts on ${formatDate(d.from, 'en')}.` };
  }
  const week = { id: `Minggu ke-${d.weekNow} dari ${d.weeks}`, en: `Week ${d.weekNow} of ${d.weeks}` };
  if (campaignDependent) {
    return {
      id: `${week.id}: memenuhi syarat hanya karena minggu kampanye — bukan lolos biasa; sebaiknya diperpanjang.`,
      en: `${week.en}: meets the criteria only because of the campaign weeks — not a plain pass; better extended.`,
    };
  }
  const verdict: Record<Recommendation, Bilingual> = {
    pass: { id: 'semua syarat terpenuhi — disarankan lolos', en: 'every criterion is met — recommended to pass' },
    extend: {
      id: 'hampir memenuhi atau belum terukur — disarankan diperpanjang',
      en: 'nearly met or not yet measurable — recommended to extend',
    },
    fail: { id: 'syarat tidak terpenuhi — disarankan gagal', en: 'the criteria are not met — recommended to fail' },
  };
  if (rec) return { id: `${week.id}: ${verdict[rec].id}.`, en: `${week.en}: ${verdict[rec].en}.` };
  return allMet
    ? { id: `${week.id}: sejauh ini memenuhi semua syarat.`, en: `${week.en}: meeting every criterion so far.` }
    : { id: `${week.id}: belum semua syarat terpenuhi.`, en: `${week.en}: not every criterion is met yet.` };
}

// ---- decisions ----

export type DecisionProblem = { field: string; message: Bilingual } | null;

/** Whether a decision may be recorded on a running test's standing. A pass needs every criterion met without
 *  the campaign's weeks (a campaign cannot pass a test by itself), from the review week on; an extension adds
 *  weeks up to the maximum, from the review week on; a fail may stop a test at any time, but a fail against
 *  criteria that are met, or before the planned end, needs a note the UMKM will read. */
export function checkDecision(
  t: Pick<TestTerms, 'weeks' | 'reviewWeek'>,
  s: Standing,
  d: { decision: Recommendation; extraWeeks?: number; note?: string },
): DecisionProblem {
  const early = s.phase === 'running' || s.phase === 'not_started';
  if (d.decision === 'pass') {
    if (early) {
      return {
        field: 'decision',
        message: {
          id: `Keputusan lolos baru dapat diambil mulai minggu ulasan (minggu ke-${t.reviewWeek}).`,
          en: `A pass can be decided from the review week (week ${t.reviewWeek}).`,
        },
      };
    }
    if (s.campaignDependent) {
      return {
        field: 'decision',
        message: {
          id: 'Produk ini memenuhi syarat hanya karena minggu kampanye. Perpanjang uji agar terlihat penjualan tanpa kampanye.',
          en: 'This product meets the criteria only because of the campaign weeks. Extend the test to see its sales without the campaign.',
        },
      };
    }
    if (!s.allMet) {
      return {
        field: 'decision',
        message: {
          id: 'Belum semua syarat yang disepakati terpenuhi, jadi uji ini belum dapat dinyatakan lolos.',
          en: 'Not every agreed criterion is met, so the test cannot pass yet.',
        },
      };
    }
  }
  if (d.decision === 'extend') {
    if (early) {
      return {
        field: 'decision',
        message: {
          id: `Perpanjangan dapat diputuskan mulai minggu ulasan (minggu ke-${t.reviewWeek}).`,
          en: `An extension can be decided from the review week (week ${t.reviewWeek}).`,
        },
      };
    }
    if (!d.extraWeeks) return { field: 'extraWeeks', message: { id: 'Isi berapa minggu tambahan.', en: 'Enter how many extra weeks.' } };
    if (t.weeks + d.extraWeeks > MAX_WEEKS) {
      return {
        field: 'extraWeeks',
        message: {
          id: `Uji pasar paling lama ${MAX_WEEKS} minggu (sekarang ${t.weeks}).`,
          en: `A market test lasts at most ${MAX_WEEKS} weeks (now ${t.weeks}).`,
        },
      };
    }
  }
  if (d.decision === 'fail' && (early || s.allMet) && !d.note?.trim()) {
    return {
      field: 'note',
      message: {
        id: s.allMet
          ? 'Syarat yang disepakati terpenuhi: tuliskan alasan menggagalkan uji ini untuk UMKM.'
          : 'Uji dihentikan sebelum waktunya: tuliskan alasannya untuk UMKM.',
        en: s.allMet
          ? 'The agreed criteria are met: write the reason for failing this test, for the UMKM.'
          : 'The test is stopped early: write the reason, for the UMKM.',
      },
    };
  }
  return null;
}
