// Independent optimality check for placement plans (C5). From the instance and its eligible pairs it
// rebuilds every component's flow network on its own — capacities clamped as documented, integer
// costs −round(v × scale) × multiplier — takes the pair-arc flows from the returned placements and the
// structural flows and node prices from the certificate, and verifies
//   (a) feasibility: integral flows within [0, cap] on every arc and conservation at every node;
//   (b) complementary slackness: every residual arc has non-negative reduced cost
//       (flow < cap ⇒ c + p(tail) − p(head) ≥ 0, flow > 0 ⇒ c + p(tail) − p(head) ≤ 0).
// (a) + (b) prove the flow is a minimum-cost circulation for those integer costs, i.e. that the
// placements are exactly optimal for the rounded values (docs/PLACEMENT.md, "Optimality certificate").
// It shares no code or arrays with the solver; the pair table is an input (buildPairs by default) and
// each pair's eligibility and value are re-derived here from the instance.

import { buildPairs, type PairTable } from './placement.pairs.ts';
import type { Placement, PlacementCertificate, PlacementInstance } from './placement.types.ts';

export interface CertificateCheck {
  ok: boolean;
  /** Arcs of positive capacity whose flow bounds and reduced cost were checked. */
  arcsChecked: number;
  nodesChecked: number;
  ms: number;
  /** Objective recomputed from the placements: Σ v + bonus × UMKM placed. */
  objective: number;
  /** Bound on (true optimum − objective) from rounding values to integers, recomputed here. */
  roundingToleranceAbs: number;
  /** The first problems found (at most 20); empty when ok. */
  failures: string[];
}

export interface CertificateOptions {
  /** Pairs of this very instance, if already built (the benchmark reuses them). */
  pairs?: PairTable;
}

// Keeps c + p(tail) − p(head) exact in doubles (all terms integers well below 2^53).
const EXACT_LIMIT = 2 ** 50;
const MAX_FAILURES = 20;
const EARTH_R = 6371.0088;

export function verifyCertificate(
  inst: PlacementInstance,
  placements: readonly Placement[],
  cert: PlacementCertificate,
  opts: CertificateOptions = {},
): CertificateCheck {
  const t0 = performance.now();
  const failures: string[] = [];
  const fail = (m: string): void => {
    if (failures.length < MAX_FAILURES) failures.push(m);
  };
  const pairs = opts.pairs ?? buildPairs(inst);
  const nO = inst.outlets.length;
  const nU = inst.umkm.length;
  const nP = inst.products.length;
  const bonus = inst.params.firstPlacementBonus;
  const C = cert.components;

  const umkmIdx = new Map<string, number>();
  for (const [i, u] of inst.umkm.entries()) umkmIdx.set(u.id, i);
  const productIdx = new Map<string, number>();
  for (const [i, p] of inst.products.entries()) productIdx.set(p.id, i);
  const outletIdx = new Map<string, number>();
  for (const [i, o] of inst.outlets.entries()) outletIdx.set(o.id, i);
  const umkmOf = new Int32Array(nP);
  for (let p = 0; p < nP; p++) umkmOf[p] = umkmIdx.get(inst.products[p]!.umkmId) ?? -1;

  const sizesOk =
    cert.umkmComponent.length === nU &&
    cert.umkmPrice.length === nU &&
    cert.umkmFlow.length === nU &&
    cert.umkmBonusFlow.length === nU &&
    cert.productPrice.length === nP &&
    cert.productFlow.length === nP &&
    cert.outletComponent.length === nO &&
    cert.outletPrice.length === nO &&
    cert.outletFlow.length === nO &&
    cert.scale.length === C &&
    cert.multiplier.length === C &&
    cert.hubPrice.length === C;
  if (!sizesOk) return done(['certificate arrays do not match the instance sizes'], 0, 0, 0, 0);

  // Placements as per-product lists of outlets (CSR), to give every pair arc its flow.
  const placedCount = new Int32Array(nP + 1);
  const plP = new Int32Array(placements.length);
  const plO = new Int32Array(placements.length);
  for (const [k, pl] of placements.entries()) {
    const p = productIdx.get(pl.productId);
    const o = outletIdx.get(pl.outletId);
    if (p === undefined || o === undefined) {
      fail(`placement ${k} (${pl.productId} → ${pl.outletId}) names an unknown product or outlet`);
      plP[k] = -1;
      continue;
    }
    plP[k] = p;
    plO[k] = o;
    placedCount[p + 1]!++;
  }
  for (let p = 0; p < nP; p++) placedCount[p + 1]! += placedCount[p]!;
  const placedAt = placedCount.slice(0, nP);
  const placedOutlet = new Int32Array(placements.length);
  const placedId = new Int32Array(placements.length);
  for (let k = 0; k < placements.length; k++) {
    const p = plP[k]!;
    if (p < 0) continue;
    const s = placedAt[p]!++;
    placedOutlet[s] = plO[k]!;
    placedId[s] = k;
  }
  const matched = new Uint8Array(placements.length);

  // Degrees (for the documented capacity clamping) and each pair's eligibility and value, re-derived.
  const rad = Math.PI / 180;
  const uLat = new Float64Array(nU);
  const uLon = new Float64Array(nU);
  const uCos = new Float64Array(nU);
  for (let u = 0; u < nU; u++) {
    uLat[u] = inst.umkm[u]!.lat * rad;
    uLon[u] = inst.umkm[u]!.lon * rad;
    uCos[u] = Math.cos(uLat[u]!);
  }
  const oLat = new Float64Array(nO);
  const oLon = new Float64Array(nO);
  const oCos = new Float64Array(nO);
  const chainIdx = new Map<string, number>();
  const oChain = new Int32Array(nO);
  for (let o = 0; o < nO; o++) {
    const ot = inst.outlets[o]!;
    oLat[o] = ot.lat * rad;
    oLon[o] = ot.lon * rad;
    oCos[o] = Math.cos(oLat[o]!);
    let k = chainIdx.get(ot.chain);
    if (k === undefined) {
      k = chainIdx.size;
      chainIdx.set(ot.chain, k);
    }
    oChain[o] = k;
  }
  // chainOk[p × chains + k]: product p may be sold in the outlets' k-th chain.
  const nChains = chainIdx.size;
  const chainOk = new Uint8Array(nP * nChains);
  for (let p = 0; p < nP; p++) {
    for (const ch of inst.products[p]!.chains) {
      const k = chainIdx.get(ch);
      if (k !== undefined) chainOk[p * nChains + k] = 1;
    }
  }
  const pRadius = new Float64Array(nP);
  const pUnits = new Float64Array(nP);
  const pPerishable = new Uint8Array(nP);
  for (let p = 0; p < nP; p++) {
    const pr = inst.products[p]!;
    pRadius[p] = pr.radiusKm;
    pUnits[p] = pr.weeklyUnits;
    pPerishable[p] = pr.perishable ? 1 : 0;
  }
  // Outlet usable for product kind: bit 0 = non-perishable, bit 1 = perishable.
  const oUsable = new Uint8Array(nO);
  for (let o = 0; o < nO; o++) {
    const ot = inst.outlets[o]!;
    oUsable[o] = ot.slots > 0 ? (ot.acceptsPerishable ? 3 : 1) : 0;
  }
  const degP = new Int32Array(nP);
  const degO = new Int32Array(nO);
  for (let i = 0; i < pairs.count; i++) {
    const p = pairs.product[i]!;
    const o = pairs.outlet[i]!;
    if (!(p >= 0 && p < nP && o >= 0 && o < nO)) {
      fail(`pair ${i} refers to product ${p} / outlet ${o} outside the instance`);
      continue;
    }
    degP[p]!++;
    degO[o]!++;
    const u = umkmOf[p]!;
    if (u < 0) {
      fail(`pair ${i}: product ${inst.products[p]!.id} has no UMKM`);
      continue;
    }
    const s1 = Math.sin((oLat[o]! - uLat[u]!) / 2);
    const s2 = Math.sin((oLon[o]! - uLon[u]!) / 2);
    const d = 2 * EARTH_R * Math.asin(Math.min(1, Math.sqrt(s1 * s1 + uCos[u]! * oCos[o]! * s2 * s2)));
    const r = pRadius[p]!;
    const eligible = (oUsable[o]! & (1 << pPerishable[p]!)) !== 0 && chainOk[p * nChains + oChain[o]!] === 1 && d <= r + 1e-9 * (1 + r);
    const v = d === 0 ? pUnits[p]! : pUnits[p]! * (1 - (0.5 * d) / r);
    const vGiven = pairs.value[i]!;
    if (!eligible || !(Math.abs(v - vGiven) <= 1e-9 * Math.max(1, Math.abs(v)))) {
      fail(`pair ${i} (${inst.products[p]!.id} → ${inst.outlets[o]!.id}) is not eligible or has value ${vGiven} instead of ${v}`);
    }
  }

  // Clamped capacities, exactly as documented: product min(maxOutlets, pairs), UMKM min(maxOutlets,
  // Σ its products' clamped caps), outlet min(slots, pairs).
  const capP = new Int32Array(nP);
  const capU = new Float64Array(nU);
  for (let p = 0; p < nP; p++) {
    if (degP[p]! === 0) continue;
    capP[p] = Math.min(inst.products[p]!.maxOutlets, degP[p]!);
    capU[umkmOf[p]!]! += capP[p]!;
  }
  for (let u = 0; u < nU; u++) capU[u] = Math.min(inst.umkm[u]!.maxOutlets, capU[u]!);
  const capO = new Int32Array(nO);
  for (let o = 0; o < nO; o++) capO[o] = Math.min(inst.outlets[o]!.slots, degO[o]!);

  // Component data: integer bonus cost, multiplier, and sanity of the numbers used in exact arithmetic.
  const bonusCost = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    const s = cert.scale[c]!;
    const mult = cert.multiplier[c]!;
    if (!(s > 0 && Number.isFinite(s)) || !(Number.isInteger(mult) && mult >= 1)) {
      fail(`component ${c}: scale ${s} / multiplier ${mult} invalid`);
    }
    bonusCost[c] = -Math.round(bonus * s) * mult;
    checkPrice(cert.hubPrice[c]!, `hub of component ${c}`);
  }
  function checkPrice(p: number, what: string): void {
    if (!Number.isInteger(p) || Math.abs(p) > EXACT_LIMIT) fail(`${what}: price ${p} is not a safe integer`);
  }

  const balU = new Float64Array(nU);
  const balP = new Float64Array(nP);
  const balO = new Float64Array(nO);
  const balHub = new Float64Array(C);
  let arcs = 0;

  /** One arc: flow within [0, cap] and integral, and the reduced-cost condition. */
  const checkArc = (what: () => string, cap: number, flow: number, cost: number, pTail: number, pHead: number): void => {
    if (!Number.isInteger(flow) || flow < 0 || flow > cap) {
      fail(`${what()}: flow ${flow} outside [0, ${cap}]`);
      return;
    }
    if (cap === 0) return;
    arcs++;
    if (!(Math.abs(cost) <= EXACT_LIMIT)) {
      fail(`${what()}: scaled cost ${cost} too large for exact arithmetic`);
      return;
    }
    const rc = cost + pTail - pHead;
    if (flow < cap && !(rc >= 0)) fail(`${what()}: residual forward arc (flow ${flow} < cap ${cap}) has reduced cost ${rc} < 0`);
    if (flow > 0 && !(rc <= 0)) fail(`${what()}: residual backward arc (flow ${flow} > 0) has reduced cost ${-rc} < 0`);
  };

  // Pair arcs product → outlet, cap 1, cost −round(v × scale) × multiplier (inlined: 20M+ arcs).
  let objective = 0;
  const placedU = new Uint8Array(nU);
  for (let i = 0; i < pairs.count; i++) {
    const p = pairs.product[i]!;
    const o = pairs.outlet[i]!;
    if (!(p >= 0 && p < nP && o >= 0 && o < nO)) continue;
    const u = umkmOf[p]!;
    if (u < 0) continue;
    const c = cert.umkmComponent[u]!;
    if (c < 0 || c >= C || cert.outletComponent[o] !== c) {
      fail(`pair ${i} (${inst.products[p]!.id} → ${inst.outlets[o]!.id}) joins components ${c} and ${cert.outletComponent[o]}`);
      continue;
    }
    let flow = 0;
    const end = placedCount[p + 1]!;
    for (let s = placedCount[p]!; s < end; s++) {
      if (placedOutlet[s] === o) {
        const k = placedId[s]!;
        if (matched[k]) fail(`placement ${k} matches more than one pair`);
        matched[k] = 1;
        flow++;
      }
    }
    const value = pairs.value[i]!;
    const cost = -Math.round(value * cert.scale[c]!) * cert.multiplier[c]!;
    const rc = cost + cert.productPrice[p]! - cert.outletPrice[o]!;
    arcs++;
    if (flow > 1) fail(`pair arc ${inst.products[p]!.id} → ${inst.outlets[o]!.id}: flow ${flow} outside [0, 1]`);
    else if (!(Math.abs(cost) <= EXACT_LIMIT)) fail(`pair arc ${i}: scaled cost ${cost} too large for exact arithmetic`);
    else if ((flow === 0 && !(rc >= 0)) || (flow === 1 && !(rc <= 0))) {
      fail(
        `pair arc ${inst.products[p]!.id} → ${inst.outlets[o]!.id} (flow ${flow}, cap 1): residual arc has reduced cost ${flow === 0 ? rc : -rc} < 0`,
      );
    }
    if (flow > 0) {
      objective += value * flow;
      placedU[u] = 1;
      balP[p]! -= flow;
      balO[o]! += flow;
    }
  }
  for (let k = 0; k < placements.length; k++) {
    if (plP[k]! >= 0 && !matched[k]) {
      fail(`placement ${k} (${placements[k]!.productId} → ${placements[k]!.outletId}) is not an eligible pair`);
    }
  }

  // Structural arcs. Entities with no eligible pair have zero capacity: only their flow is checked.
  let nodes = C;
  for (let u = 0; u < nU; u++) {
    const c = cert.umkmComponent[u]!;
    const f = cert.umkmFlow[u]!;
    const f1 = cert.umkmBonusFlow[u]!;
    if (capU[u]! === 0) {
      if (f !== 0 || f1 !== 0) fail(`UMKM ${inst.umkm[u]!.id} has no usable pair but flow ${f}`);
      continue;
    }
    if (c < 0 || c >= C) {
      fail(`UMKM ${inst.umkm[u]!.id} has eligible pairs but no component`);
      continue;
    }
    nodes++;
    const pu = cert.umkmPrice[u]!;
    checkPrice(pu, `UMKM ${inst.umkm[u]!.id}`);
    const hub = cert.hubPrice[c]!;
    // hub → UMKM: first unit at −bonus, the remaining maxOutlets − 1 at 0.
    checkArc(() => `hub → UMKM ${inst.umkm[u]!.id} (first unit)`, 1, f1, bonusCost[c]!, hub, pu);
    checkArc(() => `hub → UMKM ${inst.umkm[u]!.id} (further units)`, capU[u]! - 1, f - f1, 0, hub, pu);
    balHub[c]! -= f;
    balU[u]! += f;
  }
  for (let p = 0; p < nP; p++) {
    // Every price a pair arc uses must be a safe integer, even where the product arc is closed.
    if (degP[p]! > 0) checkPrice(cert.productPrice[p]!, `product ${inst.products[p]!.id}`);
    const f = cert.productFlow[p]!;
    const u = umkmOf[p]!;
    if (capP[p]! === 0 || u < 0) {
      if (f !== 0) fail(`product ${inst.products[p]!.id} has no usable pair but flow ${f}`);
      continue;
    }
    nodes++;
    checkArc(() => `UMKM → product ${inst.products[p]!.id}`, capP[p]!, f, 0, cert.umkmPrice[u]!, cert.productPrice[p]!);
    balU[u]! -= f;
    balP[p]! += f;
  }
  for (let o = 0; o < nO; o++) {
    if (degO[o]! > 0) checkPrice(cert.outletPrice[o]!, `outlet ${inst.outlets[o]!.id}`);
    const f = cert.outletFlow[o]!;
    if (capO[o]! === 0) {
      if (f !== 0) fail(`outlet ${inst.outlets[o]!.id} has no usable pair but flow ${f}`);
      continue;
    }
    const c = cert.outletComponent[o]!;
    if (c < 0 || c >= C) {
      fail(`outlet ${inst.outlets[o]!.id} has eligible pairs but no component`);
      continue;
    }
    nodes++;
    checkArc(() => `outlet ${inst.outlets[o]!.id} → hub`, capO[o]!, f, 0, cert.outletPrice[o]!, cert.hubPrice[c]!);
    balO[o]! -= f;
    balHub[c]! += f;
  }

  // Conservation: inflow = outflow at every node.
  for (let u = 0; u < nU; u++) if (balU[u] !== 0) fail(`UMKM ${inst.umkm[u]!.id}: inflow − outflow = ${balU[u]}`);
  for (let p = 0; p < nP; p++) {
    if (balP[p] !== 0) fail(`product ${inst.products[p]!.id}: inflow − outflow = ${balP[p]}`);
  }
  for (let o = 0; o < nO; o++) {
    if (balO[o] !== 0) fail(`outlet ${inst.outlets[o]!.id}: inflow − outflow = ${balO[o]}`);
  }
  for (let c = 0; c < C; c++) if (balHub[c] !== 0) fail(`hub of component ${c}: inflow − outflow = ${balHub[c]}`);

  // Objective from the placements, and the rounding bound: per component, the optimum and the plan
  // each hold ≤ F = min(Σ UMKM caps, Σ outlet caps) pair terms and ≤ #UMKM bonus terms, each rounded
  // by ≤ 0.5 / scale.
  const capUSum = new Float64Array(C);
  const capOSum = new Float64Array(C);
  const umkmCount = new Float64Array(C);
  for (let u = 0; u < nU; u++) {
    const c = cert.umkmComponent[u]!;
    if (capU[u]! > 0 && c >= 0 && c < C) {
      capUSum[c]! += capU[u]!;
      umkmCount[c]!++;
    }
    objective += bonus * placedU[u]!;
  }
  for (let o = 0; o < nO; o++) {
    const c = cert.outletComponent[o]!;
    if (capO[o]! > 0 && c >= 0 && c < C) capOSum[c]! += capO[o]!;
  }
  let tol = 0;
  for (let c = 0; c < C; c++) {
    const f = Math.min(capUSum[c]!, capOSum[c]!);
    tol += ((2 * f + 2 * (bonus > 0 ? umkmCount[c]! : 0)) * 0.5) / cert.scale[c]!;
  }
  return done(failures, arcs, nodes, objective, tol);

  function done(f: string[], a: number, n: number, obj: number, t: number): CertificateCheck {
    return {
      ok: f.length === 0,
      arcsChecked: a,
      nodesChecked: n,
      ms: performance.now() - t0,
      objective: obj,
      roundingToleranceAbs: t,
      failures: f,
    };
  }
}
