// Property test: on random small instances the flow solver must be feasible and reach the optimum
// found by an independent MILP (HiGHS) over independently brute-forced eligible pairs.

import fc from 'fast-check';
import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type HighsLike, type ReferencePair, solveWithHighs } from './placement.highs.ts';
import { solvePlacement } from './placement.rules.ts';
import type { PlacementInstance } from './placement.types.ts';
import { validateInstance } from './placement.validate.ts';

let highs: HighsLike;
beforeAll(async () => {
  highs = (await loadHighs()) as unknown as HighsLike;
});

// Deliberately re-derived here rather than imported, so a bug in the solver's geometry shows up.
function distKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

function bruteForcePairs(inst: PlacementInstance): ReferencePair[] {
  const out: ReferencePair[] = [];
  inst.products.forEach((p, pi) => {
    const u = inst.umkm.find((x) => x.id === p.umkmId)!;
    inst.outlets.forEach((o, oi) => {
      const d = distKm(u.lat, u.lon, o.lat, o.lon);
      if (d > p.radiusKm || o.slots <= 0 || !p.chains.includes(o.chain)) return;
      if (p.perishable && !o.acceptsPerishable) return;
      out.push({
        product: pi,
        outlet: oi,
        value: d === 0 ? p.weeklyUnits : p.weeklyUnits * (1 - (0.5 * d) / p.radiusKm),
      });
    });
  });
  return out;
}

const CHAINS = ['alfamart', 'indomaret', 'alfamidi'];
// A few fixed spots make co-located businesses and outlets (distance exactly 0) common.
const SPOTS: Array<[number, number]> = [
  [-6.2, 106.8],
  [-6.21, 106.82],
  [-6.25, 106.9],
  [-6.3, 106.75],
];

// fc.double spreads its samples over float bit patterns, i.e. mostly near zero; this is uniform.
const uniform = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: 0, max: 1_000_000 }).map((k) => min + ((max - min) * k) / 1_000_000);

/** Mostly `common`, sometimes the edge value `edge` (zero capacities, zero radius...). */
const rare = <T>(edge: T, common: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: fc.constant(edge), weight: 1 }, { arbitrary: common, weight: 6 });

/** Lists are occasionally empty, otherwise hold 1..max records. */
const listOf = <T>(item: fc.Arbitrary<T>, max: number): fc.Arbitrary<T[]> =>
  fc.oneof(
    { arbitrary: fc.constant([] as T[]), weight: 1 },
    { arbitrary: fc.array(item, { minLength: 1, maxLength: max, size: 'max' }), weight: 9 },
  );

const place = fc.oneof(fc.constantFrom(...SPOTS), fc.tuple(uniform(-6.35, -6.15), uniform(106.7, 106.95)));

const instanceArb = (
  maxOutlets: number,
  maxUmkm: number,
  maxProducts: number,
): fc.Arbitrary<PlacementInstance> =>
  fc
    .record({
      bonus: fc.oneof(fc.constant(0), uniform(0, 40), fc.integer({ min: 1, max: 30 })),
      outlets: listOf(
        fc.record({
          at: place,
          chain: fc.constantFrom(...CHAINS),
          slots: rare(0, fc.integer({ min: 1, max: 3 })),
          acceptsPerishable: fc.boolean(),
        }),
        maxOutlets,
      ),
      umkm: listOf(fc.record({ at: place, maxOutlets: rare(0, fc.integer({ min: 1, max: 5 })) }), maxUmkm),
      products: listOf(
        fc.record({
          umkm: fc.nat(),
          radiusKm: fc.oneof(
            { arbitrary: fc.constant(0), weight: 1 },
            { arbitrary: uniform(0, 25), weight: 3 },
            { arbitrary: fc.integer({ min: 5, max: 30 }), weight: 4 },
          ),
          perishable: fc.boolean(),
          maxOutlets: rare(0, fc.integer({ min: 1, max: 4 })),
          weeklyUnits: fc.oneof(
            { arbitrary: fc.constant(0), weight: 1 },
            { arbitrary: uniform(0, 60), weight: 4 },
            { arbitrary: fc.integer({ min: 1, max: 9 }), weight: 3 },
          ),
          chains: fc.oneof(
            { arbitrary: fc.constant(CHAINS), weight: 2 },
            { arbitrary: fc.subarray([...CHAINS, 'hypermart']), weight: 1 },
          ),
        }),
        maxProducts,
      ),
    })
    .map(({ bonus, outlets, umkm, products }): PlacementInstance => {
      const json = {
        version: 1,
        params: { firstPlacementBonus: bonus },
        outlets: outlets.map((o, i) => ({
          id: `o${i}`,
          chain: o.chain,
          lat: o.at[0],
          lon: o.at[1],
          slots: o.slots,
          acceptsPerishable: o.acceptsPerishable,
        })),
        umkm: umkm.map((u, i) => ({ id: `u${i}`, lat: u.at[0], lon: u.at[1], maxOutlets: u.maxOutlets })),
        products:
          umkm.length === 0
            ? []
            : products.map((p, i) => ({
                id: `p${i}`,
                umkmId: `u${p.umkm % umkm.length}`,
                radiusKm: p.radiusKm,
                perishable: p.perishable,
                maxOutlets: p.maxOutlets,
                weeklyUnits: p.weeklyUnits,
                chains: p.chains,
              })),
      };
      return validateInstance(json);
    });

function checkFeasible(
  inst: PlacementInstance,
  placements: Array<{ productId: string; outletId: string }>,
): number {
  const eligible = new Map<string, number>();
  for (const pr of bruteForcePairs(inst)) {
    eligible.set(`${inst.products[pr.product]!.id}|${inst.outlets[pr.outlet]!.id}`, pr.value);
  }
  const seen = new Set<string>();
  const perOutlet = new Map<string, number>();
  const perProduct = new Map<string, number>();
  const perUmkm = new Map<string, number>();
  let objective = 0;
  for (const pl of placements) {
    const key = `${pl.productId}|${pl.outletId}`;
    expect(eligible.has(key), `ineligible pair ${key}`).toBe(true);
    expect(seen.has(key), `duplicate pair ${key}`).toBe(false);
    seen.add(key);
    objective += eligible.get(key)!;
    const umkmId = inst.products.find((p) => p.id === pl.productId)!.umkmId;
    perOutlet.set(pl.outletId, (perOutlet.get(pl.outletId) ?? 0) + 1);
    perProduct.set(pl.productId, (perProduct.get(pl.productId) ?? 0) + 1);
    perUmkm.set(umkmId, (perUmkm.get(umkmId) ?? 0) + 1);
  }
  for (const o of inst.outlets) expect(perOutlet.get(o.id) ?? 0).toBeLessThanOrEqual(o.slots);
  for (const p of inst.products) expect(perProduct.get(p.id) ?? 0).toBeLessThanOrEqual(p.maxOutlets);
  for (const u of inst.umkm) expect(perUmkm.get(u.id) ?? 0).toBeLessThanOrEqual(u.maxOutlets);
  return objective + inst.params.firstPlacementBonus * perUmkm.size;
}

/** Solves, checks feasibility, compares with HiGHS; returns whether anything was placed. */
function agreesWithHighs(inst: PlacementInstance): boolean {
  const res = solvePlacement(inst);
  const recomputed = checkFeasible(inst, res.placements);
  expect(res.objective).toBeCloseTo(recomputed, 9);
  const pairs = bruteForcePairs(inst);
  expect(res.stats.pairs).toBeLessThanOrEqual(pairs.length);
  const ref = solveWithHighs(highs, inst, pairs, 'milp');
  expect(ref.status).toBe('Optimal');
  const tol = 1e-7 * Math.max(1, Math.abs(ref.objective)) + res.stats.roundingToleranceAbs;
  expect(Math.abs(res.objective - ref.objective)).toBeLessThanOrEqual(tol);
  return res.placements.length > 0;
}

describe('solvePlacement against HiGHS', () => {
  it('is feasible and optimal on 300 random small instances', () => {
    let nonTrivial = 0;
    fc.assert(
      fc.property(instanceArb(7, 4, 9), (inst) => {
        if (agreesWithHighs(inst)) nonTrivial++;
      }),
      { numRuns: 300, seed: 20261123 },
    );
    // Guard against a generator that only ever produces empty problems.
    expect(nonTrivial).toBeGreaterThan(150);
  });

  it('is feasible and optimal on medium instances (longer augmenting paths)', () => {
    fc.assert(
      fc.property(instanceArb(25, 8, 40), (inst) => {
        agreesWithHighs(inst);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('is feasible and optimal under a fresh random seed', () => {
    fc.assert(
      fc.property(instanceArb(10, 5, 14), (inst) => {
        agreesWithHighs(inst);
      }),
      { numRuns: 100 },
    );
  });
});
