// The SQL of promotion campaigns (C9). Every read takes the actor's scope from the policy module
// (promotionScope and friends) and ANDs it in; the facts a new campaign is judged by; and the sums the
// estimate is made of, straight from the POS sales lines (every row of a key summed: its current figure).
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  coversRegion,
  inRegion,
  outletScope,
  promotionOutletScope,
  promotionProductScope,
  promotionScope,
} from '../../platform/auth/policy.ts';
import { addDays } from '../../platform/clock.ts';
import { inForceSql } from '../agreements/agreements.queries.ts';
import type { OtherFee } from '../agreements/agreements.tables.ts';
import { timeZoneCaseSql } from '../regions/regions.rules.ts';
import type { Cell, ProductFacts } from './promotions.rules.ts';
import type { CampaignDisplay, PromotionFunder } from './promotions.tables.ts';

export interface CampaignRow {
  id: string;
  name: string;
  chain_id: string;
  chain_name: string;
  branch_id: string | null;
  branch_name: string | null;
  region_code: string;
  region_name: string;
  starts_on: string;
  ends_on: string;
  status: 'planned' | 'cancelled';
  mou_id: string | null;
  mou_number: string | null;
  outlet_count: number;
  product_count: number;
  created_at: Date;
}

export type PhaseFilter = 'upcoming' | 'running' | 'ended' | 'cancelled';

/** The campaign's own local date (WIB/WITA/WIT by its region) at `now`, as SQL. */
const localToday = (now: Date) => sql`(${now}::timestamptz AT TIME ZONE ${sql.raw(timeZoneCaseSql('pc.region_code'))})::date`;

function phaseCond(phase: PhaseFilter, now: Date) {
  const today = localToday(now);
  switch (phase) {
    case 'cancelled':
      return sql<boolean>`pc.status = 'cancelled'`;
    case 'upcoming':
      return sql<boolean>`(pc.status = 'planned' AND pc.starts_on > ${today})`;
    case 'running':
      return sql<boolean>`(pc.status = 'planned' AND pc.starts_on <= ${today} AND pc.ends_on >= ${today})`;
    case 'ended':
      return sql<boolean>`(pc.status = 'planned' AND pc.ends_on < ${today})`;
  }
}

function campaigns(db: Database, actor: Actor) {
  return db
    .selectFrom('promotion_campaigns as pc')
    .innerJoin('organizations as ch', 'ch.id', 'pc.chain_id')
    .leftJoin('organizations as br', 'br.id', 'pc.branch_id')
    .innerJoin('regions as r', 'r.code', 'pc.region_code')
    .leftJoin('agreements as mou', 'mou.id', 'pc.mou_id')
    .where(promotionScope(actor, 'pc'));
}

const CAMPAIGN_COLUMNS = (actor: Actor) =>
  [
    'pc.id',
    'pc.name',
    'pc.chain_id',
    'ch.name as chain_name',
    'pc.branch_id',
    'br.name as branch_name',
    'pc.region_code',
    'r.name as region_name',
    sql<string>`pc.starts_on::text`.as('starts_on'),
    sql<string>`pc.ends_on::text`.as('ends_on'),
    'pc.status',
    'pc.mou_id',
    'mou.number as mou_number',
    sql<number>`(SELECT count(*)::int FROM promotion_outlets po WHERE po.campaign_id = pc.id AND ${promotionOutletScope(actor, 'po')})`.as(
      'outlet_count',
    ),
    sql<number>`(SELECT count(*)::int FROM promotion_products pp WHERE pp.campaign_id = pc.id AND ${promotionProductScope(actor, 'pp')})`.as(
      'product_count',
    ),
    'pc.created_at',
  ] as const;

export async function listCampaigns(
  db: Database,
  actor: Actor,
  f: { phase?: PhaseFilter; limit: number; offset: number; now: Date },
): Promise<{ rows: CampaignRow[]; total: number }> {
  let q = campaigns(db, actor);
  if (f.phase) q = q.where(phaseCond(f.phase, f.now));
  const [rows, total] = await Promise.all([
    q.select(CAMPAIGN_COLUMNS(actor)).orderBy('pc.starts_on', 'desc').orderBy('pc.id').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as CampaignRow[], total: Number(total.n) };
}

export async function getCampaign(db: Database, actor: Actor, id: string): Promise<CampaignRow | null> {
  const row = await campaigns(db, actor).select(CAMPAIGN_COLUMNS(actor)).where('pc.id', '=', id).executeTakeFirst();
  return (row as CampaignRow | undefined) ?? null;
}

export interface CampaignOutletRow {
  outlet_id: string;
  store_code: string;
  outlet_name: string;
  address: string;
  district_code: string;
  display: CampaignDisplay;
}

export async function campaignOutlets(db: Database, actor: Actor, id: string): Promise<CampaignOutletRow[]> {
  return db
    .selectFrom('promotion_outlets as po')
    .innerJoin('outlets as o', 'o.id', 'po.outlet_id')
    .select(['po.outlet_id', 'o.store_code', 'o.name as outlet_name', 'o.address', 'po.district_code', 'po.display'])
    .where('po.campaign_id', '=', id)
    .where(promotionOutletScope(actor, 'po'))
    .orderBy('o.store_code')
    .execute();
}

/** Every outlet of a campaign with its display (the findings judge the whole campaign; not shown as such). */
export async function outletsToJudge(db: Database, id: string) {
  return db.selectFrom('promotion_outlets').select(['outlet_id', 'display']).where('campaign_id', '=', id).execute();
}

export interface CampaignProductRow {
  product_id: string;
  product_name: string;
  gtin: string | null;
  umkm_id: string;
  umkm_name: string;
  agreement_id: string;
  agreement_number: string;
  discount_bp: number | null;
  funded_by: PromotionFunder | null;
  umkm_share_bp: number | null;
  /** The shelf price of the PKS version in force on the first day (null if none is any more). */
  shelf_price: bigint | null;
  other_fees: OtherFee[] | null;
  pks_starts_on: string | null;
}

export async function campaignProducts(db: Database, actor: Actor, id: string, firstDay: string): Promise<CampaignProductRow[]> {
  const r = await sql<CampaignProductRow>`
    SELECT pp.product_id, p.name AS product_name, p.gtin, pp.umkm_id, u.name AS umkm_name, pp.agreement_id, a.number AS agreement_number,
      pp.discount_bp, pp.funded_by, pp.umkm_share_bp, v.shelf_price, v.other_fees, v.starts_on::text AS pks_starts_on
    FROM promotion_products pp
    JOIN products p ON p.id = pp.product_id
    JOIN organizations u ON u.id = pp.umkm_id
    JOIN agreements a ON a.id = pp.agreement_id
    LEFT JOIN LATERAL (
      SELECT ap.shelf_price, av.other_fees, av.starts_on FROM agreement_versions av
      JOIN agreement_products ap ON ap.version_id = av.id AND ap.product_id = pp.product_id
      WHERE av.agreement_id = pp.agreement_id AND ${inForceSql('av', firstDay)}
      ORDER BY av.version DESC LIMIT 1) v ON true
    WHERE pp.campaign_id = ${id} AND ${promotionProductScope(actor, 'pp')}
    ORDER BY p.name, pp.product_id`.execute(db);
  return r.rows.map((x) => ({ ...x, shelf_price: x.shelf_price === null ? null : BigInt(x.shelf_price) }));
}

/** Open placements of the campaign's products at its outlets (the materials list marks the others). */
export async function openPlacements(db: Database, id: string): Promise<Set<string>> {
  const r = await sql<{ k: string }>`
    SELECT pl.product_id || '|' || pl.outlet_id AS k FROM placements pl
    JOIN promotion_outlets po ON po.outlet_id = pl.outlet_id AND po.campaign_id = ${id}
    JOIN promotion_products pp ON pp.product_id = pl.product_id AND pp.campaign_id = ${id}
    WHERE pl.ends_on IS NULL`.execute(db);
  return new Set(r.rows.map((x) => x.k));
}

// ---- the facts a new campaign is judged by ----

export interface OutletFact {
  id: string;
  district_code: string;
  store_code: string;
  name: string;
}

/** The outlets the actor may use, of the chain, inside the region, not archived. */
export async function usableOutlets(
  db: Database,
  actor: Actor,
  chainId: string,
  regionCode: string,
  ids?: string[],
): Promise<OutletFact[]> {
  let q = db
    .selectFrom('outlets as o')
    .select(['o.id', 'o.district_code', 'o.store_code', 'o.name'])
    .where('o.chain_id', '=', chainId)
    .where('o.archived_at', 'is', null)
    .where(inRegion('o.district_code', regionCode))
    .where(outletScope(actor, 'o'));
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('o.id', 'in', ids);
  }
  return q.orderBy('o.store_code').execute();
}

export async function regionExists(db: Database, code: string) {
  return (await db.selectFrom('regions').select(['code', 'province_code']).where('code', '=', code).executeTakeFirst()) ?? null;
}

/** The chain's MoU covering the region that is in force on every campaign day (the latest-starting one). */
export async function mouInForce(db: Database, chainId: string, regionCode: string, from: string, through: string) {
  const r = await sql<{ id: string; number: string; outside_spots: number | null }>`
    SELECT a.id, a.number, v.outside_spots FROM agreements a
    JOIN agreement_versions v ON v.agreement_id = a.id AND ${inForceSql('v', from)}
    WHERE a.kind = 'mou' AND a.chain_id = ${chainId} AND ${coversRegion('a.region_code', regionCode)}
      AND NOT EXISTS (SELECT 1 FROM generate_series(${from}::date, ${through}::date, interval '1 day') g(d)
        WHERE NOT EXISTS (SELECT 1 FROM agreement_versions w WHERE w.agreement_id = a.id AND ${inForceSql('w', sql<string>`g.d::date`)}))
    ORDER BY v.starts_on DESC, a.number LIMIT 1`.execute(db);
  return r.rows[0] ?? null;
}

/** For each product: the PKS (chain-wide or the campaign branch's) listing it on the first day, on how many
 *  campaign days a version of it listing the product is in force, and the campaign outlets where it is on
 *  the shelf (an open placement). */
export async function productFacts(
  db: Database,
  f: { chainId: string; branchId: string | null; productIds: string[]; outletIds: string[]; from: string; through: string },
): Promise<Map<string, ProductFacts>> {
  const out = new Map<string, ProductFacts>();
  if (f.productIds.length === 0) return out;
  const names = await db.selectFrom('products').select(['id', 'name']).where('id', 'in', f.productIds).execute();
  for (const n of names) out.set(n.id, { productName: n.name, pks: null, placedAt: [] });
  const pks = await sql<{
    product_id: string;
    agreement_id: string;
    number: string;
    umkm_id: string;
    starts_on: string;
    other_fees: OtherFee[];
    supplier_price: string;
    shelf_price: string;
    days: number;
  }>`
    SELECT DISTINCT ON (ap.product_id) ap.product_id, a.id AS agreement_id, a.number, a.umkm_id, v.starts_on::text AS starts_on, v.other_fees,
      ap.supplier_price::text AS supplier_price, ap.shelf_price::text AS shelf_price,
      (SELECT count(*)::int FROM generate_series(${f.from}::date, ${f.through}::date, interval '1 day') g(d)
        WHERE EXISTS (SELECT 1 FROM agreement_versions w JOIN agreement_products wp ON wp.version_id = w.id AND wp.product_id = ap.product_id
          WHERE w.agreement_id = a.id AND ${inForceSql('w', sql<string>`g.d::date`)})) AS days
    FROM agreements a
    JOIN agreement_versions v ON v.agreement_id = a.id AND ${inForceSql('v', f.from)}
    JOIN agreement_products ap ON ap.version_id = v.id
    WHERE a.kind = 'pks' AND a.chain_id = ${f.chainId}
      AND (a.branch_id IS NULL OR a.branch_id = ${f.branchId}::uuid)
      AND ap.product_id IN (${sql.join(f.productIds)})
    ORDER BY ap.product_id, v.starts_on DESC, a.number`.execute(db);
  for (const p of pks.rows) {
    const x = out.get(p.product_id);
    if (x)
      x.pks = {
        agreementId: p.agreement_id,
        number: p.number,
        umkmId: p.umkm_id,
        startsOn: p.starts_on,
        otherFees: p.other_fees ?? [],
        supplierPrice: BigInt(p.supplier_price),
        shelfPrice: BigInt(p.shelf_price),
        daysInForce: Number(p.days),
      };
  }
  if (f.outletIds.length) {
    const placed = await db
      .selectFrom('placements')
      .select(['product_id', 'outlet_id'])
      .where('product_id', 'in', f.productIds)
      .where('outlet_id', 'in', f.outletIds)
      .where('chain_id', '=', f.chainId)
      .where('ends_on', 'is', null)
      .execute();
    for (const p of placed) out.get(p.product_id)?.placedAt.push(p.outlet_id);
  }
  return out;
}

/** The products the form offers: listed in a PKS of the chain (chain-wide or the branch's) in force on the
 *  first day, with the outlets of the region where each is on the shelf. */
export async function offerableProducts(db: Database, f: { chainId: string; branchId: string | null; regionCode: string; from: string }) {
  const r = await sql<{
    product_id: string;
    product_name: string;
    umkm_name: string;
    agreement_number: string;
    other_fees: OtherFee[];
    shelf_price: string | null;
    supplier_price: string | null;
    placed_at: string[] | null;
  }>`
    SELECT DISTINCT ON (ap.product_id) ap.product_id, p.name AS product_name, u.name AS umkm_name, a.number AS agreement_number,
      v.other_fees, ap.shelf_price::text AS shelf_price, ap.supplier_price::text AS supplier_price,
      (SELECT array_agg(pl.outlet_id ORDER BY pl.outlet_id) FROM placements pl JOIN outlets o ON o.id = pl.outlet_id
        WHERE pl.product_id = ap.product_id AND pl.chain_id = ${f.chainId} AND pl.ends_on IS NULL AND ${inRegion('o.district_code', f.regionCode)}) AS placed_at
    FROM agreements a
    JOIN agreement_versions v ON v.agreement_id = a.id AND ${inForceSql('v', f.from)}
    JOIN agreement_products ap ON ap.version_id = v.id
    JOIN products p ON p.id = ap.product_id AND p.archived_at IS NULL
    JOIN organizations u ON u.id = a.umkm_id
    WHERE a.kind = 'pks' AND a.chain_id = ${f.chainId} AND (a.branch_id IS NULL OR a.branch_id = ${f.branchId}::uuid)
    ORDER BY ap.product_id, v.starts_on DESC, a.number`.execute(db);
  return r.rows
    .filter((x) => (x.placed_at ?? []).length > 0)
    .sort((a, b) => a.product_name.localeCompare(b.product_name, 'id') || (a.product_id < b.product_id ? -1 : 1));
}

// ---- writing ----

export async function insertCampaign(
  db: Database,
  c: {
    chainId: string;
    branchId: string | null;
    regionCode: string;
    provinceCode: string;
    mouId: string | null;
    name: string;
    startsOn: string;
    endsOn: string;
    createdBy: string | null;
    createdAt: Date;
    outlets: { outletId: string; districtCode: string; display: CampaignDisplay }[];
    products: {
      productId: string;
      umkmId: string;
      agreementId: string;
      discountBp: number | null;
      fundedBy: PromotionFunder | null;
      umkmShareBp: number | null;
    }[];
  },
): Promise<string> {
  const { id } = await db
    .insertInto('promotion_campaigns')
    .values({
      chain_id: c.chainId,
      branch_id: c.branchId,
      region_code: c.regionCode,
      province_code: c.provinceCode,
      mou_id: c.mouId,
      name: c.name,
      starts_on: c.startsOn,
      ends_on: c.endsOn,
      created_by: c.createdBy,
      created_at: c.createdAt,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('promotion_outlets')
    .values(c.outlets.map((o) => ({ campaign_id: id, outlet_id: o.outletId, district_code: o.districtCode, display: o.display })))
    .execute();
  await db
    .insertInto('promotion_products')
    .values(
      c.products.map((p) => ({
        campaign_id: id,
        product_id: p.productId,
        umkm_id: p.umkmId,
        agreement_id: p.agreementId,
        discount_bp: p.discountBp,
        funded_by: p.fundedBy,
        umkm_share_bp: p.umkmShareBp,
      })),
    )
    .execute();
  return id;
}

export async function cancelCampaign(db: Database, id: string) {
  await db.updateTable('promotion_campaigns').set({ status: 'cancelled' }).where('id', '=', id).execute();
}

// ---- the sums the estimate is made of ----

export interface ResultCells {
  productId: string;
  campaign: { before: Cell; during: Cell };
  control: { before: Cell; during: Cell } | null;
}

/**
 * Per featured product the actor reads: units, revenue and Σ(daily units)² at the campaign outlets and at
 * the control outlets, in the window before (`before`: from..through) and during (`during`). An outlet is
 * counted for a product when the product was on its shelf throughout both windows (a placement starting
 * on or before the first day before and not ended before the last day during). Control outlets: the
 * chain's outlets in the campaign's region, not in the campaign, not archived.
 */
export async function resultCells(
  db: Database,
  actor: Actor,
  c: { id: string; chainId: string; regionCode: string },
  w: { beforeFrom: string; duringFrom: string; duringThrough: string; days: number },
): Promise<ResultCells[]> {
  const r = await sql<{
    product_id: string;
    grp: 'campaign' | 'control';
    outlets: number;
    win: 'before' | 'during' | null;
    units: string | null;
    revenue: string | null;
    ss: string | null;
  }>`
    WITH prod AS (
      SELECT pp.product_id FROM promotion_products pp WHERE pp.campaign_id = ${c.id} AND ${promotionProductScope(actor, 'pp')}
    ), members AS (
      SELECT DISTINCT prod.product_id, pl.outlet_id, CASE WHEN po.outlet_id IS NULL THEN 'control' ELSE 'campaign' END AS grp
      FROM prod
      JOIN placements pl ON pl.product_id = prod.product_id AND pl.chain_id = ${c.chainId}
      JOIN outlets o ON o.id = pl.outlet_id
      LEFT JOIN promotion_outlets po ON po.campaign_id = ${c.id} AND po.outlet_id = pl.outlet_id
      WHERE pl.starts_on <= ${w.beforeFrom}::date AND (pl.ends_on IS NULL OR pl.ends_on > ${w.duringThrough}::date)
        AND (po.outlet_id IS NOT NULL OR (o.archived_at IS NULL AND ${inRegion('o.district_code', c.regionCode)}))
    ), daily AS (
      SELECT m.product_id, m.grp, CASE WHEN s.sales_date >= ${w.duringFrom}::date THEN 'during' ELSE 'before' END AS win,
        s.outlet_id, s.sales_date, sum(s.qty) AS units, sum(s.amount) AS revenue
      FROM members m
      JOIN sales_lines s ON s.product_id = m.product_id AND s.outlet_id = m.outlet_id AND s.chain_id = ${c.chainId}
      WHERE s.sales_date BETWEEN ${w.beforeFrom}::date AND ${w.duringThrough}::date
      GROUP BY 1, 2, 3, 4, 5
    ), sums AS (
      SELECT product_id, grp, win, sum(units) AS units, sum(revenue) AS revenue, sum(units * units) AS ss FROM daily GROUP BY 1, 2, 3
    ), counts AS (
      SELECT product_id, grp, count(*)::int AS outlets FROM members GROUP BY 1, 2
    )
    SELECT k.product_id, k.grp, k.outlets, s.win, s.units::text AS units, s.revenue::text AS revenue, s.ss::text AS ss
    FROM counts k LEFT JOIN sums s ON s.product_id = k.product_id AND s.grp = k.grp`.execute(db);
  const products = await db
    .selectFrom('promotion_products as pp')
    .select('pp.product_id')
    .where('pp.campaign_id', '=', c.id)
    .where(promotionProductScope(actor, 'pp'))
    .execute();
  return products.map(({ product_id }) => {
    const rows = r.rows.filter((x) => x.product_id === product_id);
    const cells = (grp: 'campaign' | 'control') => {
      const mine = rows.filter((x) => x.grp === grp);
      const outlets = mine[0]?.outlets ?? 0;
      const cell = (win: 'before' | 'during'): Cell => {
        const x = mine.find((y) => y.win === win);
        return {
          outlets,
          days: w.days,
          units: Number(x?.units ?? 0),
          revenue: BigInt(x?.revenue ?? 0),
          sumSquares: Number(x?.ss ?? 0),
        };
      };
      return outlets > 0 ? { before: cell('before'), during: cell('during') } : null;
    };
    const campaign = cells('campaign') ?? {
      before: { outlets: 0, days: w.days, units: 0, revenue: 0n, sumSquares: 0 },
      during: { outlets: 0, days: w.days, units: 0, revenue: 0n, sumSquares: 0 },
    };
    return { productId: product_id, campaign, control: cells('control') };
  });
}

export const windowsFor = (startsOn: string, through: string, days: number) => ({
  beforeFrom: addDays(startsOn, -days),
  beforeThrough: addDays(startsOn, -1),
  duringFrom: startsOn,
  duringThrough: through,
  days,
});
