// Greedy baseline for placement planning: take pairs in descending value while capacities allow.
// Not used to answer plans (it reaches ~96–98 % of the optimum); the benchmark and tests use it to
// show what the exact solver gains over it.

import { buildPairs, type PairTable } from './placement.pairs.ts';
import type { PlacementInstance } from './placement.types.ts';

export interface GreedyResult {
  /** Indices into the pair table of the chosen pairs. */
  chosen: Int32Array;
  objective: number;
}

export function greedyPlacement(inst: PlacementInstance, pairs: PairTable = buildPairs(inst)): GreedyResult {
  const order = orderByValueDesc(pairs);
  const slotsLeft = Float64Array.from(inst.outlets, (o) => o.slots);
  const prodLeft = Float64Array.from(inst.products, (p) => p.maxOutlets);
  const umkmIndex = new Map<string, number>();
  for (const [i, u] of inst.umkm.entries()) umkmIndex.set(u.id, i);
  const umkmLeft = Float64Array.from(inst.umkm, (u) => u.maxOutlets);
  const prodUmkm = Int32Array.from(inst.products, (p) => umkmIndex.get(p.umkmId)!);
  const placed = new Uint8Array(inst.umkm.length);
  const chosen: number[] = [];
  let objective = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const p = pairs.product[i]!;
    const o = pairs.outlet[i]!;
    const u = prodUmkm[p]!;
    if (slotsLeft[o]! <= 0 || prodLeft[p]! <= 0 || umkmLeft[u]! <= 0) continue;
    slotsLeft[o]!--;
    prodLeft[p]!--;
    umkmLeft[u]!--;
    objective += pairs.value[i]!;
    if (!placed[u]) {
      placed[u] = 1;
      objective += inst.params.firstPlacementBonus;
    }
    chosen.push(i);
  }
  return { chosen: Int32Array.from(chosen), objective };
}

/**
 * Pair indices by descending value. Sorting 20M+ indices with a comparator takes far too long, so
 * value (quantised) and index are packed into one double and sorted natively; the quantisation only
 * reorders pairs whose values differ by less than max/2^(53−index bits), irrelevant for a baseline.
 */
function orderByValueDesc(pairs: PairTable): Int32Array {
  const n = pairs.count;
  const out = new Int32Array(n);
  if (n === 0) return out;
  let maxV = 0;
  for (let i = 0; i < n; i++) maxV = Math.max(maxV, pairs.value[i]!);
  const idxBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const qMax = 2 ** (53 - idxBits) - 1;
  const idxMul = 2 ** idxBits;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const q = maxV > 0 ? Math.floor((pairs.value[i]! / maxV) * qMax) : 0;
    // Higher value first; among equal values, lower index first (q descending, index ascending).
    keys[i] = (qMax - q) * idxMul + i;
  }
  keys.sort();
  for (let k = 0; k < n; k++) out[k] = keys[k]! % idxMul;
  return out;
}
