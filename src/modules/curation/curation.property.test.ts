// Property tests of bottleneck analytics: the "would pass if it alone were relaxed" count equals a
// brute-force recount that re-evaluates every product with that one relaxation, and the greedy set
// really lets as many more products pass as it claims.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { C } from './curation.catalogue.ts';
import { bottlenecks, type Criterion, type CuratorInput, evaluate, greedyRelaxations, type ProductFacts } from './curation.rules.ts';

const CRITERIA: Criterion[] = [C.nib, C.izinEdar, C.halal, C.barcode, C.masaSimpan90, C.harga85, C.labelKomposisi, C.kemasan3, C.rasa3];
const DATE = '2026-11-23';

const arbProduct = fc.record({
  nib: fc.boolean(),
  gtin: fc.constantFrom(null, '8991234500014', '8991234500019', '4006381333931'),
  shelf: fc.constantFrom(3, 60, 90, 180),
  price: fc.integer({ min: 70, max: 95 }),
  pirt: fc.constantFrom('none', 'valid', 'expired'),
  halal: fc.boolean(),
  label: fc.boolean(),
  kemasan: fc.integer({ min: 1, max: 5 }),
  rasa: fc.integer({ min: 1, max: 5 }),
  umkm: fc.integer({ min: 0, max: 7 }),
});
type Arb = typeof arbProduct extends fc.Arbitrary<infer T> ? T : never;

function facts(a: Arb, i: number): { p: ProductFacts; input: CuratorInput } {
  const permits: ProductFacts['permits'] = [];
  if (a.pirt !== 'none')
    permits.push({ type: 'pirt', number: '1', issuedOn: '2020-01-01', expiresOn: a.pirt === 'valid' ? '2027-01-01' : '2025-01-01' });
  if (a.halal) permits.push({ type: 'halal', number: 'ID', issuedOn: '2023-01-01', expiresOn: null });
  return {
    p: {
      productId: `p${i}`,
      umkmId: `u${a.umkm}`,
      villageCode: '76.03.01.2001',
      category: 'makanan_ringan',
      gtin: a.gtin,
      nib: a.nib ? '9120000000001' : null,
      netContent: 100,
      supplierPrice: a.price * 100,
      retailPrice: 10000,
      shelfLifeDays: a.shelf,
      perishable: a.shelf <= 7,
      weeklyCapacity: 100,
      permits,
    },
    input: { attestations: { label_komposisi: a.label }, scores: { kemasan: a.kemasan, rasa: a.rasa } },
  };
}

const evalAll = (items: ReturnType<typeof facts>[], relaxed: string[]) =>
  items.map(({ p, input }) =>
    evaluate(CRITERIA, p, input, {
      date: DATE,
      relaxations: relaxed.length ? [{ id: 'r', regionCode: '76', criterionCodes: relaxed }] : [],
      final: true,
    }),
  );

describe('bottleneck analytics (property)', () => {
  it('"pass if relaxed" equals a brute-force re-evaluation with that one relaxation', () => {
    fc.assert(
      fc.property(fc.array(arbProduct, { maxLength: 40 }), (arbs) => {
        const items = arbs.map(facts);
        const base = evalAll(items, []);
        const table = bottlenecks(
          base.map((e, i) => ({ productId: `p${i}`, umkmId: items[i]?.p.umkmId ?? '', failed: e.failed })),
          CRITERIA.map((c) => c.code),
        );
        for (const row of table.criteria) {
          const relaxed = evalAll(items, [row.code]);
          const more = relaxed.filter((e, i) => e.outcome === 'lolos' && base[i]?.outcome !== 'lolos').length;
          expect(row.passIfRelaxed, row.code).toBe(more);
          const failing = base.filter((e) => e.failed.includes(row.code)).length;
          expect(row.failingProducts, row.code).toBe(failing);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the greedy set lets as many more products pass as it claims, and reaches the target when possible', () => {
    fc.assert(
      fc.property(fc.array(arbProduct, { maxLength: 40 }), fc.integer({ min: 1, max: 40 }), (arbs, target) => {
        const items = arbs.map(facts);
        const base = evalAll(items, []);
        const g = greedyRelaxations(
          base.map((e, i) => ({ productId: `p${i}`, umkmId: 'u', failed: e.failed })),
          target,
        );
        const relaxed = evalAll(
          items,
          g.steps.map((s) => s.code),
        );
        const more = relaxed.filter((e, i) => e.outcome === 'lolos' && base[i]?.outcome !== 'lolos').length;
        expect(g.steps.at(-1)?.cumulative ?? 0).toBe(more);
        const failing = base.filter((e) => e.outcome !== 'lolos').length;
        expect(g.reached).toBe(more >= target);
        if (failing >= target) expect(g.reached).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
