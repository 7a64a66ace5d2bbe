// The optimality certificate: holds for every solution the solver returns, and the independent
// checker rejects solutions or prices that were tampered with.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instanceArb } from './placement.arbitrary.ts';
import { verifyCertificate } from './placement.certificate.ts';
import { buildPairs } from './placement.pairs.ts';
import { solvePlacement } from './placement.rules.ts';
import type { Placement, PlacementCertificate, PlacementInstance } from './placement.types.ts';
import { validateInstance } from './placement.validate.ts';

function solved(inst: PlacementInstance): { placements: Placement[]; cert: PlacementCertificate; objective: number } {
  const res = solvePlacement(inst, { certificate: true });
  expect(res.certificate).toBeDefined();
  return { placements: res.placements, cert: res.certificate!, objective: res.objective };
}

function cloneCert(c: PlacementCertificate): PlacementCertificate {
  return {
    ...c,
    scale: c.scale.slice(),
    multiplier: c.multiplier.slice(),
    hubPrice: c.hubPrice.slice(),
    umkmComponent: c.umkmComponent.slice(),
    outletComponent: c.outletComponent.slice(),
    umkmPrice: c.umkmPrice.slice(),
    productPrice: c.productPrice.slice(),
    outletPrice: c.outletPrice.slice(),
    umkmFlow: c.umkmFlow.slice(),
    umkmBonusFlow: c.umkmBonusFlow.slice(),
    productFlow: c.productFlow.slice(),
    outletFlow: c.outletFlow.slice(),
  };
}

/**
 * Toggles pair i in the plan and moves the structural flows along, so the result is still a
 * circulation (conservation holds); it is then either over a capacity or strictly worse.
 */
function toggleConsistently(
  inst: PlacementInstance,
  placements: Placement[],
  cert: PlacementCertificate,
  p: number,
  o: number,
): { placements: Placement[]; cert: PlacementCertificate } {
  const c = cloneCert(cert);
  const productId = inst.products[p]!.id;
  const outletId = inst.outlets[o]!.id;
  const u = inst.umkm.findIndex((x) => x.id === inst.products[p]!.umkmId);
  const has = placements.some((x) => x.productId === productId && x.outletId === outletId);
  const d = has ? -1 : 1;
  const next = has
    ? placements.filter((x) => !(x.productId === productId && x.outletId === outletId))
    : [...placements, { productId, outletId }];
  c.productFlow[p]! += d;
  c.outletFlow[o]! += d;
  c.umkmFlow[u]! += d;
  c.umkmBonusFlow[u] = Math.min(1, c.umkmFlow[u]!);
  return { placements: next, cert: c };
}

const tiny = validateInstance({
  version: 1,
  params: { firstPlacementBonus: 5 },
  outlets: [
    { id: 'o1', chain: 'alfamart', lat: -6.2, lon: 106.8, slots: 1, acceptsPerishable: true },
    { id: 'o2', chain: 'alfamart', lat: -6.21, lon: 106.81, slots: 1, acceptsPerishable: true },
  ],
  umkm: [
    { id: 'u1', lat: -6.2, lon: 106.8, maxOutlets: 5 },
    { id: 'u2', lat: -6.21, lon: 106.81, maxOutlets: 5 },
  ],
  products: [
    { id: 'p1', umkmId: 'u1', radiusKm: 20, perishable: false, maxOutlets: 2, weeklyUnits: 10, chains: ['alfamart'] },
    { id: 'p2', umkmId: 'u2', radiusKm: 20, perishable: false, maxOutlets: 2, weeklyUnits: 9, chains: ['alfamart'] },
  ],
});

describe('optimality certificate', () => {
  it('holds on a small instance and reports what it checked', () => {
    const { placements, cert, objective } = solved(tiny);
    const check = verifyCertificate(tiny, placements, cert);
    expect(check.failures).toEqual([]);
    expect(check.ok).toBe(true);
    // 4 pair arcs, 2 × 2 hub → UMKM (cap 1 + cap 1), 2 UMKM → product, 2 outlet → hub.
    expect(check.arcsChecked).toBe(12);
    expect(check.nodesChecked).toBe(7);
    expect(check.objective).toBeCloseTo(objective, 9);
  });

  it('holds on 250 random instances (and agrees with the solver on objective and tolerance)', () => {
    let nonTrivial = 0;
    fc.assert(
      fc.property(fc.oneof(instanceArb(7, 4, 9), instanceArb(25, 8, 40)), (inst) => {
        const res = solvePlacement(inst, { certificate: true });
        const check = verifyCertificate(inst, res.placements, res.certificate!);
        expect(check.failures).toEqual([]);
        expect(check.objective).toBeCloseTo(res.objective, 6);
        expect(check.roundingToleranceAbs).toBeCloseTo(res.stats.roundingToleranceAbs, 12);
        if (res.placements.length > 0) nonTrivial++;
      }),
      { numRuns: 250, seed: 42 },
    );
    expect(nonTrivial).toBeGreaterThan(120);
  });

  it('rejects a plan with one placement dropped, whether or not the flows are patched up', () => {
    let tried = 0;
    fc.assert(
      fc.property(instanceArb(12, 5, 16), fc.nat(), (inst, pick) => {
        const { placements, cert } = solved(inst);
        const pairs = buildPairs(inst);
        const index = new Map(inst.products.map((p, i) => [p.id, i]));
        const outIndex = new Map(inst.outlets.map((o, i) => [o.id, i]));
        // Only placements worth something: dropping a zero-value pair leaves the plan optimal.
        const worth = placements.filter((pl) => {
          for (let i = 0; i < pairs.count; i++) {
            if (pairs.product[i] === index.get(pl.productId) && pairs.outlet[i] === outIndex.get(pl.outletId)) {
              return pairs.value[i]! > 0;
            }
          }
          return false;
        });
        if (worth.length === 0) return;
        tried++;
        const victim = worth[pick % worth.length]!;
        const p = index.get(victim.productId)!;
        const o = outIndex.get(victim.outletId)!;
        // Plain flip: conservation breaks at the product and the outlet.
        const plain = placements.filter((x) => x !== victim);
        const c1 = verifyCertificate(inst, plain, cert);
        expect(c1.ok).toBe(false);
        expect(c1.failures.join('\n')).toMatch(/inflow − outflow/);
        // Patched flows: a feasible circulation that is strictly worse, so no prices can certify it.
        const t = toggleConsistently(inst, placements, cert, p, o);
        const c2 = verifyCertificate(inst, t.placements, t.cert);
        expect(c2.ok).toBe(false);
        expect(c2.failures.join('\n')).toMatch(/reduced cost/);
      }),
      { numRuns: 120, seed: 5 },
    );
    expect(tried).toBeGreaterThan(60);
  });

  it('rejects a plan with one unplaced eligible pair added', () => {
    let tried = 0;
    fc.assert(
      fc.property(instanceArb(12, 5, 16), fc.nat(), (inst, pick) => {
        const { placements, cert } = solved(inst);
        const pairs = buildPairs(inst);
        const placed = new Set(placements.map((x) => `${x.productId}|${x.outletId}`));
        const free: number[] = [];
        for (let i = 0; i < pairs.count; i++) {
          const key = `${inst.products[pairs.product[i]!]!.id}|${inst.outlets[pairs.outlet[i]!]!.id}`;
          if (!placed.has(key) && pairs.value[i]! > 0) free.push(i);
        }
        if (free.length === 0) return;
        tried++;
        const i = free[pick % free.length]!;
        // Either a capacity is exceeded, or the plan got better — impossible if the original was optimal.
        const t = toggleConsistently(inst, placements, cert, pairs.product[i]!, pairs.outlet[i]!);
        expect(verifyCertificate(inst, t.placements, t.cert).ok).toBe(false);
      }),
      { numRuns: 80, seed: 6 },
    );
    expect(tried).toBeGreaterThan(30);
  });

  it('rejects perturbed prices', () => {
    let tried = 0;
    fc.assert(
      fc.property(instanceArb(12, 5, 16), fc.nat(), fc.boolean(), (inst, pick, onOutlet) => {
        const { placements, cert } = solved(inst);
        if (placements.length === 0) return;
        tried++;
        const pl = placements[pick % placements.length]!;
        const c = cloneCert(cert);
        // A placed pair arc carries flow = cap, so it needs c + p(product) − p(outlet) ≤ 0: raising
        // the product's price or lowering the outlet's by more than any slack breaks it.
        const delta = 2 ** 48;
        if (onOutlet) c.outletPrice[inst.outlets.findIndex((o) => o.id === pl.outletId)]! -= delta;
        else c.productPrice[inst.products.findIndex((p) => p.id === pl.productId)]! += delta;
        const check = verifyCertificate(inst, placements, c);
        expect(check.ok).toBe(false);
        expect(check.failures.join('\n')).toMatch(/reduced cost/);
      }),
      { numRuns: 80, seed: 8 },
    );
    expect(tried).toBeGreaterThan(40);
  });

  it('rejects a certificate whose arrays do not fit the instance, and unknown placements', () => {
    const { placements, cert } = solved(tiny);
    const c = cloneCert(cert);
    c.productPrice = new Float64Array(1);
    expect(verifyCertificate(tiny, placements, c).ok).toBe(false);
    const bad = [...placements, { productId: 'p1', outletId: 'nope' }];
    expect(verifyCertificate(tiny, bad, cert).failures.join('\n')).toMatch(/unknown/);
  });
});
