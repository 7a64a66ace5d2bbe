// Placement planning (C5): the exact optimiser. Pure, no I/O. Builds every eligible pair, splits the
// problem into independent connected components, and solves each as a minimum-cost circulation:
//   hub → UMKM (first unit at cost −bonus, the rest at 0) → product (≤ maxOutlets)
//       → outlet (one unit per pair, cost −value) → hub (≤ slots).
// The hub closes the circulation, so sending nothing is always feasible and only profitable flow is
// routed: a max-weight problem, not a max-flow one. See docs/PLACEMENT.md for why this is exact.

import { solveCirculation } from './placement.mcf.ts';
import { buildPairs, type PairTable } from './placement.pairs.ts';
import type { Placement, PlacementCertificate, PlacementInstance, PlacementResult, PlacementStats } from './placement.types.ts';

export interface SolveOptions {
  /** Progress lines for long runs (the CLI sends them to stderr). */
  onProgress?: (message: string) => void;
  /** ε reduction factor of cost scaling; only for tuning experiments. */
  alpha?: number;
  /** Pairs already built by buildPairs for this very instance (the benchmark reuses them). */
  pairs?: PairTable;
  /**
   * Also return exact dual prices and structural flows (`result.certificate`) for
   * `verifyCertificate`. Costs an extra shortest-path pass per component.
   */
  certificate?: boolean;
}

/**
 * Largest |cost| × (n + 1) handed to the flow solver. Prices are doubles that must stay exact
 * integers (< 2^53); 2^40 leaves a 2^12 margin for price drift while still giving every value about
 * 12 significant decimal digits divided by the component's node count.
 */
const COST_BUDGET = 2 ** 44;

export function solvePlacement(inst: PlacementInstance, opts: SolveOptions = {}): PlacementResult {
  const t0 = performance.now();
  const progress = opts.onProgress;
  const pairs = opts.pairs ?? buildPairs(inst, { onProgress: progress });
  const nO = inst.outlets.length;
  const nU = inst.umkm.length;
  const nP = inst.products.length;
  const bonus = inst.params.firstPlacementBonus;

  const umkmIndex = new Map<string, number>();
  for (const [i, u] of inst.umkm.entries()) umkmIndex.set(u.id, i);
  const prodUmkm = new Int32Array(nP);
  for (let p = 0; p < nP; p++) prodUmkm[p] = umkmIndex.get(inst.products[p]!.umkmId)!;

  const comps = splitComponents(pairs, prodUmkm, nU, nO);
  const t1 = performance.now();
  progress?.(`built ${pairs.count} pairs in ${comps.count} components (largest ${comps.largestPairs} pairs) in ${Math.round(t1 - t0)} ms`);

  const chosen = new Uint8Array(pairs.count);
  const stats: SolveCounters = {
    phases: 0,
    pushes: 0,
    relabels: 0,
    tolerance: 0,
    largestNodes: 0,
    priceRatio: 0,
  };
  const local = new Int32Array(nU + nP + nO).fill(-1);
  const cert = opts.certificate ? newCertificate(comps.count, nU, nP, nO) : undefined;
  for (let c = 0; c < comps.count; c++) {
    const from = comps.start[c]!;
    const to = comps.start[c + 1]!;
    const big = to - from >= 200_000;
    const tc = performance.now();
    solveComponent(
      inst,
      pairs,
      prodUmkm,
      comps.order.subarray(from, to),
      bonus,
      local,
      chosen,
      stats,
      opts.alpha,
      cert === undefined ? undefined : { cert, component: c },
    );
    if (big && progress) {
      progress(`solved component of ${to - from} pairs in ${Math.round(performance.now() - tc)} ms`);
    }
  }
  const t2 = performance.now();

  const picked: number[] = [];
  for (let i = 0; i < pairs.count; i++) if (chosen[i]) picked.push(i);
  // Product order, then outlet order, both as in the input: stable output for diffs and caching.
  picked.sort((a, b) => pairs.product[a]! - pairs.product[b]! || pairs.outlet[a]! - pairs.outlet[b]!);
  const placements: Placement[] = new Array(picked.length);
  const placedUmkm = new Uint8Array(nU);
  let value = 0;
  for (let k = 0; k < picked.length; k++) {
    const i = picked[k]!;
    const p = pairs.product[i]!;
    placements[k] = { productId: inst.products[p]!.id, outletId: inst.outlets[pairs.outlet[i]!]!.id };
    value += pairs.value[i]!;
    placedUmkm[prodUmkm[p]!] = 1;
  }
  let placedCount = 0;
  for (let u = 0; u < nU; u++) placedCount += placedUmkm[u]!;
  const t3 = performance.now();

  const result: PlacementStats = {
    outlets: nO,
    umkm: nU,
    products: nP,
    pairs: pairs.count,
    components: comps.count,
    largestComponentPairs: comps.largestPairs,
    largestComponentNodes: stats.largestNodes,
    placements: placements.length,
    placedUmkm: placedCount,
    buildMs: Math.round(t1 - t0),
    solveMs: Math.round(t2 - t1),
    totalMs: Math.round(t3 - t0),
    phases: stats.phases,
    pushes: stats.pushes,
    relabels: stats.relabels,
    roundingToleranceAbs: stats.tolerance,
    maxPriceRatio: stats.priceRatio,
  };
  const out: PlacementResult = { placements, objective: value + bonus * placedCount, stats: result };
  if (cert) out.certificate = cert;
  return out;
}

function newCertificate(components: number, nU: number, nP: number, nO: number): PlacementCertificate {
  return {
    components,
    scale: new Float64Array(components),
    multiplier: new Float64Array(components),
    hubPrice: new Float64Array(components),
    umkmComponent: new Int32Array(nU).fill(-1),
    outletComponent: new Int32Array(nO).fill(-1),
    umkmPrice: new Float64Array(nU),
    productPrice: new Float64Array(nP),
    outletPrice: new Float64Array(nO),
    umkmFlow: new Int32Array(nU),
    umkmBonusFlow: new Int32Array(nU),
    productFlow: new Int32Array(nP),
    outletFlow: new Int32Array(nO),
    exactPriceMs: 0,
  };
}

interface SolveCounters {
  phases: number;
  pushes: number;
  relabels: number;
  tolerance: number;
  largestNodes: number;
  priceRatio: number;
}

interface Components {
  count: number;
  /** Pair indices grouped by component; component c owns order[start[c] .. start[c+1]). */
  order: Int32Array;
  start: Int32Array;
  largestPairs: number;
}

/** Union–find over UMKM and outlets (a UMKM's products share its capacity, so they stay together). */
function splitComponents(pairs: PairTable, prodUmkm: Int32Array, nU: number, nO: number): Components {
  const parent = new Int32Array(nU + nO);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[x] !== r) {
      const nx = parent[x]!;
      parent[x] = r;
      x = nx;
    }
    return r;
  };
  for (let i = 0; i < pairs.count; i++) {
    const a = find(prodUmkm[pairs.product[i]!]!);
    const b = find(nU + pairs.outlet[i]!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const compOfRoot = new Int32Array(nU).fill(-1);
  const pairComp = new Int32Array(pairs.count);
  const sizes: number[] = [];
  for (let i = 0; i < pairs.count; i++) {
    const r = find(prodUmkm[pairs.product[i]!]!);
    let c = compOfRoot[r]!;
    if (c < 0) {
      c = sizes.length;
      compOfRoot[r] = c;
      sizes.push(0);
    }
    pairComp[i] = c;
    sizes[c]!++;
  }
  const start = new Int32Array(sizes.length + 1);
  let largest = 0;
  for (let c = 0; c < sizes.length; c++) {
    start[c + 1] = start[c]! + sizes[c]!;
    largest = Math.max(largest, sizes[c]!);
  }
  const fill = start.slice(0, sizes.length);
  const order = new Int32Array(pairs.count);
  for (let i = 0; i < pairs.count; i++) order[fill[pairComp[i]!]!++] = i;
  return { count: sizes.length, order, start, largestPairs: largest };
}

function solveComponent(
  inst: PlacementInstance,
  pairs: PairTable,
  prodUmkm: Int32Array,
  compPairs: Int32Array,
  bonus: number,
  local: Int32Array,
  chosen: Uint8Array,
  stats: SolveCounters,
  alpha: number | undefined,
  certOut: { cert: PlacementCertificate; component: number } | undefined,
): void {
  const nU = inst.umkm.length;
  const nP = inst.products.length;
  const k = compPairs.length;
  // Local node ids: 0 is the hub, then UMKM, products, outlets in order of first appearance.
  const umkms: number[] = [];
  const prods: number[] = [];
  const outs: number[] = [];
  const degP: number[] = [];
  const degO: number[] = [];
  let maxValue = 0;
  for (let j = 0; j < k; j++) {
    const i = compPairs[j]!;
    const p = pairs.product[i]!;
    const o = pairs.outlet[i]!;
    const u = prodUmkm[p]!;
    if (local[u]! < 0) {
      local[u] = umkms.length;
      umkms.push(u);
    }
    if (local[nU + p]! < 0) {
      local[nU + p] = prods.length;
      prods.push(p);
      degP.push(0);
    }
    if (local[nU + nP + o]! < 0) {
      local[nU + nP + o] = outs.length;
      outs.push(o);
      degO.push(0);
    }
    degP[local[nU + p]!]!++;
    degO[local[nU + nP + o]!]!++;
    if (pairs.value[i]! > maxValue) maxValue = pairs.value[i]!;
  }
  const baseU = 1;
  const baseP = baseU + umkms.length;
  const baseO = baseP + prods.length;
  const n = baseO + outs.length;
  stats.largestNodes = Math.max(stats.largestNodes, n);

  // Capacities are clamped to what the pairs could ever use, so they always fit in 32 bits.
  const capP = new Int32Array(prods.length);
  const capU = new Float64Array(umkms.length);
  for (let j = 0; j < prods.length; j++) {
    const p = prods[j]!;
    capP[j] = Math.min(inst.products[p]!.maxOutlets, degP[j]!);
    capU[local[prodUmkm[p]!]!]! += capP[j]!;
  }
  let flowBound = 0;
  for (let j = 0; j < umkms.length; j++) {
    capU[j] = Math.min(inst.umkm[umkms[j]!]!.maxOutlets, capU[j]!);
    flowBound += capU[j]!;
  }
  let outletCapSum = 0;
  for (let j = 0; j < outs.length; j++) outletCapSum += Math.min(inst.outlets[outs[j]!]!.slots, degO[j]!);
  flowBound = Math.min(flowBound, outletCapSum);

  const maxAbs = Math.max(maxValue, bonus);
  // Capped so that subnormal values cannot push the factor to Infinity.
  const scale = maxAbs > 0 ? Math.min(COST_BUDGET / (n + 1) / maxAbs, 2 ** 1000) : 1;
  // Each rounded term is off by ≤ 0.5/scale; the optimum and our answer each have at most
  // flowBound pair terms and one bonus term per UMKM, so they can differ by at most this much.
  stats.tolerance += ((2 * flowBound + 2 * (bonus > 0 ? umkms.length : 0)) * 0.5) / scale;

  // Structural arcs (hub → UMKM → product, outlet → hub) first, then one arc per pair.
  const arcMax = 2 * umkms.length + prods.length + outs.length + k;
  const tail = new Int32Array(arcMax);
  const head = new Int32Array(arcMax);
  const cap = new Int32Array(arcMax);
  const cost = new Float64Array(arcMax);
  let m = 0;
  const arc = (t: number, h: number, c: number, w: number): void => {
    tail[m] = t;
    head[m] = h;
    cap[m] = c;
    cost[m] = w;
    m++;
  };
  const bonusCost = -Math.round(bonus * scale);
  // Arc ids of the structural arcs (−1: none), to report their flows in the certificate.
  const arcUFirst = new Int32Array(umkms.length).fill(-1);
  const arcURest = new Int32Array(umkms.length).fill(-1);
  const arcP = new Int32Array(prods.length).fill(-1);
  const arcO = new Int32Array(outs.length).fill(-1);
  for (let j = 0; j < umkms.length; j++) {
    const c = capU[j]!;
    if (c <= 0) continue;
    if (bonusCost !== 0) {
      // Two parallel arcs: the cheaper one is always used first, so the bonus counts exactly once.
      arcUFirst[j] = m;
      arc(0, baseU + j, 1, bonusCost);
      if (c > 1) {
        arcURest[j] = m;
        arc(0, baseU + j, c - 1, 0);
      }
    } else {
      arcURest[j] = m;
      arc(0, baseU + j, c, 0);
    }
  }
  for (let j = 0; j < prods.length; j++) {
    if (capP[j]! > 0) {
      arcP[j] = m;
      arc(baseU + local[prodUmkm[prods[j]!]!]!, baseP + j, capP[j]!, 0);
    }
  }
  for (let j = 0; j < outs.length; j++) {
    const c = Math.min(inst.outlets[outs[j]!]!.slots, degO[j]!);
    if (c > 0) {
      arcO[j] = m;
      arc(baseO + j, 0, c, 0);
    }
  }
  const pairArc0 = m;
  for (let j = 0; j < k; j++) {
    const i = compPairs[j]!;
    arc(baseP + local[nU + pairs.product[i]!]!, baseO + local[nU + nP + pairs.outlet[i]!]!, 1, -Math.round(pairs.value[i]! * scale));
  }
  for (const u of umkms) local[u] = -1;
  for (const p of prods) local[nU + p] = -1;
  for (const o of outs) local[nU + nP + o] = -1;

  const res = solveCirculation(
    { nodeCount: n, arcCount: m, tail, head, cap, cost },
    { ...(alpha === undefined ? {} : { alpha }), exactPrices: certOut !== undefined },
  );
  stats.phases += res.phases;
  stats.pushes += res.pushes;
  stats.relabels += res.relabels;
  stats.priceRatio = Math.max(stats.priceRatio, res.priceRatio);
  for (let j = 0; j < k; j++) if (res.flow[pairArc0 + j]! > 0) chosen[compPairs[j]!] = 1;

  if (certOut) {
    const { cert, component } = certOut;
    const f = (a: number): number => (a < 0 ? 0 : res.flow[a]!);
    cert.scale[component] = scale;
    cert.multiplier[component] = res.multiplier;
    cert.hubPrice[component] = res.price[0]!;
    cert.exactPriceMs += res.exactPriceMs;
    for (let j = 0; j < umkms.length; j++) {
      const u = umkms[j]!;
      cert.umkmComponent[u] = component;
      cert.umkmPrice[u] = res.price[baseU + j]!;
      const first = f(arcUFirst[j]!);
      const total = first + f(arcURest[j]!);
      cert.umkmFlow[u] = total;
      // With a zero bonus there is one arc; its first unit plays the bonus arc's part.
      cert.umkmBonusFlow[u] = arcUFirst[j]! >= 0 ? first : Math.min(1, total);
    }
    for (let j = 0; j < prods.length; j++) {
      cert.productPrice[prods[j]!] = res.price[baseP + j]!;
      cert.productFlow[prods[j]!] = f(arcP[j]!);
    }
    for (let j = 0; j < outs.length; j++) {
      cert.outletComponent[outs[j]!] = component;
      cert.outletPrice[outs[j]!] = res.price[baseO + j]!;
      cert.outletFlow[outs[j]!] = f(arcO[j]!);
    }
  }
}
