// Property test: on random small instances the flow solver must be feasible and reach the optimum
// found by an independent MILP (HiGHS) over independently brute-forced eligible pairs.

import fc from 'fast-check';
import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { instanceArb } from './placement.arbitrary.ts';
import { type HighsLike, type ReferencePair, solveWithHighs } from './placement.highs.ts';
import { solvePlacement } from './placement.rules.ts';
import type { PlacementInstance } from './placement.types.ts';

let highs: HighsLike;
beforeAll(async () => {
  highs = (await loadHighs()) as unknown as HighsLike;
});

// Deliberately re-derived here rather than imported, so a bug in the solver's geometry shows up.
function distKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
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

function checkFeasible(inst: PlacementInstance, placements: Array<{ productId: string; outletId: string }>): number {
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
