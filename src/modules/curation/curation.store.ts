// SQL of curation (C2). Reads take the actor and AND its scope from the policy module into the WHERE, so
// a round, entry or requirement set outside it does not exist for that actor (a foreign id is a 404).
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { ChainCode } from '../../db/types.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  curationEntryScope,
  curationOutcomeScope,
  curationRoundScope,
  funnelShelfScope,
  inRegion,
  regionOverlaps,
  requirementSetScope,
  umkmInRegion,
  umkmScope,
} from '../../platform/auth/policy.ts';
import { inForceSql } from '../agreements/agreements.queries.ts';
import type { ShelfFacts } from './curation.rules.ts';
import type { ProductOutcome } from './curation.tables.ts';

const n = (v: unknown) => Number(v ?? 0);

/** An entry never evaluated counts as awaiting assessment. */
const outcomeOf = sql<ProductOutcome>`coalesce(ev.outcome, 'menunggu')`;
/** Still in the curators' work queue: a criterion of theirs not assessed yet (or never evaluated). */
const awaitsCurator = sql<boolean>`(ev.results IS NULL OR ev.results @> '[{"outcome":"pending"}]'::jsonb)`;

// ---- requirement sets ----
function setsQuery(db: Database, actor: Actor) {
  return db
    .selectFrom('requirement_sets as rs')
    .innerJoin('organizations as c', 'c.id', 'rs.chain_id')
    .where(requirementSetScope(actor, 'rs'));
}
const setColumns = [
  'rs.id',
  'rs.chain_id',
  'c.chain_code',
  'rs.category',
  'rs.version',
  'rs.status',
  'rs.name',
  'rs.criteria',
  'rs.published_at',
] as const;
export type SetRow = NonNullable<Awaited<ReturnType<typeof findSet>>>;

export async function listSets(
  db: Database,
  actor: Actor,
  f: { limit: number; offset: number; chainCode?: ChainCode; category?: string; status?: string },
) {
  let q = setsQuery(db, actor);
  if (f.chainCode) q = q.where('c.chain_code', '=', f.chainCode);
  if (f.category) q = q.where('rs.category', '=', f.category);
  if (f.status) q = q.where('rs.status', '=', f.status as 'draft');
  const [items, total] = await Promise.all([
    q
      .select(setColumns)
      .orderBy('c.chain_code')
      .orderBy(sql`rs.category NULLS FIRST`)
      .orderBy('rs.version', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: n(total.n) };
}

export const findSet = (db: Database, actor: Actor, id: string) =>
  setsQuery(db, actor).select(setColumns).where('rs.id', '=', id).executeTakeFirst();

export async function nextVersion(db: Database, chainId: string, category: string | null) {
  const row = await db
    .selectFrom('requirement_sets')
    .select(sql<number>`coalesce(max(version), 0) + 1`.as('v'))
    .where('chain_id', '=', chainId)
    .where(sql<boolean>`coalesce(category, '') = ${category ?? ''}`)
    .executeTakeFirstOrThrow();
  return n(row.v);
}

/** Sets by id, unscoped: evaluation reads the version an entry recorded, whoever runs it. */
export async function setsById(db: Database, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('requirement_sets').select(['id', 'version', 'criteria', 'category']).where('id', 'in', ids).execute();
}

// ---- rounds ----
function roundsQuery(db: Database, actor: Actor) {
  return db
    .selectFrom('curation_rounds as r')
    .innerJoin('organizations as c', 'c.id', 'r.chain_id')
    .innerJoin('organizations as o', 'o.id', 'r.organizer_id')
    .innerJoin('regions as g', 'g.code', 'r.region_code')
    .leftJoin('requirement_sets as rset', 'rset.id', 'r.requirement_set_id')
    .where(curationRoundScope(actor, 'r'));
}
const roundColumns = [
  'r.id',
  'r.name',
  'r.chain_id',
  'c.chain_code',
  'r.organizer_id',
  'o.name as organizer_name',
  'r.region_code',
  'g.name as region_name',
  'r.curation_date',
  'r.status',
  'r.kind',
  'r.program_id',
  'r.requirement_set_id',
  'rset.name as requirement_set_name',
  'rset.version as requirement_set_version',
  'rset.category as requirement_set_category',
] as const;
export type RoundRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;

export async function listRounds(
  db: Database,
  actor: Actor,
  f: { limit: number; offset: number; chainCode?: ChainCode; regionCode?: string; status?: string },
) {
  let q = roundsQuery(db, actor);
  if (f.chainCode) q = q.where('c.chain_code', '=', f.chainCode);
  if (f.regionCode) q = q.where(regionOverlaps('r.region_code', f.regionCode));
  if (f.status) q = q.where('r.status', '=', f.status as 'open');
  const [items, total] = await Promise.all([
    q.select(roundColumns).orderBy('r.curation_date', 'desc').orderBy('r.name').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: n(total.n) };
}

export const findRound = (db: Database, actor: Actor, id: string) =>
  roundsQuery(db, actor).select(roundColumns).where('r.id', '=', id).executeTakeFirst();

/** Latest outcome counts of the entries the actor may see, per round. */
export async function roundCounts(db: Database, actor: Actor, roundIds: string[]) {
  const out = new Map<string, Record<ProductOutcome | 'none' | 'pending', number>>();
  if (roundIds.length === 0) return out;
  const rows = await db
    .selectFrom('curation_entries as e')
    .innerJoin('curation_rounds as r', 'r.id', 'e.round_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('curation_evaluations as ev')
          .select(['ev.outcome', 'ev.results'])
          .whereRef('ev.entry_id', '=', 'e.id')
          .orderBy('ev.id', 'desc')
          .limit(1)
          .as('ev'),
      (join) => join.onTrue(),
    )
    .select(['e.round_id', 'ev.outcome', awaitsCurator.as('pending'), sql<bigint>`count(*)`.as('n')])
    .where('e.round_id', 'in', roundIds)
    .where(curationEntryScope(actor, 'e', 'r'))
    .groupBy(['e.round_id', 'ev.outcome', awaitsCurator])
    .execute();
  for (const r of rows) {
    const c = out.get(r.round_id) ?? { lolos: 0, belum_lolos: 0, menunggu: 0, none: 0, pending: 0 };
    c[(r.outcome ?? 'none') as ProductOutcome | 'none'] += n(r.n);
    if (r.pending) c.pending += n(r.n);
    out.set(r.round_id, c);
  }
  return out;
}

/** The products of the round's region the actor may see, active, not yet in the round, for which a
 *  requirement set applies: the round's own set (when it has a category, only that category's products),
 *  else the chain's published set for the product's category, else its all-categories set. */
function candidatesQuery(db: Database, actor: Actor, round: RoundRow) {
  const own = round.requirement_set_id;
  const category = sql.ref('p.category');
  const setId = own
    ? sql<string | null>`(SELECT s.id FROM requirement_sets s WHERE s.id = ${own} AND (s.category IS NULL OR s.category = ${category}))`
    : sql<string | null>`coalesce(
      (SELECT s.id FROM requirement_sets s WHERE s.chain_id = ${round.chain_id} AND s.status = 'published' AND s.category = ${category}
        ORDER BY s.version DESC LIMIT 1),
      (SELECT s.id FROM requirement_sets s WHERE s.chain_id = ${round.chain_id} AND s.status = 'published' AND s.category IS NULL
        ORDER BY s.version DESC LIMIT 1))`;
  const base = db
    .selectFrom('products as p')
    .innerJoin('umkm_profiles as up', 'up.organization_id', 'p.umkm_id')
    .innerJoin('organizations as u', 'u.id', 'p.umkm_id')
    .where('p.archived_at', 'is', null)
    .where('u.archived_at', 'is', null)
    .where(inRegion('up.village_code', round.region_code))
    .where(umkmScope(actor, 'p.umkm_id', 'up.village_code'))
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM curation_entries ce WHERE ce.round_id = ${round.id} AND ce.product_id = p.id)`)
    .where(sql<boolean>`${setId} IS NOT NULL`);
  return { base, setId };
}

const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The products that could still be added to a round, by product name, UMKM name or GTIN. */
export async function listCandidates(db: Database, actor: Actor, round: RoundRow, f: { limit: number; offset: number; q?: string }) {
  let q = candidatesQuery(db, actor, round).base;
  if (f.q) {
    const like = escapeLike(f.q);
    const text = f.q;
    q = q.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('u.name', 'ilike', like), eb('p.gtin', '=', text)]));
  }
  const [items, total] = await Promise.all([
    q
      .innerJoin('regions as d', 'd.code', 'up.district_code')
      .select(['p.id', 'p.name as product_name', 'u.name as umkm_name', 'p.category', 'p.gtin', 'd.name as district_name'])
      .orderBy('u.name')
      .orderBy('p.name')
      .orderBy('p.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: n(total.n) };
}

/** Adds the given (or all eligible) products (candidatesQuery). One statement, so a large round is added
 *  at database speed. */
export async function addEntries(db: Database, actor: Actor, round: RoundRow, productIds: string[] | null) {
  const { base, setId } = candidatesQuery(db, actor, round);
  const candidates = base.$if(productIds !== null, (q) => q.where('p.id', 'in', productIds ?? []));
  const considered = await candidates.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const result = await db
    .insertInto('curation_entries')
    .columns(['round_id', 'product_id', 'umkm_id', 'village_code', 'province_code', 'requirement_set_id'])
    .expression(
      candidates.select([
        sql<string>`${round.id}::uuid`.as('round_id'),
        'p.id as product_id',
        'p.umkm_id',
        'up.village_code',
        'up.province_code',
        setId.as('requirement_set_id'),
      ]),
    )
    .onConflict((oc) => oc.columns(['round_id', 'product_id']).doNothing())
    .executeTakeFirst();
  return { added: n(result.numInsertedOrUpdatedRows), considered: n(considered.n) };
}

// ---- entries ----
function entriesQuery(db: Database, actor: Actor) {
  return db
    .selectFrom('curation_entries as e')
    .innerJoin('curation_rounds as r', 'r.id', 'e.round_id')
    .innerJoin('organizations as c', 'c.id', 'r.chain_id')
    .innerJoin('products as p', 'p.id', 'e.product_id')
    .innerJoin('organizations as u', 'u.id', 'e.umkm_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('curation_evaluations as ev')
          .select(['ev.outcome', 'ev.failed', 'ev.relaxed', 'ev.results', 'ev.evaluated_at'])
          .whereRef('ev.entry_id', '=', 'e.id')
          .orderBy('ev.id', 'desc')
          .limit(1)
          .as('ev'),
      (join) => join.onTrue(),
    )
    .leftJoin('regions as d', (j) => j.on(sql<boolean>`d.code = left(e.village_code, 8)`))
    .where(curationEntryScope(actor, 'e', 'r'));
}
const entryColumns = [
  'e.id',
  'e.round_id',
  'e.product_id',
  'p.name as product_name',
  'p.category',
  'e.umkm_id',
  'u.name as umkm_name',
  'e.village_code',
  'd.code as district_code',
  'd.name as district_name',
  'ev.outcome',
  'ev.failed',
  'ev.relaxed',
  'ev.evaluated_at',
  'e.requirement_set_id',
  awaitsCurator.as('awaits_curator'),
] as const;

export interface EntryFilter {
  limit: number;
  offset: number;
  outcome?: ProductOutcome;
  /** 'true': only the work queue (awaitsCurator); 'false': only what the curators have assessed. */
  pending?: 'true' | 'false';
  criterion?: string;
  districtCode?: string;
  q?: string;
  sort: 'umkm' | 'product' | 'outcome' | 'evaluated';
  dir: 'asc' | 'desc';
}

export async function listEntries(db: Database, actor: Actor, roundId: string, f: EntryFilter) {
  let q = entriesQuery(db, actor).where('e.round_id', '=', roundId);
  if (f.outcome) q = q.where(sql<boolean>`${outcomeOf} = ${f.outcome}`);
  if (f.pending === 'true') q = q.where(awaitsCurator);
  if (f.pending === 'false') q = q.where(sql<boolean>`NOT ${awaitsCurator}`);
  if (f.criterion) q = q.where(sql<boolean>`${f.criterion} = ANY(ev.failed)`);
  if (f.districtCode) q = q.where(inRegion('e.village_code', f.districtCode));
  if (f.q) {
    const like = escapeLike(f.q);
    const text = f.q;
    q = q.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('u.name', 'ilike', like), eb('p.gtin', '=', text)]));
  }
  const dir = f.dir;
  let ordered = q.select(entryColumns);
  switch (f.sort) {
    case 'product':
      ordered = ordered.orderBy('p.name', dir).orderBy('u.name', dir);
      break;
    case 'outcome':
      ordered = ordered.orderBy(outcomeOf, dir).orderBy('u.name').orderBy('p.name');
      break;
    case 'evaluated':
      ordered = ordered.orderBy(sql`ev.evaluated_at ${sql.raw(dir === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST')}`).orderBy('u.name');
      break;
    default:
      ordered = ordered.orderBy('u.name', dir).orderBy('p.name', dir);
  }
  const [items, total] = await Promise.all([
    ordered.orderBy('e.id').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: n(total.n) };
}

/** What a round's entries can be filtered by: their districts and the criteria they fail, with counts. */
export async function roundFacets(db: Database, actor: Actor, roundId: string) {
  const base = entriesQuery(db, actor).where('e.round_id', '=', roundId);
  const [districts, criteria] = await Promise.all([
    base
      .select(['d.code', 'd.name', sql<bigint>`count(*)`.as('n')])
      .where('d.code', 'is not', null)
      .groupBy(['d.code', 'd.name'])
      .orderBy('d.name')
      .execute(),
    db
      .selectFrom(base.select(sql<string>`unnest(ev.failed)`.as('code')).as('f'))
      .select(['f.code', sql<bigint>`count(*)`.as('n')])
      .groupBy('f.code')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('f.code')
      .execute(),
  ]);
  return {
    districts: districts.map((d) => ({ code: d.code as string, name: d.name as string, entries: n(d.n) })),
    criteria: criteria.map((c) => ({ code: c.code, failing: n(c.n) })),
  };
}

/** The next entry of a round awaiting assessment after `entryId` in the list's default order (wrapping
 *  around to the first), among those the actor may see; null when none is left. */
export async function nextPendingEntry(db: Database, actor: Actor, roundId: string, entryId: string) {
  const pending = entriesQuery(db, actor)
    .where('e.round_id', '=', roundId)
    .where('e.id', '<>', entryId)
    .where(awaitsCurator)
    .select('e.id')
    .orderBy('u.name')
    .orderBy('p.name')
    .orderBy('e.id')
    .limit(1);
  const after = await pending
    .where(
      sql<boolean>`(u.name, p.name, e.id) > (SELECT u2.name, p2.name, e2.id FROM curation_entries e2
        JOIN organizations u2 ON u2.id = e2.umkm_id JOIN products p2 ON p2.id = e2.product_id WHERE e2.id = ${entryId})`,
    )
    .executeTakeFirst();
  return (after ?? (await pending.executeTakeFirst()))?.id ?? null;
}

/** A product's facts, photos and permits as the curators see them beside the criteria. */
export async function entryProduct(db: Database, productId: string) {
  const [product, photos, permits] = await Promise.all([
    db
      .selectFrom('products')
      .select(['gtin', 'net_content', 'net_unit', 'supplier_price', 'retail_price', 'shelf_life_days', 'perishable', 'storage'])
      .where('id', '=', productId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('product_photos')
      .select('sha256')
      .where('product_id', '=', productId)
      .where('archived_at', 'is', null)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('product_permits')
      .select(['type', 'number', 'issued_on', 'expires_on'])
      .where('product_id', '=', productId)
      .where('archived_at', 'is', null)
      .orderBy('issued_on', 'desc')
      .execute(),
  ]);
  return { product, photos: photos.map((p) => p.sha256), permits };
}

export const findEntry = (db: Database, actor: Actor, id: string) =>
  entriesQuery(db, actor)
    .select([
      ...entryColumns,
      'ev.results',
      'r.name as round_name',
      'r.status as round_status',
      'r.curation_date',
      'r.chain_id as round_chain_id',
      'r.region_code as round_region_code',
      'c.chain_code',
      'e.attestations',
      'e.scores',
      'e.notes',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
export type EntryRow = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

export const entryHistory = (db: Database, entryId: string) =>
  db
    .selectFrom('curation_evaluations')
    .select(['evaluated_at', 'outcome', 'failed'])
    .where('entry_id', '=', entryId)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();

/** Everything evaluation needs of a round's entries (or one entry): product, business, curator input. */
export async function loadFacts(db: Database, roundId: string, entryId?: string) {
  const entries = await db
    .selectFrom('curation_entries as e')
    .innerJoin('products as p', 'p.id', 'e.product_id')
    .innerJoin('umkm_profiles as up', 'up.organization_id', 'e.umkm_id')
    .select([
      'e.id',
      'e.product_id',
      'e.umkm_id',
      'e.village_code',
      'e.province_code',
      'e.requirement_set_id',
      'e.attestations',
      'e.scores',
      'p.category',
      'p.gtin',
      'p.net_content',
      'p.supplier_price',
      'p.retail_price',
      'p.shelf_life_days',
      'p.perishable',
      'up.nib',
      'up.weekly_capacity',
    ])
    .where('e.round_id', '=', roundId)
    .$if(entryId !== undefined, (q) => q.where('e.id', '=', entryId as string))
    .execute();
  const permits = await db
    .selectFrom('product_permits as pp')
    .innerJoin('curation_entries as e', 'e.product_id', 'pp.product_id')
    .select(['pp.product_id', 'pp.type', 'pp.number', 'pp.issued_on', 'pp.expires_on'])
    .where('e.round_id', '=', roundId)
    .$if(entryId !== undefined, (q) => q.where('e.id', '=', entryId as string))
    .where('pp.archived_at', 'is', null)
    .orderBy('pp.issued_on', 'desc')
    .execute();
  return { entries, permits };
}

export interface EvaluationInsert {
  entry_id: string;
  round_id: string;
  product_id: string;
  province_code: string;
  outcome: ProductOutcome;
  failed: string[];
  relaxed: string[];
  results: string;
}

// 1,000 rows × 8 columns stays far below PostgreSQL's 65,535 parameters.
const CHUNK = 1000;
export async function insertEvaluations(db: Database, rows: EvaluationInsert[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('curation_evaluations')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** The latest evaluation of each product in finished rounds of a chain, among the products the actor may
 *  see in a region: what bottleneck analytics count. */
export async function latestClosedResults(db: Database, actor: Actor, f: { regionCode: string; chainCode: ChainCode }) {
  return db
    .selectFrom('curation_entries as e')
    .innerJoin('curation_rounds as r', 'r.id', 'e.round_id')
    .innerJoin('organizations as c', 'c.id', 'r.chain_id')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('curation_evaluations as ev')
          .select(['ev.outcome', 'ev.failed'])
          .whereRef('ev.entry_id', '=', 'e.id')
          .orderBy('ev.id', 'desc')
          .limit(1)
          .as('ev'),
      (join) => join.onTrue(),
    )
    .select(['e.product_id', 'e.umkm_id', 'e.requirement_set_id', 'ev.outcome', 'ev.failed'])
    .distinctOn('e.product_id')
    .where('r.status', '=', 'closed')
    .where('c.chain_code', '=', f.chainCode)
    .where(inRegion('e.village_code', f.regionCode))
    .where(curationOutcomeScope(actor, 'e', 'r'))
    .orderBy('e.product_id')
    .orderBy('r.curation_date', 'desc')
    .orderBy('r.created_at', 'desc')
    .execute();
}

/** The chains with finished curations in a region, among the rounds and entries the actor may see, with
 *  the number of products curated: the bottleneck page opens on one that has data. */
export async function chainsWithClosedResults(db: Database, actor: Actor, regionCode: string) {
  const rows = await db
    .selectFrom('curation_entries as e')
    .innerJoin('curation_rounds as r', 'r.id', 'e.round_id')
    .innerJoin('organizations as c', 'c.id', 'r.chain_id')
    .select(['c.chain_code', sql<bigint>`count(DISTINCT e.product_id)`.as('n')])
    .where('r.status', '=', 'closed')
    .where(inRegion('e.village_code', regionCode))
    .where(curationOutcomeScope(actor, 'e', 'r'))
    .groupBy('c.chain_code')
    .orderBy(sql`count(DISTINCT e.product_id)`, 'desc')
    .orderBy('c.chain_code')
    .execute();
  return rows.filter((r) => r.chain_code).map((r) => ({ chainCode: r.chain_code as ChainCode, products: n(r.n) }));
}

// ---- funnel and a product's status ----

/** The active products the actor may see (a chain: every business's products, not their owners). */
export const funnelProducts = (db: Database, actor: Actor, f: { regionCode?: string; productId?: string }) =>
  db
    .selectFrom('products as p')
    .innerJoin('umkm_profiles as up', 'up.organization_id', 'p.umkm_id')
    .select(['p.id', 'p.umkm_id', 'up.district_code'])
    .where('p.archived_at', 'is', null)
    .where(umkmScope(actor, 'p.umkm_id', 'up.village_code'))
    .$if(f.regionCode !== undefined, (q) =>
      q.where(
        umkmInRegion(actor, f.regionCode as string, { umkmId: 'p.umkm_id', village: 'up.village_code', district: 'up.district_code' }),
      ),
    )
    .$if(f.productId !== undefined, (q) => q.where('p.id', '=', f.productId as string))
    .execute();

/** The latest finished outcome of each product per chain, counted only from the entries and rounds the
 *  actor may see: a chain never learns a competitor's results. */
export const latestOutcomes = (db: Database, actor: Actor, f: { regionCode?: string; productId?: string }) =>
  db
    .selectFrom('curation_entries as e')
    .innerJoin('curation_rounds as r', 'r.id', 'e.round_id')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('curation_evaluations as ev')
          .select('ev.outcome')
          .whereRef('ev.entry_id', '=', 'e.id')
          .orderBy('ev.id', 'desc')
          .limit(1)
          .as('ev'),
      (join) => join.onTrue(),
    )
    .select(['e.product_id', 'ev.outcome'])
    .distinctOn(['e.product_id', 'r.chain_id'])
    .where('r.status', '=', 'closed')
    .where(curationOutcomeScope(actor, 'e', 'r'))
    .$if(f.regionCode !== undefined, (q) => q.where(inRegion('e.village_code', f.regionCode as string)))
    .$if(f.productId !== undefined, (q) => q.where('e.product_id', '=', f.productId as string))
    .orderBy('e.product_id')
    .orderBy('r.chain_id')
    .orderBy('r.curation_date', 'desc')
    .orderBy('r.created_at', 'desc')
    .execute();

/** A product's curations the actor may see, newest first. */
export const productHistory = (db: Database, actor: Actor, productId: string) =>
  db
    .selectFrom('curation_entries as e')
    .innerJoin('curation_rounds as r', 'r.id', 'e.round_id')
    .innerJoin('organizations as c', 'c.id', 'r.chain_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('curation_evaluations as ev')
          .select(['ev.outcome', 'ev.failed'])
          .whereRef('ev.entry_id', '=', 'e.id')
          .orderBy('ev.id', 'desc')
          .limit(1)
          .as('ev'),
      (join) => join.onTrue(),
    )
    .select(['e.id', 'r.name', 'c.chain_code', 'r.curation_date', 'r.kind', 'ev.outcome', 'ev.failed'])
    .where('e.product_id', '=', productId)
    .where(curationOutcomeScope(actor, 'e', 'r'))
    .orderBy('r.curation_date', 'desc')
    .execute();

/** What happened to products after curation, as of a day, counted only from what the actor may know of it
 *  (funnelShelfScope): a PKS in force, a running market test, a regular listing, a listing beyond the
 *  regencies of a test it passed, or an accepted expansion proposal. */
export async function shelfFacts(db: Database, actor: Actor, productIds: string[], today: string) {
  if (!productIds.length) return new Map<string, ShelfFacts>();
  const rows = await sql<{ id: string; pks: boolean; testing: boolean; listed: boolean; expanded: boolean }>`
    SELECT p.id,
      EXISTS (SELECT 1 FROM agreement_products ap JOIN agreement_versions v ON v.id = ap.version_id JOIN agreements a ON a.id = v.agreement_id
        WHERE ap.product_id = p.id AND a.kind = 'pks' AND ${inForceSql('v', today)} AND ${funnelShelfScope(actor, 'a.chain_id')}) AS pks,
      EXISTS (SELECT 1 FROM placements pl JOIN market_tests mt ON mt.id = pl.market_test_id
        WHERE pl.product_id = p.id AND mt.status = 'running' AND (pl.ends_on IS NULL OR pl.ends_on > ${today}::date)
          AND ${funnelShelfScope(actor, 'pl.chain_id')}) AS testing,
      EXISTS (SELECT 1 FROM placements pl LEFT JOIN market_tests mt ON mt.id = pl.market_test_id
        WHERE pl.product_id = p.id AND pl.starts_on <= ${today}::date AND (pl.ends_on IS NULL OR pl.ends_on > ${today}::date)
          AND (mt.id IS NULL OR mt.status = 'passed') AND ${funnelShelfScope(actor, 'pl.chain_id')}) AS listed,
      EXISTS (SELECT 1 FROM market_tests mt JOIN placements pl ON pl.product_id = mt.product_id AND pl.chain_id = mt.chain_id
        WHERE mt.product_id = p.id AND mt.status = 'passed' AND pl.starts_on <= ${today}::date
          AND (pl.ends_on IS NULL OR pl.ends_on > ${today}::date) AND ${funnelShelfScope(actor, 'mt.chain_id')}
          AND left(pl.district_code, 5) NOT IN (SELECT left(mto.district_code, 5) FROM market_test_outlets mto WHERE mto.test_id = mt.id))
      OR EXISTS (SELECT 1 FROM expansion_proposals ep WHERE ep.product_id = p.id AND ep.status = 'accepted'
          AND ${funnelShelfScope(actor, 'ep.chain_id')}) AS expanded
    FROM products p WHERE p.id = ANY(${productIds}::uuid[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, { pks: r.pks, testing: r.testing, listed: r.listed, expanded: r.expanded }]));
}
