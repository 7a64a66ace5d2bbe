// Random placement instances for the property tests (fast-check): empty lists, zero capacities, zero
// radii, co-located businesses and outlets, unknown chains, bonus 0 and > 0. Test-only.

import fc from 'fast-check';
import type { PlacementInstance } from './placement.types.ts';
import { validateInstance } from './placement.validate.ts';

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

export const instanceArb = (maxOutlets: number, maxUmkm: number, maxProducts: number): fc.Arbitrary<PlacementInstance> =>
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
          chains: fc.oneof({ arbitrary: fc.constant(CHAINS), weight: 2 }, { arbitrary: fc.subarray([...CHAINS, 'hypermart']), weight: 1 }),
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
