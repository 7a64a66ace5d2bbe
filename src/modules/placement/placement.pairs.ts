// Candidate-pair generation for placement planning: every eligible (product, outlet) pair, exactly,
// with its value. Uses a kdbush index for the spatial search and our own haversine (R = 6371.0088 km)
// for the eligibility decision, so the result never depends on the index library's earth radius.

import { around } from 'geokdbush';
import KDBush from 'kdbush';
import type { PlacementInstance } from './placement.types.ts';

export const EARTH_RADIUS_KM = 6371.0088;
const DEG = Math.PI / 180;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const s1 = Math.sin(((lat2 - lat1) * DEG) / 2);
  const s2 = Math.sin(((lon2 - lon1) * DEG) / 2);
  const a = s1 * s1 + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** v(p, o) = weeklyUnits × (1 − 0.5 d / radius). A zero radius only admits d = 0, worth full value. */
export function pairValue(weeklyUnits: number, radiusKm: number, distanceKm: number): number {
  if (distanceKm === 0) return weeklyUnits;
  return weeklyUnits * (1 - (0.5 * distanceKm) / radiusKm);
}

/** Eligible pairs as parallel typed arrays (structure of arrays keeps 20M+ pairs cheap). */
export interface PairTable {
  count: number;
  product: Int32Array;
  outlet: Int32Array;
  value: Float64Array;
}

class PairBuffer {
  count = 0;
  product = new Int32Array(1024);
  outlet = new Int32Array(1024);
  value = new Float64Array(1024);

  push(p: number, o: number, v: number): void {
    if (this.count === this.product.length) this.grow();
    this.product[this.count] = p;
    this.outlet[this.count] = o;
    this.value[this.count] = v;
    this.count++;
  }

  private grow(): void {
    const cap = this.product.length * 2;
    const p = new Int32Array(cap);
    p.set(this.product);
    this.product = p;
    const o = new Int32Array(cap);
    o.set(this.outlet);
    this.outlet = o;
    const v = new Float64Array(cap);
    v.set(this.value);
    this.value = v;
  }

  finish(): PairTable {
    // Trim so that tens of millions of pairs do not keep up to 2× slack alive during the solve.
    return {
      count: this.count,
      product: this.product.slice(0, this.count),
      outlet: this.outlet.slice(0, this.count),
      value: this.value.slice(0, this.count),
    };
  }
}

export interface PairBuildOptions {
  onProgress?: (message: string) => void;
}

/**
 * Enumerates all eligible pairs. Products that can never be placed (maxOutlets 0, or their UMKM's
 * maxOutlets 0) are skipped, as they cannot change the optimum.
 * Pairs come grouped by UMKM, which keeps each UMKM's products and outlets close in memory later.
 */
export function buildPairs(inst: PlacementInstance, opts: PairBuildOptions = {}): PairTable {
  const { outlets, umkm, products } = inst;
  const umkmIndex = new Map<string, number>();
  for (const [i, u] of umkm.entries()) umkmIndex.set(u.id, i);

  const chainIndex = new Map<string, number>();
  const outletChain = new Int32Array(outlets.length);
  const outletPerishOk = new Uint8Array(outlets.length);
  const outletLat = new Float64Array(outlets.length);
  const outletLon = new Float64Array(outlets.length);
  const openOutlets: number[] = [];
  for (let o = 0; o < outlets.length; o++) {
    const out = outlets[o]!;
    let c = chainIndex.get(out.chain);
    if (c === undefined) {
      c = chainIndex.size;
      chainIndex.set(out.chain, c);
    }
    outletChain[o] = c;
    outletPerishOk[o] = out.acceptsPerishable ? 1 : 0;
    outletLat[o] = out.lat;
    outletLon[o] = out.lon;
    if (out.slots > 0) openOutlets.push(o);
  }

  // Products that can be placed, grouped by UMKM (CSR layout), with their chains as small int lists.
  const prodUmkm = new Int32Array(products.length);
  const usable = new Uint8Array(products.length);
  const perUmkm = new Int32Array(umkm.length + 1);
  const chainStart = new Int32Array(products.length + 1);
  const chainIds: number[] = [];
  for (let p = 0; p < products.length; p++) {
    const pr = products[p]!;
    const u = umkmIndex.get(pr.umkmId);
    if (u === undefined) throw new Error(`products[${p}]: unknown UMKM ${pr.umkmId}`);
    prodUmkm[p] = u;
    const seen = new Set<number>();
    for (const ch of pr.chains) {
      const c = chainIndex.get(ch);
      if (c !== undefined && !seen.has(c)) {
        seen.add(c);
        chainIds.push(c);
      }
    }
    chainStart[p + 1] = chainIds.length;
    if (pr.maxOutlets > 0 && umkm[u]!.maxOutlets > 0 && seen.size > 0) {
      usable[p] = 1;
      perUmkm[u + 1]!++;
    }
  }
  const chainList = Int32Array.from(chainIds);
  for (let u = 0; u < umkm.length; u++) perUmkm[u + 1]! += perUmkm[u]!;
  const umkmProducts = new Int32Array(perUmkm[umkm.length]!);
  {
    const fill = perUmkm.slice(0, umkm.length);
    for (let p = 0; p < products.length; p++) if (usable[p]) umkmProducts[fill[prodUmkm[p]!]!++] = p;
  }

  const buf = new PairBuffer();
  if (openOutlets.length === 0 || umkmProducts.length === 0) return buf.finish();

  const index = new KDBush(openOutlets.length);
  for (const o of openOutlets) index.add(outletLon[o]!, outletLat[o]!);
  index.finish();

  const radius = new Float64Array(products.length);
  const weekly = new Float64Array(products.length);
  const perishable = new Uint8Array(products.length);
  for (let p = 0; p < products.length; p++) {
    const pr = products[p]!;
    radius[p] = pr.radiusKm;
    weekly[p] = pr.weeklyUnits;
    perishable[p] = pr.perishable ? 1 : 0;
  }

  const progressEvery = Math.max(1, Math.floor(umkm.length / 10));
  for (let u = 0; u < umkm.length; u++) {
    if (opts.onProgress && u > 0 && u % progressEvery === 0) {
      opts.onProgress(`pairs: ${u}/${umkm.length} UMKM scanned, ${buf.count} pairs so far`);
    }
    const ps = perUmkm[u]!;
    const pe = perUmkm[u + 1]!;
    if (ps === pe) continue;
    let maxR = 0;
    for (let k = ps; k < pe; k++) maxR = Math.max(maxR, radius[umkmProducts[k]!]!);
    const lat = umkm[u]!.lat;
    const lon = umkm[u]!.lon;
    const hits = searchAround(index, lat, lon, maxR);
    for (let h = 0; h < hits.length; h++) {
      const o = openOutlets[hits[h]!]!;
      const d = haversineKm(lat, lon, outletLat[o]!, outletLon[o]!);
      if (d > maxR) continue;
      const oc = outletChain[o]!;
      const okPerish = outletPerishOk[o] === 1;
      for (let k = ps; k < pe; k++) {
        const p = umkmProducts[k]!;
        const r = radius[p]!;
        if (d > r) continue;
        if (perishable[p] === 1 && !okPerish) continue;
        let chainOk = false;
        for (let c = chainStart[p]!; c < chainStart[p + 1]!; c++) {
          if (chainList[c] === oc) {
            chainOk = true;
            break;
          }
        }
        if (!chainOk) continue;
        buf.push(p, o, pairValue(weekly[p]!, r, d));
      }
    }
  }
  return buf.finish();
}

// The library searches with R = 6371 km and ours is 6371.0088 km, so a slightly widened search
// radius guarantees a superset; the exact haversine test above then decides.
const SEARCH_PAD = 1.0001;
const SEARCH_PAD_KM = 1e-6;

/** Index ids of all points possibly within radiusKm of (lat, lon): a superset, never a subset. */
function searchAround(index: KDBush, lat: number, lon: number, radiusKm: number): ArrayLike<number> {
  const r = radiusKm * SEARCH_PAD + SEARCH_PAD_KM;
  const ang = r / 6371; // radians, using the smaller radius so the box is never too small
  const dLatDeg = ang / DEG;
  const cosLat = Math.cos(lat * DEG);
  const sinAng = Math.sin(ang);
  // A plain lat/lon box is exact and fastest away from the poles and the antimeridian; elsewhere the
  // great-circle search of geokdbush handles wrap-around correctly.
  if (ang < Math.PI / 4 && Math.abs(lat) + dLatDeg < 89 && sinAng < cosLat) {
    const dLonDeg = (Math.asin(sinAng / cosLat) / DEG) * SEARCH_PAD + 1e-9;
    const minLon = lon - dLonDeg;
    const maxLon = lon + dLonDeg;
    if (minLon >= -180 && maxLon <= 180) {
      return index.range(minLon, lat - dLatDeg - 1e-9, maxLon, lat + dLatDeg + 1e-9);
    }
  }
  return around(index, lon, lat, Number.POSITIVE_INFINITY, ang >= Math.PI ? Number.POSITIVE_INFINITY : r);
}
