// Market test criteria on crafted sales and stock data, edges included: a week with no delivery, a till
// return larger than a week's sales, a test stopped early, a pass that only a campaign's weeks made.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../platform/clock.ts';
import { checkDecision, type DayFacts, evaluate, type OrderFacts, plannedEnd, type TestTerms } from './markettests.rules.ts';

const START = '2026-03-02';
const terms = (over: Partial<TestTerms> = {}): TestTerms => ({
  startsOn: START,
  weeks: 8,
  reviewWeek: 4,
  minUnitsPerStoreWeek: 1,
  minSellThroughBp: 5000,
  maxLossBp: 1500,
  minFillRateBp: 8500,
  endedOn: null,
  stores: 2,
  extensions: 0,
  ...over,
});
const day = (i: number, f: Partial<DayFacts> = {}): DayFacts => ({
  day: addDays(START, i),
  sold: 0,
  received: 0,
  returned: 0,
  expired: 0,
  ...f,
});
/** 56 days selling `perDay` units across the stores, with a delivery of `delivery` every 14 days. */
const steady = (perDay: number, delivery: number): DayFacts[] =>
  Array.from({ length: 56 }, (_, i) => day(i, { sold: perDay, received: i % 14 === 0 ? delivery : 0 }));
const order = (i: number, ordered: number, received: number): OrderFacts => ({
  orderedOn: addDays(START, i - 3),
  dueOn: addDays(START, i),
  ordered,
  received,
});
const orders = [order(0, 60, 60), order(14, 60, 60), order(28, 60, 50), order(42, 60, 60)];
const AFTER = addDays(plannedEnd(terms()), 1);
const none = new Set<string>();
const byCode = (s: ReturnType<typeof evaluate>, code: string) => s.criteria.find((c) => c.code === code)!;

describe('a market test read from the operations data', () => {
  it('passes when every agreed criterion is met over the whole period', () => {
    const s = evaluate(terms(), { days: steady(3, 60), orders, campaignDays: none }, AFTER);
    expect(s.phase).toBe('complete');
    expect(s.daysCounted).toBe(56);
    // 168 units over 2 stores and 8 weeks
    expect(byCode(s, 'units_per_store_week').value).toBeCloseTo(10.5, 9);
    expect(byCode(s, 'sell_through').value).toBeCloseTo(168 / 240, 9);
    expect(byCode(s, 'loss_rate').value).toBe(0);
    expect(byCode(s, 'fill_rate').value).toBeCloseTo(230 / 240, 9);
    expect(s.allMet).toBe(true);
    expect(s.recommendation).toBe('pass');
    expect(s.summary.id).toContain('disarankan lolos');
    expect(s.reasons[0]?.id).toContain('10,5 unit');
    expect(checkDecision(terms(), s, { decision: 'pass' })).toBeNull();
  });

  it('counts a day only once it is over, and nothing before the start', () => {
    const before = evaluate(terms(), { days: steady(3, 60), orders, campaignDays: none }, addDays(START, -2));
    expect(before.phase).toBe('not_started');
    expect(before.daysCounted).toBe(0);
    expect(before.criteria.every((c) => c.value === null && c.met === null)).toBe(true);
    expect(before.recommendation).toBeNull();
    const day10 = evaluate(terms(), { days: steady(3, 60), orders, campaignDays: none }, addDays(START, 10));
    expect(day10.daysCounted).toBe(10);
    expect(day10.to).toBe(addDays(START, 9));
    expect(day10.phase).toBe('running');
    expect(day10.weeks.map((w) => w.days)).toEqual([7, 3]);
  });

  it('a week with no delivery: sell-through stays cumulative and nothing received at all cannot be measured', () => {
    const gaps = Array.from({ length: 56 }, (_, i) => day(i, { sold: 2, received: i === 0 ? 40 : i === 21 ? 80 : 0 }));
    const s = evaluate(terms(), { days: gaps, orders, campaignDays: none }, AFTER);
    expect(s.weeks[1]?.received).toBe(0);
    expect(s.weeks[1]?.sellThrough).toBeCloseTo(28 / 40, 9);
    expect(byCode(s, 'sell_through').value).toBeCloseTo(112 / 120, 9);
    const nothing = evaluate(terms(), { days: steady(1, 0), orders: [], campaignDays: none }, AFTER);
    expect(byCode(nothing, 'sell_through').met).toBeNull();
    expect(byCode(nothing, 'loss_rate').met).toBeNull();
    expect(byCode(nothing, 'fill_rate').met).toBeNull();
    expect(byCode(nothing, 'sell_through').reason.id).toContain('belum ada barang yang diterima');
    expect(nothing.allMet).toBe(false);
    // nothing missed, some unmeasurable: more weeks, never a pass
    expect(nothing.recommendation).toBe('extend');
    expect(checkDecision(terms(), nothing, { decision: 'pass' })?.field).toBe('decision');
  });

  it('a till return larger than the week’s sales: the week counts as none sold, never a negative rate', () => {
    const days = steady(3, 60).map((d, i) => (i >= 14 && i < 21 ? { ...d, sold: i === 14 ? -30 : 0 } : d));
    const s = evaluate(terms(), { days, orders, campaignDays: none }, AFTER);
    expect(s.weeks[2]?.sold).toBe(-30);
    expect(s.weeks[2]?.unitsPerStoreWeek).toBe(0);
    // the period's net: 49 days × 3 − 30
    expect(byCode(s, 'units_per_store_week').value).toBeCloseTo((147 - 30) / 2 / 8, 9);
    const all = evaluate(terms(), { days: days.map((d) => ({ ...d, sold: -1 })), orders, campaignDays: none }, AFTER);
    expect(byCode(all, 'units_per_store_week').value).toBe(0);
    expect(byCode(all, 'sell_through').value).toBe(0);
    expect(all.recommendation).toBe('fail');
  });

  it('a test stopped early counts only its days; a stop needs a reason for the UMKM', () => {
    const ended = addDays(START, 20);
    const days = steady(3, 60).map((d, i) => (i > 20 ? { ...d, sold: 100 } : d));
    const s = evaluate(terms({ endedOn: ended }), { days, orders, campaignDays: none }, AFTER);
    expect(s.phase).toBe('ended');
    expect(s.daysCounted).toBe(21);
    expect(s.to).toBe(ended);
    expect(byCode(s, 'units_per_store_week').value).toBeCloseTo(63 / 2 / 3, 9);
    // fill rate: only the orders due by the stop (day 0 and day 14)
    expect(byCode(s, 'fill_rate').value).toBe(1);
    const running = evaluate(terms(), { days, orders, campaignDays: none }, addDays(START, 21));
    expect(running.phase).toBe('running');
    expect(checkDecision(terms(), running, { decision: 'fail' })?.field).toBe('note');
    expect(checkDecision(terms(), running, { decision: 'fail', note: 'Produk ditarik BPOM' })).toBeNull();
    expect(checkDecision(terms(), running, { decision: 'pass' })?.message.id).toContain('minggu ulasan');
  });

  it('a pass made by a campaign’s weeks is reported as such, not as a plain pass', () => {
    // 0.5 unit a day over 2 stores = 1.75 units per store per week … except weeks 3–4 of the campaign
    const days = Array.from({ length: 56 }, (_, i) => day(i, { sold: i >= 14 && i < 28 ? 10 : 0.25, received: i % 14 === 0 ? 60 : 0 }));
    const campaign = new Set([addDays(START, 16), addDays(START, 22)]);
    const s = evaluate(terms(), { days, orders, campaignDays: campaign }, AFTER);
    expect(s.campaignWeeks).toEqual([3, 4]);
    expect(s.weeks.filter((w) => w.campaign).map((w) => w.week)).toEqual([3, 4]);
    expect(s.allMet).toBe(true);
    expect(s.campaignDependent).toBe(true);
    expect(byCode(s, 'units_per_store_week').metWithoutCampaign).toBe(false);
    expect(s.recommendation).toBe('extend');
    expect(s.summary.id).toContain('hanya karena minggu kampanye');
    expect(s.reasons.some((r) => r.id.includes('Lolosnya hanya karena kampanye'))).toBe(true);
    expect(checkDecision(terms(), s, { decision: 'pass' })?.message.id).toContain('hanya karena minggu kampanye');
    // the same sales with no campaign on record is a plain pass
    expect(evaluate(terms(), { days, orders, campaignDays: none }, AFTER).recommendation).toBe('pass');
    // a campaign that did not carry the test changes nothing but the marking
    const strong = evaluate(terms(), { days: steady(3, 60), orders, campaignDays: campaign }, AFTER);
    expect(strong.campaignWeeks).toEqual([3, 4]);
    expect(strong.campaignDependent).toBe(false);
    expect(strong.recommendation).toBe('pass');
  });

  it('the fill rate counts the orders due, and never more than was ordered', () => {
    const s = evaluate(
      terms(),
      { days: steady(3, 60), orders: [order(0, 50, 60), order(14, 50, 20), order(70, 50, 0)], campaignDays: none },
      AFTER,
    );
    expect(byCode(s, 'fill_rate').value).toBeCloseTo(70 / 100, 9);
    expect(byCode(s, 'fill_rate').met).toBe(false);
  });

  it('returns and expiry against what was delivered', () => {
    const days = steady(3, 60).map((d, i) => (i === 30 ? { ...d, returned: 20, expired: 16 } : d));
    const s = evaluate(terms(), { days, orders, campaignDays: none }, AFTER);
    expect(byCode(s, 'loss_rate').value).toBeCloseTo(36 / 240, 9);
    expect(byCode(s, 'loss_rate').met).toBe(true); // exactly 15 %
    const worse = evaluate(terms(), { days: days.map((d, i) => (i === 31 ? { ...d, expired: 1 } : d)), orders, campaignDays: none }, AFTER);
    expect(byCode(worse, 'loss_rate').met).toBe(false);
  });

  it('a near miss earns one extension; after it, the same miss is a fail', () => {
    const slow = Array.from({ length: 56 }, (_, i) => day(i, { sold: 0.25 * 0.9 * 2, received: i % 14 === 0 ? 10 : 0 }));
    const first = evaluate(terms({ minUnitsPerStoreWeek: 1.75 }), { days: slow, orders, campaignDays: none }, AFTER);
    expect(byCode(first, 'units_per_store_week').met).toBe(false);
    expect(first.recommendation).toBe('extend');
    const again = evaluate(terms({ minUnitsPerStoreWeek: 1.75, extensions: 1 }), { days: slow, orders, campaignDays: none }, AFTER);
    expect(again.recommendation).toBe('fail');
    const far = evaluate(terms({ minUnitsPerStoreWeek: 5 }), { days: slow, orders, campaignDays: none }, AFTER);
    expect(far.recommendation).toBe('fail');
  });

  it('at the review week a clear result is recommended, an unclear one waits', () => {
    const review = addDays(START, 28);
    const good = evaluate(terms(), { days: steady(3, 60), orders, campaignDays: none }, review);
    expect(good.phase).toBe('review');
    expect(good.recommendation).toBe('pass');
    const poor = evaluate(terms({ minUnitsPerStoreWeek: 20 }), { days: steady(3, 60), orders, campaignDays: none }, review);
    expect(poor.recommendation).toBe('fail');
    const near = evaluate(terms({ minUnitsPerStoreWeek: 11 }), { days: steady(3, 60), orders, campaignDays: none }, review);
    expect(near.recommendation).toBeNull();
  });

  it('trends compare the last two weeks', () => {
    const rising = Array.from({ length: 21 }, (_, i) => day(i, { sold: i < 14 ? 1 : 3, received: i === 0 ? 100 : 0 }));
    const s = evaluate(terms(), { days: rising, orders, campaignDays: none }, addDays(START, 21));
    expect(byCode(s, 'units_per_store_week').trend).toBe('up');
    expect(byCode(s, 'sell_through').trend).toBe('up');
  });

  it('an extension stays within the longest test', () => {
    const s = evaluate(terms({ weeks: 24 }), { days: steady(1, 10), orders, campaignDays: none }, addDays(START, 24 * 7 + 1));
    expect(checkDecision(terms({ weeks: 24 }), s, { decision: 'extend', extraWeeks: 3 })?.field).toBe('extraWeeks');
    expect(checkDecision(terms({ weeks: 24 }), s, { decision: 'extend', extraWeeks: 2 })).toBeNull();
    expect(checkDecision(terms({ weeks: 24 }), s, { decision: 'extend' })?.field).toBe('extraWeeks');
  });
});
