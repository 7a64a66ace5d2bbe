// SQL of the registry. Every read takes the actor and applies its scope from the policy module, so a
// row outside the scope does not exist for that actor (a foreign id is a 404).
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { inRegion, mayReadUmkmPersonalData, organizationScope, outletScope, umkmInRegion, umkmScope } from '../../platform/auth/policy.ts';
import {
  inPage,
  type Keyset,
  oneOf,
  type PageQuery,
  pageRows,
  SEARCH_CANDIDATES_UP_TO,
  searchCandidates,
  totalOf,
} from '../../platform/paging.ts';
import { likePattern } from '../../platform/validation.ts';

interface Page extends PageQuery {
  q?: string;
  regionCode?: string;
  includeArchived?: boolean;
}

// ---- organisations ----
export function organizationsQuery(db: Database, actor: Actor) {
  return db.selectFrom('organizations').where(organizationScope(actor));
}

export async function listOrganizations(db: Database, actor: Actor, f: Page & { kind?: string; chainCode?: string }) {
  let q = organizationsQuery(db, actor);
  if (!f.includeArchived) q = q.where('archived_at', 'is', null);
  if (f.kind) q = q.where('kind', '=', f.kind as 'umkm');
  if (f.chainCode) q = q.where('chain_code', '=', f.chainCode as 'alfamart');
  if (f.regionCode) q = q.where(inRegion('region_code', f.regionCode));
  if (f.q) q = q.where('name', 'ilike', likePattern(f.q));
  const [rows, total] = await Promise.all([inPage(q.selectAll(), ORG_KEYS, f).execute(), totalOf(db, q)]);
  return { ...pageRows(rows, ORG_KEYS, f), ...total };
}

const ORG_KEYS: Keyset = ['kind', 'name', 'id'];

export const findOrganization = (db: Database, actor: Actor, id: string) =>
  organizationsQuery(db, actor).selectAll().where('id', '=', id).executeTakeFirst();

// ---- outlets ----
function outletsQuery(db: Database, actor: Actor) {
  return db.selectFrom('outlets').innerJoin('organizations as chain', 'chain.id', 'outlets.chain_id').where(outletScope(actor));
}

const outletColumns = [
  'outlets.id',
  'outlets.chain_id',
  'chain.chain_code',
  'outlets.branch_id',
  'outlets.store_code',
  'outlets.name',
  'outlets.address',
  'outlets.district_code',
  sql<string>`coalesce((SELECT rd.name FROM regions rd WHERE rd.code = outlets.district_code), outlets.district_code)`.as('district_name'),
  'outlets.province_code',
  'outlets.lat',
  'outlets.lon',
  'outlets.local_slots',
  'outlets.accepts_perishable',
  'outlets.archived_at',
] as const;

export type OutletRow = Awaited<ReturnType<typeof findOutlet>>;

export async function listOutlets(
  db: Database,
  actor: Actor,
  f: Page & { chainCode?: string; acceptsPerishable?: boolean; organizationId?: string },
) {
  let q = outletsQuery(db, actor);
  const org = f.organizationId;
  if (org) q = q.where((eb) => eb.or([eb('outlets.chain_id', '=', org), eb('outlets.branch_id', '=', org)]));
  if (!f.includeArchived) q = q.where('outlets.archived_at', 'is', null);
  if (f.chainCode) q = q.where('chain.chain_code', '=', f.chainCode as 'alfamart');
  if (f.acceptsPerishable !== undefined) q = q.where('outlets.accepts_perishable', '=', f.acceptsPerishable);
  if (f.regionCode) q = q.where(inRegion('outlets.district_code', f.regionCode));
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('outlets.name', 'ilike', p), eb('outlets.store_code', 'ilike', p), eb('outlets.address', 'ilike', p)]));
  }
  const [rows, total] = await Promise.all([inPage(q.select(outletColumns), OUTLET_KEYS, f).execute(), totalOf(db, q)]);
  return { ...pageRows(rows, OUTLET_KEYS, f), ...total };
}

const OUTLET_KEYS: Keyset = ['outlets.district_code', 'outlets.store_code', 'outlets.id'];

export const findOutlet = (db: Database, actor: Actor, id: string) =>
  outletsQuery(db, actor).select(outletColumns).where('outlets.id', '=', id).executeTakeFirst();

// ---- UMKM ----
// Personal data (owner, phone, NIB, street address, village, coordinates) is masked in SQL unless the
// policy grants it for that row (`pii`, computed once per row): a chain sees the business, its district
// and its products. Searching or filtering by a masked field finds nothing, so it cannot be probed.
function umkmQuery(db: Database, actor: Actor) {
  return db
    .selectFrom('organizations as o')
    .innerJoin('umkm_profiles as p', 'p.organization_id', 'o.id')
    .innerJoinLateral(
      () => db.selectNoFrom(mayReadUmkmPersonalData(actor, 'o.id').as('pii')).as('v'),
      (join) => join.onTrue(),
    )
    .where('o.kind', '=', 'umkm')
    .where(umkmScope(actor, 'o.id', 'p.village_code'));
}

const masked = <T>(column: string) => sql<T | null>`CASE WHEN v.pii THEN ${sql.ref(column)} END`;

const umkmColumns = [
  'o.id',
  'o.name',
  'o.archived_at',
  'v.pii',
  masked<string>('p.nib').as('nib'),
  masked<string>('p.owner_name').as('owner_name'),
  masked<string>('p.phone').as('phone'),
  masked<string>('p.address').as('address'),
  masked<string>('p.village_code').as('village_code'),
  'p.district_code',
  'p.province_code',
  masked<number>('p.lat').as('lat'),
  masked<number>('p.lon').as('lon'),
  'p.weekly_capacity',
] as const;

/** Each business's live products, counted for the rows of a page only, in one query (as a column of the list
 *  it was counted for every row a deep offset walked past: 100,000 counts for a page of 20). */
async function withProductCounts<R extends { id: string }>(db: Database, rows: R[]): Promise<(R & { product_count: number })[]> {
  const counts = rows.length
    ? await db
        .selectFrom('products')
        .select(['umkm_id', sql<string>`count(*)::text`.as('n')])
        .where(
          'umkm_id',
          'in',
          rows.map((r) => r.id),
        )
        .where('archived_at', 'is', null)
        .groupBy('umkm_id')
        .execute()
    : [];
  const n = new Map(counts.map((c) => [c.umkm_id, Number(c.n)]));
  return rows.map((r) => ({ ...r, product_count: n.get(r.id) ?? 0 }));
}

export type UmkmRow = NonNullable<Awaited<ReturnType<typeof findUmkm>>>;

export async function listUmkm(db: Database, actor: Actor, f: Page) {
  let q = umkmQuery(db, actor);
  if (!f.includeArchived) q = q.where('o.archived_at', 'is', null);
  // Down to the district for everyone; a village only where the village may be known (umkmInRegion, with
  // the row's `pii` already computed).
  if (f.regionCode)
    q = q.where(sql<boolean>`(${inRegion('p.district_code', f.regionCode)} OR (v.pii AND ${inRegion('p.village_code', f.regionCode)}))`);
  let upTo: number | undefined;
  if (f.q) {
    const p = likePattern(f.q);
    // The candidates first, each found by its own trigram index (an OR across two tables uses none): by the
    // business's name, and by the owner's name or NIB only where they may be read (a count of matches on a
    // withheld name would tell of it). Then the exact condition.
    const found = await searchCandidates(
      f.q,
      db
        .selectFrom('organizations')
        .select('id')
        .where('kind', '=', 'umkm')
        .where('name', 'ilike', p)
        .unionAll(
          db
            .selectFrom('umkm_profiles as sp')
            .select('sp.organization_id as id')
            .where((w) => w.or([w('sp.owner_name', 'ilike', p), w('sp.nib', 'like', p)]))
            .where(mayReadUmkmPersonalData(actor, 'sp.organization_id')),
        ),
    );
    if (found) q = q.where(oneOf('o.id', found));
    // A rare term's candidates were all counted already; a common one's matches are spread over the table.
    upTo = SEARCH_CANDIDATES_UP_TO;
    q = q.where((eb) =>
      eb.or([eb('o.name', 'ilike', p), eb.and([eb('v.pii', '=', true), eb.or([eb('p.owner_name', 'ilike', p), eb('p.nib', 'like', p)])])]),
    );
  }
  const [rows, total] = await Promise.all([inPage(q.select(umkmColumns), UMKM_KEYS, f).execute(), totalOf(db, q, upTo)]);
  const page = pageRows(rows, UMKM_KEYS, f);
  return { ...page, items: await withProductCounts(db, page.items), ...total };
}

const UMKM_KEYS: Keyset = ['o.name', 'o.id'];

export async function findUmkm(db: Database, actor: Actor, id: string) {
  const row = await umkmQuery(db, actor).select(umkmColumns).where('o.id', '=', id).executeTakeFirst();
  return row && (await withProductCounts(db, [row]))[0];
}

// ---- products ----
function productsQuery(db: Database, actor: Actor) {
  return db
    .selectFrom('products')
    .innerJoin('organizations as u', 'u.id', 'products.umkm_id')
    .innerJoin('umkm_profiles as up', 'up.organization_id', 'u.id')
    .where(umkmScope(actor, 'products.umkm_id', 'up.village_code'));
}

const productColumns = [
  'products.id',
  'products.umkm_id',
  'u.name as umkm_name',
  'products.name',
  'products.category',
  'products.gtin',
  'products.net_content',
  'products.net_unit',
  'products.supplier_price',
  'products.retail_price',
  'products.shelf_life_days',
  'products.storage',
  'products.perishable',
  'products.province_code',
  'products.archived_at',
] as const;

export type ProductRow = NonNullable<Awaited<ReturnType<typeof findProduct>>>;

export async function listProducts(db: Database, actor: Actor, f: Page & { category?: string; umkmId?: string; perishable?: boolean }) {
  let q = productsQuery(db, actor);
  if (!f.includeArchived) q = q.where('products.archived_at', 'is', null);
  if (f.category) q = q.where('products.category', '=', f.category);
  if (f.umkmId) q = q.where('products.umkm_id', '=', f.umkmId);
  if (f.perishable !== undefined) q = q.where('products.perishable', '=', f.perishable);
  if (f.regionCode)
    q = q.where(
      umkmInRegion(actor, f.regionCode, { umkmId: 'products.umkm_id', village: 'up.village_code', district: 'up.district_code' }),
    );
  let upTo: number | undefined;
  if (f.q) {
    const p = likePattern(f.q);
    // As for UMKM: the candidates by the product's name or GTIN and by its maker's name, each from an index.
    const found = await searchCandidates(
      f.q,
      db
        .selectFrom('products as sp')
        .select('sp.id')
        .where((w) => w.or([w('sp.name', 'ilike', p), w('sp.gtin', 'like', p)]))
        .unionAll(
          db
            .selectFrom('products as sp')
            .innerJoin('organizations as so', 'so.id', 'sp.umkm_id')
            .select('sp.id')
            .where('so.kind', '=', 'umkm')
            .where('so.name', 'ilike', p),
        ),
    );
    if (found) q = q.where(oneOf('products.id', found));
    upTo = SEARCH_CANDIDATES_UP_TO;
    q = q.where((eb) => eb.or([eb('products.name', 'ilike', p), eb('u.name', 'ilike', p), eb('products.gtin', 'like', p)]));
  }
  const [rows, total] = await Promise.all([inPage(q.select(productColumns), PRODUCT_KEYS, f).execute(), totalOf(db, q, upTo)]);
  return { ...pageRows(rows, PRODUCT_KEYS, f), ...total };
}

const PRODUCT_KEYS: Keyset = ['products.name', 'products.id'];

export const findProduct = (db: Database, actor: Actor, id: string) =>
  productsQuery(db, actor).select(productColumns).where('products.id', '=', id).executeTakeFirst();

/** Permits and photos of a page of products, in two queries rather than two per product. A permit's scan
 *  (a P-IRT or halal certificate names the owner and the home address) is personal data: its file is
 *  named only to whom `mayReadUmkmPersonalData` grants it; the permit's type, number and dates stay. */
export async function attachmentsOf(db: Database, actor: Actor, productIds: string[]) {
  if (productIds.length === 0) return { permits: [], photos: [] };
  const [permits, photos] = await Promise.all([
    db
      .selectFrom('product_permits as pp')
      .innerJoin('products as pr', 'pr.id', 'pp.product_id')
      .select(['pp.id', 'pp.product_id', 'pp.type', 'pp.number', 'pp.issued_on', 'pp.expires_on'])
      .select(sql<string | null>`CASE WHEN ${mayReadUmkmPersonalData(actor, 'pr.umkm_id')} THEN pp.scan_sha256 END`.as('scan_sha256'))
      .where('pp.product_id', 'in', productIds)
      .where('pp.archived_at', 'is', null)
      .orderBy('pp.type')
      .orderBy('pp.issued_on')
      .execute(),
    db
      .selectFrom('product_photos')
      .select(['product_id', 'sha256'])
      .where('product_id', 'in', productIds)
      .where('archived_at', 'is', null)
      .orderBy('created_at')
      .execute(),
  ]);
  return { permits, photos };
}

export type Where = Expression<SqlBool>;
