// The campaign rules at their edges: terrace spots against the MoU, the PKS on every campaign day, the
// placement at the campaign's outlets, the fee cap counting a maker-funded (or shared) discount with the
// PKS's other fees; and the estimate: difference-in-differences, before/after without controls, and
// "too little data" when a window sold nothing.
import { describe, expect, it } from 'vitest';
import { MAX_OTHER_FEES_BP } from '../agreements/compliance.rules.ts';
import {
  type CampaignFacts,
  type Cell,
  describeEstimate,
  dispersion,
  estimate,
  judgeCampaign,
  maxUmkmFundedBp,
  onSupplierBase,
  type ProductFacts,
  phaseOf,
  umkmFundedBp,
} from './promotions.rules.ts';

const P = '00000000-0000-4000-8000-000000000001';
const O1 = '00000000-0000-4000-8000-0000000000a1';
const O2 = '00000000-0000-4000-8000-0000000000a2';

const product = (over: Partial<ProductFacts> = {}): ProductFacts => ({
  productName: 'Kopi Bubuk Bengkulu',
  pks: {
    agreementId: 'a',
    number: 'PKS/ALFA/2026/001',
    umkmId: 'u',
    startsOn: '2026-02-01',
    otherFees: [{ name: 'Biaya promosi', bp: 200 }],
    // the shelf price is 25% above the supplier price: 1% off the shelf costs the maker 1.25% of her billed value
    supplierPrice: 10_000n,
    shelfPrice: 12_500n,
    daysInForce: 7,
  },
  placedAt: [O1, O2],
  ...over,
});
const facts = (p: ProductFacts = product(), outsideSpots: number | null = 2): CampaignFacts => ({
  days: 7,
  mou: outsideSpots === null ? null : { id: 'm', number: 'MOU/17.71/2026/001', outsideSpots },
  products: new Map([[P, p]]),
});
const outlets = (...displays: ('terrace' | 'pojok_umkm')[]) => displays.map((display, i) => ({ outletId: i === 0 ? O1 : O2, display }));

describe('judging a campaign', () => {
  it('accepts terrace spots up to the MoU’s outside spots, and not one more', () => {
    expect(judgeCampaign({ outlets: outlets('terrace', 'terrace'), products: [{ productId: P }] }, facts(product(), 2))).toEqual([]);
    const over = judgeCampaign({ outlets: outlets('terrace', 'terrace'), products: [{ productId: P }] }, facts(product(), 1));
    expect(over.map((f) => [f.rule, f.severity, f.field])).toEqual([['mou_outside_spots', 'blocking', 'outlets']]);
    expect(over[0]?.message.id).toContain('MOU/17.71/2026/001');
    // Without an MoU in force there is no spot outside at all; inside displays need none.
    expect(judgeCampaign({ outlets: outlets('terrace'), products: [{ productId: P }] }, facts(product(), null))[0]?.rule).toBe(
      'mou_outside_spots',
    );
    expect(judgeCampaign({ outlets: outlets('pojok_umkm'), products: [{ productId: P }] }, facts(product(), null))).toEqual([]);
  });

  it('needs a PKS in force on every campaign day, and the product on the shelf at one of its outlets at least', () => {
    const none = judgeCampaign({ outlets: outlets('pojok_umkm'), products: [{ productId: P }] }, facts(product({ pks: null })));
    expect(none.map((f) => [f.rule, f.field])).toEqual([['pks_in_force', 'products.0.productId']]);
    const short = product();
    if (short.pks) short.pks.daysInForce = 5;
    expect(judgeCampaign({ outlets: outlets('pojok_umkm'), products: [{ productId: P }] }, facts(short))[0]?.message.id).toContain(
      '5 dari 7 hari',
    );
    const unplaced = judgeCampaign({ outlets: outlets('pojok_umkm'), products: [{ productId: P }] }, facts(product({ placedAt: [] })));
    expect(unplaced.map((f) => [f.rule, f.severity])).toEqual([['placed_at_outlets', 'blocking']]);
    // On the shelf at one of two outlets: a warning only.
    const some = judgeCampaign(
      { outlets: outlets('pojok_umkm', 'pojok_umkm'), products: [{ productId: P }] },
      facts(product({ placedAt: [O1] })),
    );
    expect(some.map((f) => [f.rule, f.severity])).toEqual([['placed_at_outlets', 'warning']]);
  });

  it('counts the discount the maker funds (or her share), on her billed value, with the PKS’s other fees toward the cap', () => {
    // Room: 15% − 2% = 13% of the supplier price = 10.4% of the shelf price.
    const room = Math.floor(((MAX_OTHER_FEES_BP - 200) * 10_000) / 12_500);
    expect(room).toBe(1040);
    expect(maxUmkmFundedBp(200, { supplierPrice: 10_000n, shelfPrice: 12_500n })).toBe(room);
    expect(onSupplierBase(1040, { supplierPrice: 10_000n, shelfPrice: 12_500n })).toBe(1300);
    expect(onSupplierBase(1041, { supplierPrice: 10_000n, shelfPrice: 12_500n })).toBe(1302); // rounded up
    const judge = (p: { discountBp: number; fundedBy: 'umkm' | 'chain' | 'government' | 'shared'; umkmShareBp?: number }) =>
      judgeCampaign({ outlets: outlets('pojok_umkm'), products: [{ productId: P, ...p }] }, facts());
    expect(judge({ discountBp: room, fundedBy: 'umkm' })).toEqual([]);
    const over = judge({ discountBp: room + 1, fundedBy: 'umkm' });
    expect(over.map((f) => [f.rule, f.field])).toEqual([['fee_cap', 'products.0.discountBp']]);
    expect(over[0]?.reference).toBe('Permendag 23/2021 Pasal 11');
    expect(over[0]?.message.id).toContain('15%');
    expect(over[0]?.message.id).toContain('Paling banyak 10,4% dari harga rak');
    expect(judge({ discountBp: 9000, fundedBy: 'chain' })).toEqual([]);
    expect(judge({ discountBp: 9000, fundedBy: 'government' })).toEqual([]);
    expect(judge({ discountBp: room * 2, fundedBy: 'shared', umkmShareBp: 5000 })).toEqual([]);
    expect(judge({ discountBp: room * 2 + 4, fundedBy: 'shared', umkmShareBp: 5000 })[0]?.rule).toBe('fee_cap');
    expect(umkmFundedBp({ discountBp: 1000, fundedBy: 'shared', umkmShareBp: 2500 })).toBe(250);
  });

  it('cites Permendag 70/2013 for a PKS that started before 1 May 2021', () => {
    const old = product();
    if (old.pks) old.pks.startsOn = '2021-04-30';
    const f = judgeCampaign(
      { outlets: outlets('pojok_umkm'), products: [{ productId: P, discountBp: 2000, fundedBy: 'umkm' }] },
      facts(old),
    );
    expect(f[0]?.reference).toBe('Permendag 70/2013');
  });
});

const cell = (units: number, outlets = 1, days = 14, sumSquares?: number): Cell => ({
  outlets,
  days,
  units,
  revenue: BigInt(units) * 10_000n,
  // Poisson-like by default: Σx² ≈ n·(mean + mean²)
  sumSquares: sumSquares ?? Math.round(units + (units * units) / (outlets * days)),
});

describe('the estimate', () => {
  it('is the ratio of ratios, with a 90% interval around it', () => {
    const e = estimate({ before: cell(100), during: cell(180) }, { before: cell(100), during: cell(90) });
    expect(e.method).toBe('did');
    expect(e.effect).toBeCloseTo(180 / 100 / (90 / 100) - 1, 12);
    expect(e.low).toBeLessThan(e.effect as number);
    expect(e.high).toBeGreaterThan(e.effect as number);
    expect(e.verdict).toBe('up');
    expect(describeEstimate(e).id).toMatch(/^Naik sekitar 100% \(kemungkinan besar antara \+\d+% dan \+\d+%\)\.$/);
    expect(describeEstimate(e).en).toMatch(/^Up by about 100% \(most likely between/);
  });

  it('says plainly when it cannot tell: an interval across zero, or a window that sold nothing', () => {
    const flat = estimate({ before: cell(10), during: cell(11) }, { before: cell(10), during: cell(10) });
    expect(flat.verdict).toBe('unclear');
    expect(describeEstimate(flat).id).toMatch(/^Belum dapat dipastikan/);
    const noBaseline = estimate({ before: cell(0), during: cell(12) }, { before: cell(10), during: cell(10) });
    expect(noBaseline).toMatchObject({ verdict: 'insufficient', effect: null, reason: 'no_baseline_sales' });
    expect(describeEstimate(noBaseline).id).toBe(
      'Data terlalu sedikit untuk menilai: tidak ada penjualan di gerai kampanye pada hari-hari sebelumnya.',
    );
    expect(estimate({ before: cell(10), during: cell(0) }, null).reason).toBe('no_campaign_sales');
    expect(estimate({ before: cell(10), during: cell(12) }, { before: cell(0), during: cell(4) }).reason).toBe('no_control_sales');
    expect(estimate({ before: cell(0, 0), during: cell(0, 0) }, null).reason).toBe('no_campaign_outlets');
  });

  it('without control outlets is a before/after comparison, said so', () => {
    const e = estimate({ before: cell(100), during: cell(150) }, null);
    expect(e.method).toBe('before_after');
    expect(e.effect).toBeCloseTo(0.5, 12);
    // An empty control group (no outlet carries the product outside the campaign) is the same.
    expect(estimate({ before: cell(100), during: cell(150) }, { before: cell(0, 0), during: cell(0, 0) }).method).toBe('before_after');
  });

  it('widens the interval when daily sales are lumpier than Poisson, never narrows it below', () => {
    const even = estimate({ before: cell(140), during: cell(200) }, null);
    const lumpy = estimate({ before: cell(140, 1, 14, 140 * 20), during: cell(200, 1, 14, 200 * 20) }, null);
    expect((lumpy.high as number) - (lumpy.low as number)).toBeGreaterThan((even.high as number) - (even.low as number));
    expect(dispersion(cell(14, 1, 14, 14))).toBe(1); // one a day, every day: variance 0 → Poisson floor
  });

  it('is deterministic: the same counts give the same interval', () => {
    const a = estimate({ before: cell(37), during: cell(52) }, { before: cell(41), during: cell(39) });
    const b = estimate({ before: cell(37), during: cell(52) }, { before: cell(41), during: cell(39) });
    expect(a).toEqual(b);
  });
});

describe('a campaign’s phase', () => {
  const c = { status: 'planned' as const, starts_on: '2026-11-10', ends_on: '2026-11-16' };
  it('follows the campaign’s own days, first and last inclusive', () => {
    expect(phaseOf(c, '2026-11-09')).toBe('upcoming');
    expect(phaseOf(c, '2026-11-10')).toBe('running');
    expect(phaseOf(c, '2026-11-16')).toBe('running');
    expect(phaseOf(c, '2026-11-17')).toBe('ended');
    expect(phaseOf({ ...c, status: 'cancelled' }, '2026-11-12')).toBe('cancelled');
  });
});
