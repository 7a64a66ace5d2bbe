// The SQL of market tests (uji pasar, C6): tests within the actor's scope, the facts a test is read from
// (POS sales, stock movements and orders at its outlets, the days a campaign featured its product there),
// and the writes a start and a decision make.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { marketTestScope } from '../../platform/auth/policy.ts';
import type { DayFacts, OrderFacts } from './markettests.rules.ts';
import type { MarketTestStatus } from './markettests.tables.ts';

const n = (x: unknown) => Number(x ?? 0);

export const testQuery = (db: Database, actor: Actor) =>
  db
    .selectFrom('market_tests as mt')
    .innerJoin('products as p', 'p.id', 'mt.product_id')
    .innerJoin('organizations as u', 'u.id', 'mt.umkm_id')
    .innerJoin('organizations as c', 'c.id', 'mt.chain_id')
    .innerJoin('agreements as a', 'a.id', 'mt.agreement_id')
    .where(marketTestScope(actor, 'mt'))
    .select([
      'mt.id',
      'mt.product_id',
      'p.name as product_name',
      'mt.umkm_id',
      'u.name as umkm_name',
      'mt.chain_id',
      'c.name as chain_name',
      'mt.branch_id',
      'mt.agreement_id',
      'a.number as agreement_number',
      'mt.plan_id',
      'mt.starts_on',
      'mt.weeks',
      'mt.review_week',
      'mt.min_units_per_store_week',
      'mt.min_sell_through_bp',
      'mt.max_loss_bp',
      'mt.min_fill_rate_bp',
      'mt.status',
      'mt.ended_on',
      'mt.umkm_district_code',
      sql<string>`(SELECT count(*) FROM market_test_outlets mto WHERE mto.test_id = mt.id)`.as('outlets'),
      sql<string>`(SELECT count(*) FROM market_test_decisions d WHERE d.test_id = mt.id AND d.decision = 'extend')`.as('extensions'),
    ]);

export type TestRow = Awaited<ReturnType<ReturnType<typeof testQuery>['executeTakeFirstOrThrow']>>;

export async function listTests(
  db: Database,
  actor: Actor,
  f: { status?: MarketTestStatus; productId?: string; limit: number; offset: number },
) {
  let q = testQuery(db, actor);
  if (f.status) q = q.where('mt.status', '=', f.status);
  if (f.productId) q = q.where('mt.product_id', '=', f.productId);
  const items = await q
    .orderBy(sql`(mt.status = 'running')`, 'desc')
    .orderBy('mt.starts_on', 'desc')
    .orderBy('mt.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await db
    .selectFrom('market_tests as mt')
    .where(marketTestScope(actor, 'mt'))
    .$if(!!f.status, (b) => b.where('mt.status', '=', f.status as MarketTestStatus))
    .$if(!!f.productId, (b) => b.where('mt.product_id', '=', f.productId as string))
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return { items, total: n(total.n) };
}

export const findTest = (db: Database, actor: Actor, id: string) => testQuery(db, actor).where('mt.id', '=', id).executeTakeFirst();

export const lockTest = (db: Database, id: string) => sql`SELECT 1 FROM market_tests WHERE id = ${id} FOR UPDATE`.execute(db);

/** A test's outlets with what each sold and received over the counted days and holds now. */
export const testOutlets = (db: Database, t: { id: string; product_id: string; chain_id: string }, from: string, to: string) =>
  db
    .selectFrom('market_test_outlets as mto')
    .innerJoin('outlets as o', 'o.id', 'mto.outlet_id')
    .innerJoin('placements as pl', 'pl.id', 'mto.placement_id')
    .leftJoin('regions as r', 'r.code', 'o.district_code')
    .where('mto.test_id', '=', t.id)
    .select([
      'o.id as outlet_id',
      'o.store_code',
      'o.name as outlet_name',
      'o.district_code',
      'o.branch_id',
      'o.chain_id',
      'r.name as district_name',
      'pl.ends_on as placement_ends_on',
      'pl.id as placement_id',
      sql<string>`(SELECT coalesce(sum(sl.qty), 0) FROM sales_lines sl WHERE sl.chain_id = ${t.chain_id} AND sl.outlet_id = o.id
        AND sl.product_id = ${t.product_id} AND sl.sales_date BETWEEN ${from}::date AND ${to}::date)`.as('sold'),
      sql<string>`(SELECT coalesce(sum(sm.qty), 0) FROM stock_movements sm WHERE sm.outlet_id = o.id AND sm.product_id = ${t.product_id}
        AND sm.kind = 'received' AND sm.occurred_on BETWEEN ${from}::date AND ${to}::date)`.as('received'),
      sql<string>`(SELECT coalesce(sum(sm.qty), 0) FROM stock_movements sm WHERE sm.outlet_id = o.id AND sm.product_id = ${t.product_id})`.as(
        'on_hand',
      ),
    ])
    .orderBy('o.store_code')
    .execute();

/** The days of a test: POS units net of till returns, and goods received, returned and expired at its outlets. */
export async function dayFacts(
  db: Database,
  t: { id: string; product_id: string; chain_id: string },
  from: string,
  to: string,
): Promise<DayFacts[]> {
  if (to < from) return [];
  const rows = await sql<{ day: string; sold: string; received: string; returned: string; expired: string }>`
    WITH o AS (SELECT outlet_id FROM market_test_outlets WHERE test_id = ${t.id}),
    s AS (
      SELECT sl.sales_date AS day, sum(sl.qty) AS sold FROM sales_lines sl
      WHERE sl.chain_id = ${t.chain_id} AND sl.product_id = ${t.product_id} AND sl.outlet_id IN (SELECT outlet_id FROM o)
        AND sl.sales_date BETWEEN ${from}::date AND ${to}::date
      GROUP BY 1),
    m AS (
      SELECT sm.occurred_on AS day,
        sum(sm.qty) FILTER (WHERE sm.kind = 'received') AS received,
        -sum(sm.qty) FILTER (WHERE sm.kind = 'returned') AS returned,
        -sum(sm.qty) FILTER (WHERE sm.kind = 'expired') AS expired
      FROM stock_movements sm
      WHERE sm.product_id = ${t.product_id} AND sm.outlet_id IN (SELECT outlet_id FROM o)
        AND sm.kind IN ('received', 'returned', 'expired') AND sm.occurred_on BETWEEN ${from}::date AND ${to}::date
      GROUP BY 1)
    SELECT to_char(coalesce(s.day, m.day), 'YYYY-MM-DD') AS day, coalesce(s.sold, 0) AS sold, coalesce(m.received, 0) AS received,
      coalesce(m.returned, 0) AS returned, coalesce(m.expired, 0) AS expired
    FROM s FULL JOIN m ON m.day = s.day
    ORDER BY 1`.execute(db);
  return rows.rows.map((r) => ({ day: r.day, sold: n(r.sold), received: n(r.received), returned: n(r.returned), expired: n(r.expired) }));
}

/** The order lines for a test's product at its outlets wanted from a week before the start on (the first
 *  stocking order is placed before the shelf date), with what was accepted of each; cancelled orders do not
 *  count, declined ones do (the maker did not fill them). */
export async function orderFacts(
  db: Database,
  t: { id: string; product_id: string; chain_id: string; starts_on: string },
): Promise<OrderFacts[]> {
  const rows = await sql<{ ordered_on: string; due_on: string; ordered: string; received: string }>`
    SELECT to_char(po.ordered_on, 'YYYY-MM-DD') AS ordered_on, to_char(po.deliver_by, 'YYYY-MM-DD') AS due_on,
      pol.qty_ordered AS ordered,
      coalesce((SELECT sum(grl.qty_accepted) FROM delivery_note_lines dnl JOIN goods_receipt_lines grl ON grl.delivery_line_id = dnl.id
        WHERE dnl.order_line_id = pol.id), 0) AS received
    FROM purchase_order_lines pol JOIN purchase_orders po ON po.id = pol.order_id
    WHERE po.chain_id = ${t.chain_id} AND pol.product_id = ${t.product_id} AND po.status <> 'cancelled'
      AND pol.outlet_id IN (SELECT outlet_id FROM market_test_outlets WHERE test_id = ${t.id})
      AND po.deliver_by >= ${t.starts_on}::date - 7
    ORDER BY po.deliver_by, po.number`.execute(db);
  return rows.rows.map((r) => ({ orderedOn: r.ordered_on, dueOn: r.due_on, ordered: n(r.ordered), received: n(r.received) }));
}

/** The days within [from, to] on which a campaign that is not cancelled featured the test's product at one
 *  of its outlets. */
export async function campaignDays(db: Database, t: { id: string; product_id: string }, from: string, to: string): Promise<Set<string>> {
  if (to < from) return new Set();
  const rows = await sql<{ day: string }>`
    SELECT DISTINCT to_char(d, 'YYYY-MM-DD') AS day
    FROM promotion_campaigns pc
    JOIN promotion_products pp ON pp.campaign_id = pc.id AND pp.product_id = ${t.product_id}
    CROSS JOIN LATERAL generate_series(greatest(pc.starts_on, ${from}::date), least(pc.ends_on, ${to}::date), interval '1 day') d
    WHERE pc.status <> 'cancelled'
      AND EXISTS (SELECT 1 FROM promotion_outlets po JOIN market_test_outlets mto ON mto.outlet_id = po.outlet_id
        WHERE po.campaign_id = pc.id AND mto.test_id = ${t.id})`.execute(db);
  return new Set(rows.rows.map((r) => r.day));
}

export const decisionsOf = (db: Database, testId: string) =>
  db
    .selectFrom('market_test_decisions as d')
    .leftJoin('users as us', 'us.id', 'd.decided_by')
    .where('d.test_id', '=', testId)
    .select(['d.id', 'd.decision', 'd.decided_on', 'd.extra_weeks', 'd.note', 'd.standing', 'us.name as by_name'])
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();

// ---- what a start needs ----

export const productForTest = (db: Database, productId: string) =>
  db
    .selectFrom('products as p')
    .innerJoin('umkm_profiles as up', 'up.organization_id', 'p.umkm_id')
    .innerJoin('organizations as u', 'u.id', 'p.umkm_id')
    .where('p.id', '=', productId)
    .where('p.archived_at', 'is', null)
    .where('u.archived_at', 'is', null)
    .select(['p.id', 'p.name', 'p.umkm_id', 'p.perishable', 'up.district_code', 'up.lat', 'up.lon', 'u.name as umkm_name'])
    .executeTakeFirst();

/** A chain's active outlets, with their free local-product slots on a day and whether the product is on
 *  their shelf then. */
export const chainOutlets = (
  db: Database,
  f: { chainId: string; branchId: string | null; regionCode?: string; ids?: string[]; productId: string; on: string },
) =>
  db
    .selectFrom('outlets as o')
    .leftJoin('regions as r', 'r.code', 'o.district_code')
    .where('o.chain_id', '=', f.chainId)
    .where('o.archived_at', 'is', null)
    .$if(f.branchId !== null, (q) => q.where('o.branch_id', '=', f.branchId as string))
    .$if(f.regionCode !== undefined, (q) =>
      q.where(sql<boolean>`(o.district_code = ${f.regionCode} OR o.district_code LIKE ${`${f.regionCode}.%`})`),
    )
    .$if(f.ids !== undefined, (q) => q.where('o.id', 'in', f.ids?.length ? f.ids : ['00000000-0000-0000-0000-000000000000']))
    .select([
      'o.id',
      'o.chain_id',
      'o.branch_id',
      'o.store_code',
      'o.name',
      'o.district_code',
      'o.province_code',
      'o.lat',
      'o.lon',
      'o.local_slots',
      'o.accepts_perishable',
      'r.name as district_name',
      sql<string>`(SELECT count(*) FROM placements pl WHERE pl.outlet_id = o.id AND pl.starts_on <= ${f.on}::date
        AND (pl.ends_on IS NULL OR pl.ends_on > ${f.on}::date))`.as('occupied'),
      sql<boolean>`EXISTS (SELECT 1 FROM placements pl WHERE pl.outlet_id = o.id AND pl.product_id = ${f.productId} AND pl.ends_on IS NULL)`.as(
        'carries',
      ),
    ])
    .orderBy('o.store_code')
    .execute();

export const runningTestOf = (db: Database, chainId: string, productId: string) =>
  db
    .selectFrom('market_tests')
    .where('chain_id', '=', chainId)
    .where('product_id', '=', productId)
    .where('status', '=', 'running')
    .select('id')
    .executeTakeFirst();

/** What a delisting hands back: the product's stock per batch at an outlet. */
export const batchesOnHand = (db: Database, outletId: string, productId: string) =>
  sql<{ batch_id: string; qty: string }>`
    SELECT batch_id, sum(qty) AS qty FROM stock_movements
    WHERE outlet_id = ${outletId} AND product_id = ${productId} AND batch_id IS NOT NULL
    GROUP BY batch_id HAVING sum(qty) > 0 ORDER BY batch_id`
    .execute(db)
    .then((r) => r.rows.map((x) => ({ batchId: x.batch_id, qty: n(x.qty) })));
