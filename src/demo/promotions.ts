// Demo promotion campaigns (C9) of Alfamart Cabang Bengkulu in Kota Bengkulu (17.71):
// - "Festival Produk Lokal Bengkulu", two weeks that ended two weeks before the seeding day, inside the
//   operations demo's eight weeks of sales: a few local products displayed in the UMKM corner, at eye level,
//   on a terrace spot. The operations simulation (src/demo/operations.ts) asks `campaignBoost` whether a
//   product is featured at an outlet on a day and then sells a little more there, so the results page
//   shows an uplift measured on the very sales lines the ledger was drawn from — nothing is pasted in.
// - "HUT Kota Bengkulu ke-N", the city's last anniversary before those eight weeks (17 March: Kota Bengkulu
//   was founded on 17 March 1719, Perda Kotamadya Bengkulu No. 01 Tahun 1991), the week up to it: the first
//   campaign of the Pemkot's collaboration with the chain, a bazar HUT. The operations demo simulates its
//   season of its own (`pastAnniversary`: placed 20 days before, cleared 8 days after) and asks `hutBoost`.
// - "HUT Kota Bengkulu ke-N+1", planned for the next anniversary, the week up to it, with a price promotion
//   funded by the chain and one shared with the maker; its materials list is ready for the stores.
// The products and outlets are picked by `pickDemoCampaign`, from the placements the operations demo made
// (the eight weeks' for the Festival and the planned HUT, the season's for the past HUT), so each campaign
// the simulation boosted is the campaign recorded here.
import type { Database } from '../db/client.ts';
import * as svc from '../modules/promotions/promotions.service.ts';
import type { CampaignDisplay } from '../modules/promotions/promotions.tables.ts';
import { actingCtx } from '../platform/auth/actor.ts';
import { addDays, daysBetween } from '../platform/clock.ts';
import type { DemoCalendar } from './calendar.ts';

/** The past campaign's days (written for the demo's anchor day, moved with the calendar). */
const PAST = { name: 'Festival Produk Lokal Bengkulu', startsOn: '2026-10-27', endsOn: '2026-11-09', createdAt: '2026-10-20T03:00:00Z' };
/** How much more a featured product sells at a campaign outlet on a campaign day, on average (× its velocity). */
export const DEMO_BOOST = 0.8;
/** The same for the bazar HUT: the anniversary's week draws the city out (the stores' terraces and the city's own
 *  events), and its one week must show through a week's noise at a few outlets. */
export const HUT_BOOST = 1.5;
const MAX_PRODUCTS = 12;
const MAX_OUTLETS = 8;
const DISPLAYS: CampaignDisplay[] = ['pojok_umkm', 'eye_level', 'terrace', 'end_cap'];

/**
 * From a chain's placements in Kota Bengkulu (product × outlet), the campaign's outlets and products:
 * each featured product is on the shelf at a campaign outlet and at an outlet outside the campaign (its
 * control), products in id order, an outlet added only if no product already featured loses its last
 * control outlet by it. Deterministic for the same placements.
 */
export function pickDemoCampaign(pairs: readonly { productId: string; outletId: string }[]): { outlets: string[]; products: string[] } {
  const at = new Map<string, string[]>();
  for (const p of pairs) at.set(p.productId, [...(at.get(p.productId) ?? []), p.outletId]);
  const campaign = new Set<string>();
  const featured: string[] = [];
  const hasControl = (pid: string, set: Set<string>) => (at.get(pid) ?? []).some((o) => !set.has(o));
  for (const pid of [...at.keys()].sort()) {
    if (featured.length >= MAX_PRODUCTS) break;
    const outlets = [...new Set(at.get(pid))].sort();
    if (outlets.length < 2) continue;
    if (outlets.some((o) => campaign.has(o))) {
      if (hasControl(pid, campaign)) featured.push(pid);
      continue;
    }
    if (campaign.size >= MAX_OUTLETS) continue;
    const next = new Set([...campaign, outlets[0] as string]);
    if (featured.every((f) => hasControl(f, next)) && hasControl(pid, next)) {
      campaign.clear();
      for (const o of next) campaign.add(o);
      featured.push(pid);
    }
  }
  return { outlets: [...campaign].sort(), products: featured };
}

/** For the operations simulation: the extra sales factor of a product at an outlet on a day (0 = none). */
export function campaignBoost(cal: DemoCalendar, pairs: readonly { productId: string; outletId: string }[]) {
  return boostOver(pairs, cal.d(PAST.startsOn), cal.d(PAST.endsOn), DEMO_BOOST);
}

/** The same for the HUT season's campaign (its week up to the anniversary), over the season's placements. */
export function hutBoost(season: HutSeason, pairs: readonly { productId: string; outletId: string }[]) {
  return boostOver(pairs, season.startsOn, season.endsOn, HUT_BOOST);
}

function boostOver(pairs: readonly { productId: string; outletId: string }[], from: string, to: string, factor: number) {
  const pick = pickDemoCampaign(pairs);
  const outlets = new Set(pick.outlets);
  const products = new Set(pick.products);
  return (productId: string, outletId: string, day: string) =>
    day >= from && day <= to && outlets.has(outletId) && products.has(productId) ? factor : 0;
}

/** The Bengkulu placements of Alfamart the operations demo made, as the picker reads them. */
export async function bengkuluPairs(db: Database, chainId: string) {
  return db
    .selectFrom('placements as pl')
    .select(['pl.product_id as productId', 'pl.outlet_id as outletId'])
    .where('pl.chain_id', '=', chainId)
    .where('pl.district_code', 'like', '17.71.%')
    .where('pl.ends_on', 'is', null)
    .where('pl.market_test_id', 'is', null)
    .orderBy('pl.product_id')
    .orderBy('pl.outlet_id')
    .execute();
}

/** The HUT season of the demo: the last 17 March whose whole season (the bazar HUT placed 20 days before,
 *  its shelves cleared 8 days after) ended before the operations demo's eight weeks began (their placements,
 *  today − 59). Its campaign is the week up to the anniversary, as the planned one. */
export interface HutSeason {
  /** The anniversary (17 March) and which one it is. */
  date: string;
  ordinal: number;
  /** The day the bazar HUT's placements start (first day on the shelf). */
  placedOn: string;
  /** The simulation's first and last day, and how many days it runs. */
  start: string;
  lastDay: string;
  days: number;
  /** The first day off the shelf (the placements' ends_on): what was left went back the evening before and
   *  was picked up this morning. */
  clearedOn: string;
  /** The campaign's days. */
  startsOn: string;
  endsOn: string;
}

/** Days before the seeding day that the operations demo's eight weeks place their products (8 × 7 + 3). */
export const STORY_PLACED_BEFORE = 59;

export function pastAnniversary(today: string): HutSeason {
  const year = Number(today.slice(0, 4)) - (today.slice(5) >= '03-17' ? 0 : 1);
  const season = (y: number): HutSeason => {
    const date = `${y}-03-17`;
    return {
      date,
      ordinal: y - 1719,
      placedOn: addDays(date, -20),
      start: addDays(date, -17),
      lastDay: addDays(date, 7),
      days: 25,
      clearedOn: addDays(date, 8),
      startsOn: addDays(date, -6),
      endsOn: date,
    };
  };
  // Too close to today (its season would still be on the shelves when the eight weeks' products arrive): the year before.
  const latest = season(year);
  return latest.clearedOn < addDays(today, -STORY_PLACED_BEFORE) ? latest : season(year - 1);
}

/** The MoU and PKS of Alfamart in Kota Bengkulu run from 1 January of the HUT season's year at the anchor (the HUT
 *  was their first collaboration). Moved with the calendar they may start after that season (seeded between
 *  mid-January and late May): then they are moved back, by this many days (≤ 0), so that they were signed and in
 *  force before the season, as at the anchor. */
export function bengkuluAgreementShift(cal: DemoCalendar): number {
  const jan1 = `${pastAnniversary(cal.today).date.slice(0, 4)}-01-01`;
  return Math.min(0, daysBetween(cal.d('2026-01-01'), jan1));
}

/** The Bengkulu placements of Alfamart the HUT season made (they ended when its shelves were cleared). */
export async function seasonPairs(db: Database, chainId: string, season: HutSeason) {
  return db
    .selectFrom('placements as pl')
    .select(['pl.product_id as productId', 'pl.outlet_id as outletId'])
    .where('pl.chain_id', '=', chainId)
    .where('pl.district_code', 'like', '17.71.%')
    .where('pl.starts_on', '=', season.placedOn)
    .where('pl.ends_on', '=', season.clearedOn)
    .where('pl.market_test_id', 'is', null)
    .orderBy('pl.product_id')
    .orderBy('pl.outlet_id')
    .execute();
}

/** The next 17 March after `today` (the anniversary of Kota Bengkulu) and which anniversary it is. */
export function nextAnniversary(today: string): { date: string; ordinal: number } {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-03-17`;
  const date = addDays(today, 7) <= thisYear ? thisYear : `${year + 1}-03-17`;
  return { date, ordinal: Number(date.slice(0, 4)) - 1719 };
}

export async function seedPromotions(db: Database, log: (s: string) => void, cal: DemoCalendar): Promise<void> {
  const branch = await db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id as userId', 'o.id as branchId', 'o.parent_id as chainId'])
    .where('u.email', '=', 'alfamart.bengkulu@demo.etalase.id')
    .executeTakeFirst();
  if (!branch?.chainId) return;
  const pick = pickDemoCampaign(await bengkuluPairs(db, branch.chainId));
  if (pick.products.length === 0) return;
  const actor = {
    role: 'retailer' as const,
    userId: branch.userId,
    organizationId: branch.branchId,
    chainId: branch.chainId,
    branchId: branch.branchId,
  };
  const outlets = pick.outlets.map((outletId, i) => ({ outletId, display: DISPLAYS[i % DISPLAYS.length] as CampaignDisplay }));

  const past = await svc.createCampaign(db, actingCtx(actor, cal.t(PAST.createdAt)), {
    name: PAST.name,
    regionCode: '17.71',
    startsOn: cal.d(PAST.startsOn),
    endsOn: cal.d(PAST.endsOn),
    outlets,
    products: pick.products.map((productId) => ({ productId })),
  });

  const hut = nextAnniversary(cal.today);
  const planned = await svc.createCampaign(db, actingCtx(actor, cal.now), {
    name: `HUT Kota Bengkulu ke-${hut.ordinal}`,
    regionCode: '17.71',
    startsOn: addDays(hut.date, -6),
    endsOn: hut.date,
    outlets,
    products: pick.products.map((productId, i) =>
      i === 0
        ? { productId, discountBp: 1000, fundedBy: 'chain' as const }
        : i === 1
          ? { productId, discountBp: 1000, fundedBy: 'shared' as const, umkmShareBp: 5000 }
          : { productId },
    ),
  });
  // The HUT season's campaign (operations.ts simulated its weeks): the first of the Pemkot's collaboration with the
  // chain, at the outlets and with the products picked from that season's placements, created two weeks ahead.
  const season = pastAnniversary(cal.today);
  const seasonPick = pickDemoCampaign(await seasonPairs(db, branch.chainId, season));
  let hutPast: Awaited<ReturnType<typeof svc.createCampaign>> | null = null;
  if (seasonPick.products.length) {
    hutPast = await svc.createCampaign(db, actingCtx(actor, new Date(`${addDays(season.startsOn, -8)}T03:00:00Z`)), {
      name: `HUT Kota Bengkulu ke-${season.ordinal}`,
      regionCode: '17.71',
      startsOn: season.startsOn,
      endsOn: season.endsOn,
      outlets: seasonPick.outlets.map((outletId, i) => ({ outletId, display: DISPLAYS[i % DISPLAYS.length] as CampaignDisplay })),
      products: seasonPick.products.map((productId) => ({ productId })),
    });
  }
  log(
    `  kampanye promosi: ${past.name} (${past.outlets.length} gerai, ${past.products.length} produk)${hutPast ? `, ${hutPast.name} (${hutPast.outlets.length} gerai, ${hutPast.products.length} produk)` : ''} dan ${planned.name} direncanakan`,
  );
}
