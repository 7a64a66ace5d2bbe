// SQL of placement planning in the product (C5): the facts a plan is built from (outlets, products and
// their UMKM, current placements, PKS delivery zones), plans and their items, placements. Reads that an
// actor makes take the actor and AND its scope (policy.ts) into the query; the facts of a plan are read
// for the plan's own chain, region and branch, which the service checked when the plan was requested.
import { type Insertable, sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { inRegion, placementPlanScope, placementScope } from '../../platform/auth/policy.ts';
import type { CurrentPlacement, PlanOutlet, PlanProduct, PlanUmkm } from './placement.plans.ts';
import type { PlacementPlanItemsTable, PlacementPlansTable } from './placement.tables.ts';

export async function findRegion(db: Database, code: string) {
  return db.selectFrom('regions').select(['code', 'name', 'level', 'province_code']).where('code', '=', code).executeTakeFirst();
}

export interface PlanScopeKey {
  chainId: string;
  branchId: string | null;
  regionCode: string;
}

/** The chain's outlets in the region that can take products (not archived), ordered by store code. */
export async function planOutlets(db: Database, k: PlanScopeKey): Promise<(PlanOutlet & { storeCode: string; name: string })[]> {
  let q = db
    .selectFrom('outlets as o')
    .select(['o.id', 'o.store_code', 'o.name', 'o.district_code', 'o.lat', 'o.lon', 'o.local_slots', 'o.accepts_perishable'])
    .where('o.chain_id', '=', k.chainId)
    .where('o.archived_at', 'is', null)
    .where(inRegion('o.district_code', k.regionCode));
  if (k.branchId) q = q.where('o.branch_id', '=', k.branchId);
  const rows = await q.orderBy('o.store_code').orderBy('o.id').execute();
  return rows.map((r) => ({
    id: r.id,
    storeCode: r.store_code,
    name: r.name,
    districtCode: r.district_code,
    lat: Number(r.lat),
    lon: Number(r.lon),
    localSlots: r.local_slots,
    acceptsPerishable: r.accepts_perishable,
  }));
}

/** Placements at these outlets that are on (or booked for) the shelf on `date`: not ended by then. */
export async function currentPlacementsAt(db: Database, outletIds: string[], date: string): Promise<CurrentPlacement[]> {
  if (outletIds.length === 0) return [];
  const rows = await db
    .selectFrom('placements')
    .select(['id', 'product_id', 'outlet_id', 'umkm_id', 'locked'])
    .where('outlet_id', 'in', outletIds)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', date)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, productId: r.product_id, outletId: r.outlet_id, umkmId: r.umkm_id, locked: r.locked }));
}

/** Products and their (not archived) UMKM, for the eligible product ids. */
export async function planProducts(
  db: Database,
  productIds: string[],
): Promise<{ products: (Omit<PlanProduct, 'deliveryDistricts'> & { name: string })[]; umkm: (PlanUmkm & { name: string })[] }> {
  if (productIds.length === 0) return { products: [], umkm: [] };
  const rows = await db
    .selectFrom('products as p')
    .innerJoin('umkm_profiles as u', 'u.organization_id', 'p.umkm_id')
    .innerJoin('organizations as org', 'org.id', 'p.umkm_id')
    .select([
      'p.id',
      'p.name',
      'p.umkm_id',
      'p.category',
      'p.retail_price',
      'p.perishable',
      'org.name as umkm_name',
      'u.lat',
      'u.lon',
      'u.weekly_capacity',
    ])
    .where('p.id', 'in', productIds)
    .where('p.archived_at', 'is', null)
    .where('org.archived_at', 'is', null)
    .orderBy('p.umkm_id')
    .orderBy('p.id')
    .execute();
  const umkm = new Map<string, PlanUmkm & { name: string }>();
  for (const r of rows) {
    if (!umkm.has(r.umkm_id)) {
      umkm.set(r.umkm_id, { id: r.umkm_id, name: r.umkm_name, lat: Number(r.lat), lon: Number(r.lon), weeklyCapacity: r.weekly_capacity });
    }
  }
  return {
    products: rows.map((r) => ({
      id: r.id,
      name: r.name,
      umkmId: r.umkm_id,
      category: r.category,
      retailPrice: Number(r.retail_price),
      perishable: r.perishable,
    })),
    umkm: [...umkm.values()],
  };
}

/** Names of products, UMKM and outlets of items and placements, for views. */
export async function names(db: Database, ids: { products: string[]; umkm: string[]; outlets: string[] }) {
  const [products, umkm, outlets] = await Promise.all([
    ids.products.length
      ? db.selectFrom('products').select(['id', 'name', 'category', 'perishable']).where('id', 'in', ids.products).execute()
      : [],
    ids.umkm.length
      ? db
          .selectFrom('organizations as o')
          .innerJoin('umkm_profiles as u', 'u.organization_id', 'o.id')
          .select(['o.id', 'o.name', 'u.lat', 'u.lon'])
          .where('o.id', 'in', ids.umkm)
          .execute()
      : [],
    ids.outlets.length
      ? db
          .selectFrom('outlets')
          .select(['id', 'name', 'store_code', 'lat', 'lon', 'local_slots', 'accepts_perishable', 'district_code'])
          .where('id', 'in', ids.outlets)
          .execute()
      : [],
  ]);
  return { products, umkm, outlets };
}

// ---- plans ----

export async function insertPlan(db: Database, row: Insertable<PlacementPlansTable>) {
  return db.insertInto('placement_plans').values(row).returning('id').executeTakeFirstOrThrow();
}

const planColumns = [
  'pp.id',
  'pp.chain_id',
  'pp.chain_code',
  'pp.branch_id',
  'pp.region_code',
  'pp.province_code',
  'pp.plan_date',
  'pp.status',
  'pp.progress',
  'pp.job_id',
  'pp.params',
  'pp.objective',
  'pp.stats',
  'pp.error',
  'pp.created_by',
  'pp.created_at',
  'pp.finished_at',
] as const;

function planQuery(db: Database) {
  return db
    .selectFrom('placement_plans as pp')
    .innerJoin('organizations as c', 'c.id', 'pp.chain_id')
    .innerJoin('regions as r', 'r.code', 'pp.region_code')
    .select([...planColumns, 'c.name as chain_name', 'r.name as region_name'])
    .select((eb) => [
      eb
        .selectFrom('placement_plan_items as i')
        .select(sql<string>`count(*) FILTER (WHERE i.change = 'new')`.as('n'))
        .whereRef('i.plan_id', '=', 'pp.id')
        .as('new_count'),
      eb
        .selectFrom('placement_plan_items as i')
        .select(sql<string>`count(*) FILTER (WHERE i.change = 'kept')`.as('n'))
        .whereRef('i.plan_id', '=', 'pp.id')
        .as('kept_count'),
      eb
        .selectFrom('placement_plan_items as i')
        .select(sql<string>`count(*) FILTER (WHERE i.change = 'dropped')`.as('n'))
        .whereRef('i.plan_id', '=', 'pp.id')
        .as('dropped_count'),
      eb
        .selectFrom('placement_plan_items as i')
        .select(sql<string>`count(*) FILTER (WHERE i.approved_at IS NOT NULL)`.as('n'))
        .whereRef('i.plan_id', '=', 'pp.id')
        .as('approved_count'),
    ]);
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlanUnscoped>>>;

/** A plan as the actor may see it; null when it is not in the actor's scope (→ 404). */
export async function findPlan(db: Database, actor: Actor, id: string) {
  return planQuery(db).where('pp.id', '=', id).where(placementPlanScope(actor, 'pp')).executeTakeFirst();
}

/** For the job runner, which acts for the plan's own chain. */
export async function findPlanUnscoped(db: Database, id: string) {
  return planQuery(db).where('pp.id', '=', id).executeTakeFirst();
}

export async function listPlans(db: Database, actor: Actor, f: { regionCode?: string; limit: number; offset: number }) {
  let q = planQuery(db).where(placementPlanScope(actor, 'pp'));
  if (f.regionCode) q = q.where(inRegion('pp.region_code', f.regionCode));
  const [items, total] = await Promise.all([
    q.orderBy('pp.created_at', 'desc').orderBy('pp.id').limit(f.limit).offset(f.offset).execute(),
    db
      .selectFrom('placement_plans as pp')
      .select(sql<string>`count(*)`.as('n'))
      .where(placementPlanScope(actor, 'pp'))
      .$if(Boolean(f.regionCode), (qb) => qb.where(inRegion('pp.region_code', f.regionCode as string)))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function setPlanProgress(db: Database, id: string, status: 'running' | 'failed', progress: number, error?: string) {
  await db
    .updateTable('placement_plans')
    .set({ status, progress, error: error ?? null, updated_at: sql`now()`, ...(status === 'failed' ? { finished_at: sql`now()` } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function finishPlan(
  db: Database,
  id: string,
  r: { objective: number; stats: Record<string, unknown>; items: Insertable<PlacementPlanItemsTable>[] },
) {
  // Chunks keep each statement's parameter count far below PostgreSQL's 65,535.
  for (let i = 0; i < r.items.length; i += 2000) {
    await db
      .insertInto('placement_plan_items')
      .values(r.items.slice(i, i + 2000))
      .execute();
  }
  await db
    .updateTable('placement_plans')
    .set({
      status: 'done',
      progress: 100,
      objective: r.objective,
      stats: JSON.stringify(r.stats),
      error: null,
      finished_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function planItemsOf(db: Database, planId: string) {
  return db
    .selectFrom('placement_plan_items')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('outlet_id')
    .orderBy('product_id')
    .execute();
}

export async function markItemsApproved(db: Database, itemIds: string[]) {
  for (let i = 0; i < itemIds.length; i += 5000) {
    await db
      .updateTable('placement_plan_items')
      .set({ approved_at: sql`now()` })
      .where('id', 'in', itemIds.slice(i, i + 5000))
      .where('approved_at', 'is', null)
      .execute();
  }
}

export async function setPlanStatus(db: Database, id: string, status: 'approved' | 'partly_approved') {
  await db.updateTable('placement_plans').set({ status, updated_at: sql`now()` }).where('id', '=', id).execute();
}

// ---- placements ----

export async function openPlacement(db: Database, productId: string, outletId: string) {
  return db
    .selectFrom('placements')
    .selectAll()
    .where('product_id', '=', productId)
    .where('outlet_id', '=', outletId)
    .where('ends_on', 'is', null)
    .executeTakeFirst();
}

export async function placementById(db: Database, id: string) {
  return db.selectFrom('placements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Placements at these outlets still on the shelf on or after `date`, per outlet. */
export async function occupancyFrom(db: Database, outletIds: string[], date: string) {
  if (outletIds.length === 0) return [];
  return db
    .selectFrom('placements as pl')
    .innerJoin('outlets as o', 'o.id', 'pl.outlet_id')
    .select(['pl.outlet_id', 'o.store_code', 'o.local_slots', sql<string>`count(*)`.as('n')])
    .where('pl.outlet_id', 'in', outletIds)
    .where((eb) => eb.or([eb('pl.ends_on', 'is', null), eb('pl.ends_on', '>', date)]))
    .groupBy(['pl.outlet_id', 'o.store_code', 'o.local_slots'])
    .execute();
}

const placementView = (db: Database) =>
  db
    .selectFrom('placements as pl')
    .innerJoin('products as p', 'p.id', 'pl.product_id')
    .innerJoin('organizations as u', 'u.id', 'pl.umkm_id')
    .innerJoin('outlets as o', 'o.id', 'pl.outlet_id')
    .innerJoin('organizations as c', 'c.id', 'pl.chain_id')
    .select([
      'pl.id',
      'pl.product_id',
      'p.name as product_name',
      'pl.umkm_id',
      'u.name as umkm_name',
      'pl.outlet_id',
      'o.name as outlet_name',
      'o.store_code',
      'o.district_code',
      'o.branch_id as outlet_branch_id',
      'pl.chain_id',
      'c.chain_code',
      'pl.starts_on',
      'pl.ends_on',
      'pl.locked',
      'pl.plan_id',
    ]);
export type PlacementRow = NonNullable<Awaited<ReturnType<typeof findPlacement>>>;

export async function findPlacement(db: Database, actor: Actor, id: string) {
  return placementView(db).where('pl.id', '=', id).where(placementScope(actor, 'pl')).executeTakeFirst();
}

export interface PlacementFilter {
  regionCode?: string;
  outletId?: string;
  productId?: string;
  planId?: string;
  /** On the shelf (or booked) on this date; absent: every placement not yet ended today or later. */
  on?: string;
  includeEnded: boolean;
  limit: number;
  offset: number;
}

export async function listPlacements(db: Database, actor: Actor, f: PlacementFilter & { today: string }) {
  const where = <Q extends ReturnType<typeof placementView>>(q: Q) => {
    let r = q.where(placementScope(actor, 'pl'));
    if (f.regionCode) r = r.where(inRegion('pl.district_code', f.regionCode));
    if (f.outletId) r = r.where('pl.outlet_id', '=', f.outletId);
    if (f.productId) r = r.where('pl.product_id', '=', f.productId);
    if (f.planId) r = r.where('pl.plan_id', '=', f.planId);
    if (f.on) {
      const on = f.on;
      r = r.where('pl.starts_on', '<=', on).where((eb) => eb.or([eb('pl.ends_on', 'is', null), eb('pl.ends_on', '>', on)]));
    } else if (!f.includeEnded) {
      r = r.where((eb) => eb.or([eb('pl.ends_on', 'is', null), eb('pl.ends_on', '>', f.today)]));
    }
    return r as Q;
  };
  const [items, total] = await Promise.all([
    where(placementView(db))
      .orderBy('o.store_code')
      .orderBy('p.name')
      .orderBy('pl.starts_on')
      .orderBy('pl.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    where(placementView(db)).clearSelect().select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number((total as unknown as { n: string }).n) };
}
