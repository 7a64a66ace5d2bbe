// Where a product that passed its market test could go next (ekspansi, C6): the chain's other outlets that
// can take it, grouped by regency and ranked — the test's own regencies first (its zone), then the maker's
// province, then other provinces — each reachable directly (within the maker's supply radius) or through the
// branch's distribution centre, and only as many as the maker's weekly capacity allows at the rate of sale the
// test measured. No I/O.
import type { Bilingual } from '../../platform/errors.ts';
import { formatNumber } from '../../platform/format.ts';
import { regencyOf } from '../regions/regions.rules.ts';

export type Tier = 'zone' | 'province' | 'other_province';
export type Route = 'direct' | 'distribution_centre';

export interface CandidateOutlet {
  id: string;
  districtCode: string;
  branchId: string | null;
  distanceKm: number;
  freeSlots: number;
}

export interface ExpansionInput {
  /** Units per store per week the test measured (without campaign weeks). */
  rate: number;
  weeklyCapacity: number;
  /** Outlets the product is on the shelf at now (this chain and others): they take capacity already. */
  currentOutlets: number;
  makerProvince: string;
  testRegencies: ReadonlySet<string>;
  radiusKm: number;
  outlets: CandidateOutlet[];
}

export interface CandidateGroup {
  regionCode: string;
  tier: Tier;
  route: Route;
  outletIds: string[];
  /** How many of them one proposal takes: the maker's remaining capacity (groups taken in rank order), at
   *  most a wave. */
  withinCapacity: number;
  nearestKm: number;
  expectedWeeklyUnits: number;
  branchId: string | null;
  reason: Bilingual;
}

/** A proposal is one wave: at most this many outlets of a regency (the nearest), so a new region is tried in a
 *  few stores before the whole branch. */
export const WAVE_OUTLETS = 10;

export const TIER_RANK: Record<Tier, number> = { zone: 0, province: 1, other_province: 2 };

/** The maker's weekly units not yet taken by the outlets she supplies. */
export const spareCapacity = (i: Pick<ExpansionInput, 'rate' | 'weeklyCapacity' | 'currentOutlets'>) =>
  Math.max(0, i.weeklyCapacity - i.rate * i.currentOutlets);

export function expansionCandidates(i: ExpansionInput): { groups: CandidateGroup[]; spare: number; unreachable: number } {
  const spare = spareCapacity(i);
  let unreachable = 0;
  const groups = new Map<string, { outlets: CandidateOutlet[]; route: Route }>();
  for (const o of i.outlets) {
    if (o.freeSlots <= 0) continue;
    const route: Route | null = o.distanceKm <= i.radiusKm ? 'direct' : o.branchId ? 'distribution_centre' : null;
    if (!route) {
      unreachable++;
      continue;
    }
    const key = `${regencyOf(o.districtCode)}|${route}`;
    const g = groups.get(key) ?? { outlets: [], route };
    g.outlets.push(o);
    groups.set(key, g);
  }
  const ranked = [...groups.entries()]
    .map(([key, g]) => {
      const regionCode = key.split('|')[0] as string;
      const tier: Tier = i.testRegencies.has(regionCode)
        ? 'zone'
        : regionCode.startsWith(`${i.makerProvince}.`)
          ? 'province'
          : 'other_province';
      const outlets = [...g.outlets].sort((a, b) => a.distanceKm - b.distanceKm || a.id.localeCompare(b.id));
      return { regionCode, tier, route: g.route, outlets };
    })
    .sort(
      (a, b) =>
        TIER_RANK[a.tier] - TIER_RANK[b.tier] ||
        Number(a.route === 'distribution_centre') - Number(b.route === 'distribution_centre') ||
        (a.outlets[0]?.distanceKm ?? 0) - (b.outlets[0]?.distanceKm ?? 0) ||
        a.regionCode.localeCompare(b.regionCode),
    );
  let left = i.rate > 0 ? Math.floor(spare / i.rate) : 0;
  const out: CandidateGroup[] = ranked.map((g) => {
    const within = Math.min(left, g.outlets.length, WAVE_OUTLETS);
    left -= within;
    const n = Math.max(within, 0);
    const branches = [...new Set(g.outlets.map((o) => o.branchId))];
    return {
      regionCode: g.regionCode,
      tier: g.tier,
      route: g.route,
      outletIds: g.outlets.map((o) => o.id),
      withinCapacity: n,
      nearestKm: Math.round((g.outlets[0]?.distanceKm ?? 0) * 10) / 10,
      expectedWeeklyUnits: Math.round(i.rate * n * 10) / 10,
      branchId: branches.length === 1 ? (branches[0] ?? null) : null,
      reason: reasonOf(g.tier, g.route, g.outlets.length, n, i.rate),
    };
  });
  return { groups: out, spare, unreachable };
}

function reasonOf(tier: Tier, route: Route, outlets: number, within: number, rate: number): Bilingual {
  const where: Record<Tier, Bilingual> = {
    zone: { id: 'di wilayah uji', en: 'in the test’s area' },
    province: { id: 'di provinsi yang sama', en: 'in the same province' },
    other_province: { id: 'di provinsi lain', en: 'in another province' },
  };
  const how: Record<Route, Bilingual> = {
    direct: { id: 'dikirim langsung oleh UMKM', en: 'delivered by the UMKM herself' },
    distribution_centre: { id: 'melalui pusat distribusi cabang', en: 'through the branch’s distribution centre' },
  };
  const r = (lang: 'id' | 'en') => formatNumber(Math.round(rate * 100) / 100, lang);
  return {
    id: `${outlets} gerai ${where[tier].id}, ${how[route].id}; kapasitas UMKM cukup untuk ${within} gerai dengan ${r('id')} unit per toko per minggu seperti hasil uji.`,
    en: `${outlets} outlets ${where[tier].en}, ${how[route].en}; the maker's capacity covers ${within} of them at ${r('en')} units per store per week, as the test measured.`,
  };
}

/** Whose acceptance a proposal needs: the chain (its branch that runs the outlets, else its head office),
 *  and the regency's Dinas when the regency lies outside the maker's province. */
export const needsGovernment = (makerProvince: string, targetRegion: string) =>
  !targetRegion.startsWith(`${makerProvince}.`) && targetRegion !== makerProvince;
