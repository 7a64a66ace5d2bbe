// Demo promotion campaigns (C9) of Alfamart Cabang Bengkulu in Kota Bengkulu (17.71):
// - "Festival Produk Lokal Bengkulu", two weeks that ended two weeks before the seeding day, inside the
//   operations demo's eight weeks of sales: a few local products displayed in the UMKM corner, at eye level,
//   on a terrace spot. The operations simulation (src/demo/operations.ts) asks `campaignBoost` whether a
//   product is featured at an outlet on a day and then sells a little more there, so the results page
//   shows an uplift measured on the very sales lines the ledger was drawn from — nothing is pasted in.
// - "HUT Kota Bengkulu ke-N", planned for the city's next anniversary (17 March: Kota Bengkulu was founded
//   on 17 March 1719, Perda Kotamadya Bengkulu No. 01 Tahun 1991), the week up to it, with a price promotion
//   funded by the chain and one shared with the maker; its materials list is ready for the stores.
// The same products and outlets are picked for both by `pickDemoCampaign`, from the placements the
// operations demo made, so the campaign the simulation boosted is the campaign recorded here.
import type { Database } from '../db/client.ts';
import * as svc from '../modules/promotions/promotions.service.ts';
import type { CampaignDisplay } from '../modules/promotions/promotions.tables.ts';
import { actingCtx } from '../platform/auth/actor.ts';
import { addDays } from '../platform/clock.ts';
import type { DemoCalendar } from './calendar.ts';

/** The past campaign's days (written for the demo's anchor day, moved with the calendar). */
const PAST = { name: 'Festival Produk Lokal Bengkulu', startsOn: '2026-10-27', endsOn: '2026-11-09', createdAt: '2026-10-20T03:00:00Z' };
/** How much more a featured product sells at a campaign outlet on a campaign day, on average (× its velocity). */
export const DEMO_BOOST = 0.8;
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
  const pick = pickDemoCampaign(pairs);
  const outlets = new Set(pick.outlets);
  const products = new Set(pick.products);
  const from = cal.d(PAST.startsOn);
  const to = cal.d(PAST.endsOn);
  return (productId: string, outletId: string, day: string) =>
    day >= from && day <= to && outlets.has(outletId) && products.has(productId) ? DEMO_BOOST : 0;
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
  log(`  kampanye promosi: ${past.name} (${past.outlets.length} gerai, ${past.products.length} produk) dan ${planned.name} direncanakan`);
}
