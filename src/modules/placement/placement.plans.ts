// Placement planning in the product (C5): how the database's facts become a solver instance (format v1),
// and how the solver's answer becomes a plan with a diff against the current placements. Pure: no I/O.
// The heuristics here (expected weekly units, supply radius, capacities, bonus) are documented in
// docs/PLACEMENT.md, "In the product"; they are deterministic so the same data always gives the same plan.
import { haversineKm, pairValue } from './placement.pairs.ts';
import type { Outlet, Placement, PlacementInstance, Product, Umkm } from './placement.types.ts';

/** Defaults of a plan; stored with every plan so a plan can be explained later. */
export const PLAN_DEFAULTS = {
  /** Worth two outlets of an average product: spreads shelves across businesses without overruling sales. */
  firstPlacementBonus: 25,
  /** Wet food (makanan basah) travels by motorbike and must arrive fresh the same morning. */
  perishableRadiusKm: 10,
  /** Dry goods go by pickup/van once or twice a week. */
  dryRadiusKm: 30,
  /** Price at which the category's base units apply; cheaper sells more, dearer less. */
  referencePrice: 15_000,
} as const;

/** Expected weekly units per outlet at the reference price, by category: a minimarket's local-product
 *  corner sells snacks and wet cakes fastest, staples (rice, sugar) slower per SKU, crafts rarely. No POS
 *  data exists yet (C7); these replace it until market tests (C6) measure real sell-through. */
export const CATEGORY_WEEKLY_UNITS: Record<string, number> = {
  makanan_ringan: 14,
  kue_basah: 18,
  minuman: 12,
  olahan_susu: 10,
  bumbu_sambal: 8,
  olahan_ikan_daging: 8,
  kopi_teh: 7,
  beras_serealia: 6,
  gula_pemanis: 6,
  madu_herbal: 4,
  lainnya: 4,
  kerajinan: 2,
};

/** Expected weekly units of a product in one outlet: the category's base × (reference price / price)^½,
 *  the factor kept within [0.5, 2], rounded to 0.1 unit. */
export function expectedWeeklyUnits(category: string, retailPrice: number): number {
  const base = CATEGORY_WEEKLY_UNITS[category] ?? CATEGORY_WEEKLY_UNITS.lainnya!;
  const price = Math.max(1, retailPrice);
  const factor = Math.min(2, Math.max(0.5, Math.sqrt(PLAN_DEFAULTS.referencePrice / price)));
  return Math.round(base * factor * 10) / 10;
}

export const supplyRadiusKm = (perishable: boolean) => (perishable ? PLAN_DEFAULTS.perishableRadiusKm : PLAN_DEFAULTS.dryRadiusKm);

/** How many outlets a weekly capacity can keep stocked at `unitsPerOutlet` each — at least one: a UMKM
 *  with a PKS must be able to get onto one shelf. */
export const outletsFromCapacity = (weeklyCapacity: number, unitsPerOutlet: number) =>
  Math.max(1, Math.floor(weeklyCapacity / Math.max(0.1, unitsPerOutlet)));

export interface PlanOutlet {
  id: string;
  districtCode: string;
  lat: number;
  lon: number;
  localSlots: number;
  acceptsPerishable: boolean;
}
export interface PlanUmkm {
  id: string;
  lat: number;
  lon: number;
  weeklyCapacity: number;
}
export interface PlanProduct {
  id: string;
  umkmId: string;
  category: string;
  retailPrice: number;
  perishable: boolean;
  /** The PKS delivery zone (district codes); empty = the whole region. */
  deliveryDistricts: string[];
}
/** A placement current on the plan date, at one of the plan's outlets. */
export interface CurrentPlacement {
  id: string;
  productId: string;
  outletId: string;
  umkmId: string;
  locked: boolean;
}

export interface PlanFacts {
  chainCode: string;
  outlets: PlanOutlet[];
  umkm: PlanUmkm[];
  products: PlanProduct[];
  current: CurrentPlacement[];
  firstPlacementBonus?: number;
}

/**
 * The solver instance for a chain's outlets in a region. Locked placements are not in it: they keep
 * their shelf, so their outlet's slots and their product's and UMKM's capacities are reduced first.
 *
 * The solver knows zones only as a radius; a PKS delivery zone (districts) and "not again where it is
 * locked" are expressed through its chain matching: when either applies, an outlet's `chain` becomes
 * `<chain>@<district>` (or `<chain>#<outlet id>` for an outlet holding a locked placement of a planned
 * product) and each product lists exactly the labels it may go to. Otherwise every outlet is just
 * `<chain>`. Either way `solvePlacement` on this instance is the whole optimisation.
 */
export function buildPlanInstance(f: PlanFacts): PlacementInstance {
  const locked = f.current.filter((c) => c.locked);
  const lockedAt = new Map<string, number>();
  const lockedOfProduct = new Map<string, number>();
  const lockedOfUmkm = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const l of locked) {
    inc(lockedAt, l.outletId);
    inc(lockedOfProduct, l.productId);
    inc(lockedOfUmkm, l.umkmId);
  }

  const planned = new Set(f.products.map((p) => p.id));
  const lockedPairs = new Set(locked.map((l) => `${l.productId}|${l.outletId}`));
  const conflictOutlets = new Set(locked.filter((l) => planned.has(l.productId)).map((l) => l.outletId));
  const zoned = conflictOutlets.size > 0 || f.products.some((p) => p.deliveryDistricts.length > 0);

  const label = (o: PlanOutlet) =>
    !zoned ? f.chainCode : conflictOutlets.has(o.id) ? `${f.chainCode}#${o.id}` : `${f.chainCode}@${o.districtCode}`;
  const outlets: Outlet[] = f.outlets.map((o) => ({
    id: o.id,
    chain: label(o),
    lat: o.lat,
    lon: o.lon,
    slots: Math.max(0, o.localSlots - (lockedAt.get(o.id) ?? 0)),
    acceptsPerishable: o.acceptsPerishable,
  }));
  const districts = [...new Set(f.outlets.filter((o) => !conflictOutlets.has(o.id)).map((o) => o.districtCode))].sort();

  const units = new Map(f.products.map((p) => [p.id, expectedWeeklyUnits(p.category, p.retailPrice)]));
  const byUmkm = new Map<string, number[]>();
  for (const p of f.products) byUmkm.set(p.umkmId, [...(byUmkm.get(p.umkmId) ?? []), units.get(p.id)!]);

  const umkm: Umkm[] = f.umkm
    .filter((u) => byUmkm.has(u.id))
    .map((u) => {
      const list = byUmkm.get(u.id)!;
      const mean = list.reduce((a, b) => a + b, 0) / list.length;
      return {
        id: u.id,
        lat: u.lat,
        lon: u.lon,
        maxOutlets: Math.max(0, outletsFromCapacity(u.weeklyCapacity, mean) - (lockedOfUmkm.get(u.id) ?? 0)),
      };
    });
  const capacityOf = new Map(f.umkm.map((u) => [u.id, u.weeklyCapacity]));

  const products: Product[] = f.products
    .filter((p) => capacityOf.has(p.umkmId))
    .map((p) => {
      const zone = p.deliveryDistricts.length ? districts.filter((d) => p.deliveryDistricts.includes(d)) : districts;
      const chains = !zoned
        ? [f.chainCode]
        : [
            ...zone.map((d) => `${f.chainCode}@${d}`),
            ...f.outlets
              .filter(
                (o) =>
                  conflictOutlets.has(o.id) &&
                  !lockedPairs.has(`${p.id}|${o.id}`) &&
                  (p.deliveryDistricts.length === 0 || p.deliveryDistricts.includes(o.districtCode)),
              )
              .map((o) => `${f.chainCode}#${o.id}`),
          ];
      const u = units.get(p.id)!;
      return {
        id: p.id,
        umkmId: p.umkmId,
        radiusKm: supplyRadiusKm(p.perishable),
        perishable: p.perishable,
        maxOutlets: Math.max(0, outletsFromCapacity(capacityOf.get(p.umkmId)!, u) - (lockedOfProduct.get(p.id) ?? 0)),
        weeklyUnits: u,
        chains,
      };
    });

  return {
    version: 1,
    params: { firstPlacementBonus: f.firstPlacementBonus ?? PLAN_DEFAULTS.firstPlacementBonus },
    outlets,
    umkm,
    products,
  };
}

export interface PlanItem {
  productId: string;
  outletId: string;
  umkmId: string;
  change: 'new' | 'kept' | 'dropped';
  locked: boolean;
  placementId: string | null;
  distanceKm: number;
  expectedUnits: number;
}

/**
 * The plan: the solver's placements marked new or kept, every locked placement kept, and every other
 * current placement the solver did not choose marked dropped. Distances in km (haversine), expected
 * units = the solver's pair value (units falling to half at the edge of the zone).
 */
export function planItems(f: PlanFacts, inst: PlacementInstance, chosen: Placement[]): PlanItem[] {
  const outlet = new Map(f.outlets.map((o) => [o.id, o]));
  const umkm = new Map(f.umkm.map((u) => [u.id, u]));
  const product = new Map(f.products.map((p) => [p.id, p]));
  const instProduct = new Map(inst.products.map((p) => [p.id, p]));
  const current = new Map(f.current.map((c) => [`${c.productId}|${c.outletId}`, c]));
  const distance = (umkmId: string, outletId: string) => {
    const u = umkm.get(umkmId);
    const o = outlet.get(outletId);
    return u && o ? haversineKm(u.lat, u.lon, o.lat, o.lon) : 0;
  };
  const units = (productId: string, d: number) => {
    const ip = instProduct.get(productId);
    if (ip) return ip.radiusKm > 0 && d <= ip.radiusKm ? pairValue(ip.weeklyUnits, ip.radiusKm, d) : ip.weeklyUnits;
    return 0;
  };

  const items: PlanItem[] = [];
  const taken = new Set<string>();
  for (const c of f.current) {
    if (!c.locked) continue;
    const d = distance(c.umkmId, c.outletId);
    taken.add(`${c.productId}|${c.outletId}`);
    items.push({ ...pick(c), change: 'kept', locked: true, placementId: c.id, distanceKm: d, expectedUnits: units(c.productId, d) });
  }
  for (const pl of chosen) {
    const key = `${pl.productId}|${pl.outletId}`;
    if (taken.has(key)) continue;
    taken.add(key);
    const umkmId = product.get(pl.productId)!.umkmId;
    const d = distance(umkmId, pl.outletId);
    const cur = current.get(key);
    items.push({
      productId: pl.productId,
      outletId: pl.outletId,
      umkmId,
      change: cur ? 'kept' : 'new',
      locked: false,
      placementId: cur?.id ?? null,
      distanceKm: d,
      expectedUnits: units(pl.productId, d),
    });
  }
  for (const c of f.current) {
    const key = `${c.productId}|${c.outletId}`;
    if (taken.has(key)) continue;
    taken.add(key);
    const d = distance(c.umkmId, c.outletId);
    items.push({ ...pick(c), change: 'dropped', locked: false, placementId: c.id, distanceKm: d, expectedUnits: units(c.productId, d) });
  }
  return items;
}

const pick = (c: CurrentPlacement) => ({ productId: c.productId, outletId: c.outletId, umkmId: c.umkmId });
