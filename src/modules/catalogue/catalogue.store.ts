// The public catalogue's SQL (C11). Everything here answers anonymous readers, so every query starts from
// `offers`: a product is on offer at an outlet on a day when its maker published it, it is placed there that
// day, and a PKS in force that day binds it at that outlet (the shelf price comes from that PKS). Nothing
// else of a PKS, a plan or a curation leaves this file; the columns each query selects are the public ones.
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import { likePattern } from '../../platform/validation.ts';
import { inForceSql, pksBindsOutletSql } from '../agreements/agreements.queries.ts';

/** Product × outlet on offer on `today`, with the shelf price of the PKS in force there. The maker's own
 *  settings page also counts the shelves of what she has not published (`published: false`). */
const offers = (today: string, published = true) => sql`
  SELECT pl.product_id, pl.outlet_id, o.chain_id, o.district_code, t.shelf_price
  FROM placements pl
  JOIN products p ON p.id = pl.product_id AND ${published ? sql`p.published_at IS NOT NULL` : sql`true`} AND p.archived_at IS NULL
  JOIN organizations u ON u.id = p.umkm_id AND u.archived_at IS NULL
  JOIN outlets o ON o.id = pl.outlet_id AND o.archived_at IS NULL
  JOIN LATERAL (
    SELECT ap.shelf_price FROM agreements a
    JOIN agreement_versions v ON v.agreement_id = a.id
    JOIN agreement_products ap ON ap.version_id = v.id AND ap.product_id = p.id
    WHERE a.kind = 'pks' AND a.umkm_id = p.umkm_id AND ${pksBindsOutletSql('a', 'v', 'o')} AND ${inForceSql('v', today)}
    ORDER BY v.starts_on DESC, a.number LIMIT 1) t ON true
  WHERE pl.starts_on <= ${today}::date AND (pl.ends_on IS NULL OR pl.ends_on > ${today}::date)`;

const inRegionSql = (column: RawBuilder<unknown>, code: string) => sql<boolean>`(${column} = ${code} OR ${column} LIKE ${`${code}.%`})`;

export interface ProductRow {
  id: string;
  name: string;
  category: string;
  gtin: string | null;
  net_content: string;
  net_unit: string;
  umkm_id: string;
  maker_name: string;
  maker_district: string;
  price_min: bigint;
  price_max: bigint;
  outlets: number;
}

export interface SearchFilter {
  today: string;
  q?: string;
  category?: string;
  /** Where the shopper shops: outlets in this region. */
  regionCode?: string;
  umkmId?: string;
  limit: number;
  offset: number;
}

const productColumns = sql`p.id, p.name, p.category, p.gtin, p.net_content::text AS net_content, p.net_unit, p.umkm_id,
  u.name AS maker_name, up.district_code AS maker_district`;

/** Products on offer, by name: each with its price range and how many outlets carry it (in the region). */
export async function searchProducts(db: Database, f: SearchFilter): Promise<{ rows: ProductRow[]; total: number }> {
  const where = [sql`true`];
  if (f.regionCode) where.push(inRegionSql(sql.ref('f.district_code'), f.regionCode));
  if (f.category) where.push(sql`p.category = ${f.category}`);
  if (f.umkmId) where.push(sql`p.umkm_id = ${f.umkmId}`);
  if (f.q) {
    const like = likePattern(f.q);
    where.push(sql`(p.name ILIKE ${like} OR u.name ILIKE ${like})`);
  }
  const rows = await sql<ProductRow & { total: string }>`
    WITH f AS (${offers(f.today)})
    SELECT ${productColumns}, min(f.shelf_price) AS price_min, max(f.shelf_price) AS price_max,
      count(DISTINCT f.outlet_id)::int AS outlets, count(*) OVER ()::int AS total
    FROM f JOIN products p ON p.id = f.product_id JOIN organizations u ON u.id = p.umkm_id
    JOIN umkm_profiles up ON up.organization_id = p.umkm_id
    WHERE ${sql.join(where, sql` AND `)}
    GROUP BY p.id, u.name, up.district_code
    ORDER BY p.name, p.id
    LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const total = rows.rows[0] ? Number(rows.rows[0].total) : f.offset > 0 ? await countProducts(db, f) : 0;
  return { rows: rows.rows.map(({ total: _t, ...r }) => r), total };
}

/** The count alone, for a page past the end (its window count has no row to ride on). */
async function countProducts(db: Database, f: SearchFilter): Promise<number> {
  const { total } = await searchProducts(db, { ...f, offset: 0, limit: 1 });
  return total;
}

export async function productById(db: Database, today: string, id: string): Promise<ProductRow | null> {
  const r = await sql<ProductRow>`
    WITH f AS (${offers(today)})
    SELECT ${productColumns}, min(f.shelf_price) AS price_min, max(f.shelf_price) AS price_max, count(DISTINCT f.outlet_id)::int AS outlets
    FROM f JOIN products p ON p.id = f.product_id JOIN organizations u ON u.id = p.umkm_id
    JOIN umkm_profiles up ON up.organization_id = p.umkm_id
    WHERE p.id = ${id}
    GROUP BY p.id, u.name, up.district_code`.execute(db);
  return r.rows[0] ?? null;
}

export interface OfferRow {
  outlet_id: string;
  store_code: string;
  outlet_name: string;
  address: string;
  district_code: string;
  district_name: string;
  chain_code: string;
  lat: number;
  lon: number;
  shelf_price: bigint;
  on_hand: number | null;
  stock_on: string | null;
}

/** The outlets carrying one product (or every public product, for a feed), with the stock ledger's balance
 *  and the day of its last movement there: the basis of the estimate the page shows, never the figure. */
export async function offersOf(
  db: Database,
  today: string,
  f: { productId?: string; regionCode?: string },
): Promise<(OfferRow & { product_id: string })[]> {
  const where = [sql`true`];
  if (f.productId) where.push(sql`f.product_id = ${f.productId}`);
  if (f.regionCode) where.push(inRegionSql(sql.ref('f.district_code'), f.regionCode));
  const r = await sql<OfferRow & { product_id: string }>`
    WITH f AS (${offers(today)})
    SELECT f.product_id, o.id AS outlet_id, o.store_code, o.name AS outlet_name, o.address, o.district_code, d.name AS district_name,
      c.chain_code, o.lat, o.lon, f.shelf_price, s.on_hand::int AS on_hand, s.stock_on::text AS stock_on
    FROM f JOIN outlets o ON o.id = f.outlet_id
    JOIN organizations c ON c.id = o.chain_id
    LEFT JOIN regions d ON d.code = o.district_code
    LEFT JOIN LATERAL (SELECT sum(m.qty) AS on_hand, max(m.occurred_on) AS stock_on FROM stock_movements m
      WHERE m.outlet_id = o.id AND m.product_id = f.product_id AND m.occurred_on <= ${today}::date) s ON true
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY f.product_id, o.store_code`.execute(db);
  return r.rows;
}

export interface PermitRow {
  product_id: string;
  type: string;
  number: string;
}

/** Permits valid on the day (the badges: P-IRT, BPOM MD/ML, halal). Their numbers are printed on the pack. */
export async function validPermits(db: Database, today: string, productIds: string[]): Promise<PermitRow[]> {
  if (productIds.length === 0) return [];
  return db
    .selectFrom('product_permits')
    .select(['product_id', 'type', 'number'])
    .where('product_id', 'in', productIds)
    .where('archived_at', 'is', null)
    .where('issued_on', '<=', today)
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>', today)]))
    .orderBy('type')
    .execute();
}

export interface MakerRow {
  id: string;
  name: string;
  story: string | null;
  phone: string | null;
  district_code: string;
}

/** A maker with at least one product on offer: her business name, her story, her phone only if she chose to
 *  show it, and her kecamatan (never her address or coordinates). */
export async function makerById(db: Database, today: string, id: string): Promise<MakerRow | null> {
  const r = await sql<MakerRow>`
    SELECT u.id, u.name, up.story, CASE WHEN up.show_phone THEN up.phone END AS phone, up.district_code
    FROM organizations u JOIN umkm_profiles up ON up.organization_id = u.id
    WHERE u.id = ${id} AND u.kind = 'umkm' AND u.archived_at IS NULL
      AND EXISTS (SELECT 1 FROM (${offers(today)}) f JOIN products p ON p.id = f.product_id WHERE p.umkm_id = u.id)`.execute(db);
  return r.rows[0] ?? null;
}

export interface RegionFacts {
  products: number;
  makers: number;
  outlets: number;
}

/** A region's public figures: products of its makers on offer, those makers, and the outlets in it that
 *  carry any public local product. Only what the public pages themselves list is counted. */
export async function regionFacts(db: Database, today: string, code: string): Promise<RegionFacts> {
  const r = await sql<{ products: number; makers: number; outlets: number }>`
    WITH f AS (${offers(today)})
    SELECT
      (SELECT count(DISTINCT f.product_id) FROM f JOIN products p ON p.id = f.product_id JOIN umkm_profiles up ON up.organization_id = p.umkm_id
        WHERE ${inRegionSql(sql.ref('up.district_code'), code)})::int AS products,
      (SELECT count(DISTINCT p.umkm_id) FROM f JOIN products p ON p.id = f.product_id JOIN umkm_profiles up ON up.organization_id = p.umkm_id
        WHERE ${inRegionSql(sql.ref('up.district_code'), code)})::int AS makers,
      (SELECT count(DISTINCT f.outlet_id) FROM f WHERE ${inRegionSql(sql.ref('f.district_code'), code)})::int AS outlets`.execute(db);
  return r.rows[0] ?? { products: 0, makers: 0, outlets: 0 };
}

/** Products made in a region (by its makers), on offer anywhere. */
export async function productsMadeIn(db: Database, f: { today: string; regionCode: string; limit: number; offset: number }) {
  const rows = await sql<ProductRow & { total: number }>`
    WITH f AS (${offers(f.today)})
    SELECT ${productColumns}, min(f.shelf_price) AS price_min, max(f.shelf_price) AS price_max,
      count(DISTINCT f.outlet_id)::int AS outlets, count(*) OVER ()::int AS total
    FROM f JOIN products p ON p.id = f.product_id JOIN organizations u ON u.id = p.umkm_id
    JOIN umkm_profiles up ON up.organization_id = p.umkm_id
    WHERE ${inRegionSql(sql.ref('up.district_code'), f.regionCode)}
    GROUP BY p.id, u.name, up.district_code
    ORDER BY p.name, p.id
    LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  return { rows: rows.rows.map(({ total: _t, ...r }) => r), total: rows.rows[0]?.total ?? 0 };
}

/** The kecamatan a shopper can pick as her place: those of the region with an outlet carrying a public
 *  product, each placed at the middle of those outlets (outlets are public; homes are not used). */
export async function shoppingDistricts(db: Database, today: string, regionCode?: string) {
  const r = await sql<{ code: string; name: string; lat: number; lon: number }>`
    WITH f AS (${offers(today)})
    SELECT o.district_code AS code, d.name, avg(o.lat) AS lat, avg(o.lon) AS lon
    FROM (SELECT DISTINCT outlet_id FROM f) x JOIN outlets o ON o.id = x.outlet_id JOIN regions d ON d.code = o.district_code
    ${regionCode ? sql`WHERE ${inRegionSql(sql.ref('o.district_code'), regionCode)}` : sql``}
    GROUP BY o.district_code, d.name ORDER BY d.name`.execute(db);
  return r.rows.map((x) => ({ ...x, lat: Number(x.lat), lon: Number(x.lon) }));
}

/** Names of regions (for labels): code → name. */
export async function regionNames(db: Database, codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', unique).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The categories that have a product on offer (in the region), for the search form. */
export async function offeredCategories(db: Database, today: string, regionCode?: string): Promise<string[]> {
  const r = await sql<{ category: string }>`
    WITH f AS (${offers(today)})
    SELECT DISTINCT p.category FROM f JOIN products p ON p.id = f.product_id
    ${regionCode ? sql`WHERE ${inRegionSql(sql.ref('f.district_code'), regionCode)}` : sql``}
    ORDER BY p.category`.execute(db);
  return r.rows.map((x) => x.category);
}

// ---- the maker's own settings ----

export async function myProducts(db: Database, today: string, umkmId: string) {
  const r = await sql<{ id: string; name: string; published: boolean; outlets: number }>`
    WITH f AS (${offers(today, false)})
    SELECT p.id, p.name, p.published_at IS NOT NULL AS published,
      (SELECT count(DISTINCT f.outlet_id) FROM f WHERE f.product_id = p.id)::int AS outlets
    FROM products p WHERE p.umkm_id = ${umkmId} AND p.archived_at IS NULL
    ORDER BY p.name, p.id`.execute(db);
  return r.rows;
}

export async function myProfile(db: Database, umkmId: string) {
  return db
    .selectFrom('umkm_profiles')
    .select(['story', 'show_phone', sql<boolean>`phone IS NOT NULL`.as('has_phone')])
    .where('organization_id', '=', umkmId)
    .executeTakeFirst();
}

export async function setProfile(db: Database, umkmId: string, p: { story: string | null; showPhone: boolean }) {
  await db.updateTable('umkm_profiles').set({ story: p.story, show_phone: p.showPhone }).where('organization_id', '=', umkmId).execute();
}

export async function productOwner(db: Database, id: string) {
  return db
    .selectFrom('products')
    .select(['id', 'umkm_id', 'published_at'])
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

export async function setPublished(db: Database, id: string, at: Date | null) {
  await db.updateTable('products').set({ published_at: at }).where('id', '=', id).execute();
}

// ---- photos ----

/** The first photo of each product (its oldest one not archived), for the feeds and the pages. */
export async function firstPhotos(db: Database, productIds: string[]): Promise<Map<string, string>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('product_photos')
    .select(['product_id', 'sha256'])
    .where('product_id', 'in', productIds)
    .where('archived_at', 'is', null)
    .orderBy('product_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.product_id)) out.set(r.product_id, r.sha256);
  return out;
}

/** A photo file anyone may fetch: one of a product on offer today (the same file of a hidden product is not). */
export async function publicPhoto(db: Database, today: string, sha256: string): Promise<{ mime: string } | null> {
  const r = await sql<{ mime: string }>`
    SELECT f.mime FROM files f
    WHERE f.sha256 = ${sha256} AND EXISTS (
      SELECT 1 FROM product_photos ph JOIN (${offers(today)}) o ON o.product_id = ph.product_id
      WHERE ph.sha256 = f.sha256 AND ph.archived_at IS NULL)`.execute(db);
  return r.rows[0] ?? null;
}
