// Hand-checked instances for the exact placement solver: known optima, the bonus trade-off, the
// value formula on real distances, and a case where greedy is provably worse than what we return.

import { describe, expect, it } from 'vitest';
import { greedyPlacement } from './placement.greedy.ts';
import { buildPairs, haversineKm } from './placement.pairs.ts';
import { solvePlacement } from './placement.rules.ts';
import { validateInstance } from './placement.validate.ts';

const AT = { lat: -6.2, lon: 106.8 };
const outlet = (id: string, slots: number, acceptsPerishable = true, at = AT) => ({
  id,
  chain: 'alfamart',
  ...at,
  slots,
  acceptsPerishable,
});
const product = (id: string, umkmId: string, weeklyUnits: number, maxOutlets: number, extra = {}) => ({
  id,
  umkmId,
  radiusKm: 10,
  perishable: false,
  maxOutlets,
  weeklyUnits,
  chains: ['alfamart'],
  ...extra,
});
const pairsOf = (r: { placements: Array<{ productId: string; outletId: string }> }) =>
  r.placements.map((p) => `${p.productId}@${p.outletId}`);

describe('solvePlacement', () => {
  // Everything is co-located, so every value equals weeklyUnits and the optimum can be found by hand:
  // p1 (perishable) only fits o1; o2's two slots go to p2 (4) and then either p4 (3, same UMKM) or
  // p3 (1 + bonus 5 for a second placed UMKM). The bonus makes p3 worth 6 > 3.
  const handChecked = {
    version: 1,
    params: { firstPlacementBonus: 5 },
    outlets: [outlet('o1', 1), outlet('o2', 2, false)],
    umkm: [
      { id: 'u1', ...AT, maxOutlets: 3 },
      { id: 'u2', ...AT, maxOutlets: 1 },
    ],
    products: [
      product('p1', 'u1', 10, 2, { perishable: true }),
      product('p2', 'u1', 4, 1),
      product('p3', 'u2', 1, 1),
      product('p4', 'u1', 3, 1),
    ],
  };

  it('finds the hand-computed optimum 25 (10 + 4 + 1 + 2 × 5)', () => {
    const r = solvePlacement(validateInstance(handChecked));
    expect(r.objective).toBeCloseTo(25, 9);
    expect(pairsOf(r)).toEqual(['p1@o1', 'p2@o2', 'p3@o2']);
    expect(r.stats.placedUmkm).toBe(2);
  });

  it('without the bonus prefers the higher-value product (10 + 4 + 3 = 17)', () => {
    const r = solvePlacement(validateInstance({ ...handChecked, params: { firstPlacementBonus: 0 } }));
    expect(r.objective).toBeCloseTo(17, 9);
    expect(pairsOf(r)).toEqual(['p1@o1', 'p2@o2', 'p4@o2']);
  });

  it('beats greedy where greedy is suboptimal', () => {
    // A (worth 10 at o1, 9.44 at o2) and B (worth 8, only o1 within its 1 km radius), one slot each.
    // Greedy takes A@o1 first and strands B: 10. The optimum moves A to o2: 9.44 + 8.
    const o2At = { lat: 0, lon: 0.02 };
    const inst = validateInstance({
      version: 1,
      outlets: [outlet('o1', 1, true, { lat: 0, lon: 0 }), outlet('o2', 1, true, o2At)],
      umkm: [
        { id: 'uA', lat: 0, lon: 0, maxOutlets: 5 },
        { id: 'uB', lat: 0, lon: 0, maxOutlets: 5 },
      ],
      products: [product('A', 'uA', 10, 1, { radiusKm: 20 }), product('B', 'uB', 8, 1, { radiusKm: 1 })],
    });
    const d = haversineKm(0, 0, o2At.lat, o2At.lon);
    expect(d).toBeCloseTo(2.2239, 3);
    const optimum = 10 * (1 - (0.5 * d) / 20) + 8;
    const greedy = greedyPlacement(inst);
    expect(greedy.objective).toBeCloseTo(10, 9);
    const r = solvePlacement(inst);
    expect(r.objective).toBeCloseTo(optimum, 9);
    expect(r.objective).toBeGreaterThan(greedy.objective + 7);
    expect(pairsOf(r)).toEqual(['A@o2', 'B@o1']);
  });

  it('values a pair by its haversine distance (R = 6371.0088 km) and enforces the radius exactly', () => {
    // 0.1° of longitude on the equator: 2π·R/3600 = 11.11950… km.
    const d = (2 * Math.PI * 6371.0088) / 3600;
    const mk = (radiusKm: number) =>
      validateInstance({
        version: 1,
        outlets: [outlet('o', 1, true, { lat: 0, lon: 0.1 })],
        umkm: [{ id: 'u', lat: 0, lon: 0, maxOutlets: 1 }],
        products: [product('p', 'u', 20, 1, { radiusKm })],
      });
    expect(solvePlacement(mk(15)).objective).toBeCloseTo(20 * (1 - (0.5 * d) / 15), 9);
    expect(solvePlacement(mk(d * (1 + 1e-12))).placements).toHaveLength(1);
    expect(solvePlacement(mk(d * (1 - 1e-9))).placements).toHaveLength(0);
  });

  it('respects chains, perishability, zero slots and zero radius', () => {
    const inst = validateInstance({
      version: 1,
      outlets: [
        { ...outlet('o1', 1), chain: 'indomaret' },
        outlet('o2', 0),
        outlet('o3', 1, false),
        outlet('o4', 1, true, { lat: -6.2001, lon: 106.8 }),
      ],
      umkm: [{ id: 'u', ...AT, maxOutlets: 10 }],
      products: [
        product('pA', 'u', 5, 5, { perishable: true }), // o1 wrong chain, o2 no slots, o3 refuses
        product('pZ', 'u', 5, 5, { radiusKm: 0 }), // only d = 0 qualifies: o3 (o4 is 11 m away)
      ],
    });
    const r = solvePlacement(inst);
    expect(pairsOf(r)).toEqual(['pA@o4', 'pZ@o3']);
  });

  it('handles empty instances and products without eligible outlets', () => {
    const empty = solvePlacement(validateInstance({ version: 1, outlets: [], umkm: [], products: [] }));
    expect(empty).toMatchObject({ placements: [], objective: 0 });
    expect(empty.stats.components).toBe(0);
    const far = solvePlacement(
      validateInstance({
        version: 1,
        params: { firstPlacementBonus: 100 },
        outlets: [outlet('o', 3, true, { lat: 10, lon: 10 })],
        umkm: [{ id: 'u', lat: 0, lon: 0, maxOutlets: 3 }],
        products: [product('p', 'u', 5, 3)],
      }),
    );
    expect(far.placements).toEqual([]);
    expect(far.objective).toBe(0);
  });

  it('counts the bonus once per UMKM and honours the UMKM cap across its products', () => {
    const inst = validateInstance({
      version: 1,
      params: { firstPlacementBonus: 7 },
      outlets: [outlet('o1', 5), outlet('o2', 5), outlet('o3', 5)],
      umkm: [{ id: 'u', ...AT, maxOutlets: 4 }],
      products: [product('p', 'u', 3, 3), product('q', 'u', 2, 3)],
    });
    const r = solvePlacement(inst);
    expect(r.placements).toHaveLength(4);
    expect(r.objective).toBeCloseTo(3 * 3 + 2 + 7, 9);
  });

  it('is deterministic and splits independent regions into components', () => {
    const inst = validateInstance({
      version: 1,
      params: { firstPlacementBonus: 1 },
      outlets: [outlet('a1', 2), outlet('a2', 1), outlet('b1', 2, true, { lat: 3.6, lon: 98.7 })],
      umkm: [
        { id: 'ua', ...AT, maxOutlets: 9 },
        { id: 'ub', lat: 3.6, lon: 98.7, maxOutlets: 9 },
      ],
      products: [product('x', 'ua', 3, 2), product('y', 'ub', 3, 2), product('z', 'ua', 1, 2)],
    });
    const r1 = solvePlacement(inst);
    const r2 = solvePlacement(inst);
    expect(r1.stats.components).toBe(2);
    expect(r1.placements).toEqual(r2.placements);
    expect(pairsOf(r1)).toEqual(['x@a1', 'x@a2', 'y@b1', 'z@a1']);
    expect(r1.stats.pairs).toBe(buildPairs(inst).count);
  });
});
