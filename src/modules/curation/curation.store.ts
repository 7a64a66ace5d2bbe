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
  inRegion,
  regionOverlaps,
  requirementSetScope,
  umkmInRegion,
  umkmScope,
} from '../../platform/auth/policy.ts';
import type { ProductOutcome } from './curation.tables.ts';

const n = (v: unknown) => Number(v ?? 0);

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
  const out = new Map<string, Record<ProductOutcome | 'none', number>>();
  if (roundIds.length === 0) return out;
  const rows = await db
    .selectFrom('curation_entries as e')
    .innerJoin('curation_rounds as r', 'r.id', 'e.round_id')
    .leftJoinLateral(
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
    .select(['e.round_id', 'ev.outcome', sql<bigint>`count(*)`.as('n')])
    .where('e.round_id', 'in', roundIds)
    .where(curationEntryScope(actor, 'e', 'r'))
    .groupBy(['e.round_id', 'ev.outcome'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.round_id) ?? { lolos: 0, belum_lolos: 0, menunggu: 0, none: 0 };
    c[(r.outcome ?? 'none') as ProductOutcome | 'none'] += n(r.n);
    out.set(r.round_id, c);
  }
  return out;
}

/** Adds the given (or all active) products of the round's region that the actor may see, each with the
 *  chain's published set for its category (else the chain's all-categories set). One statement, so a
 *  large round is added at database speed. */
export async function addEntries(db: Database, actor: Actor, round: RoundRow, productIds: string[] | null) {
  const setFor = (category: ReturnType<typeof sql.ref>) => sql<string>`coalesce(
      (SELECT s.id FROM requirement_sets s WHERE s.chain_id = ${round.chain_id} AND s.status = 'published' AND s.category = ${category}
        ORDER BY s.version DESC LIMIT 1),
      (SELECT s.id FROM requirement_sets s WHERE s.chain_id = ${round.chain_id} AND s.status = 'published' AND s.category IS NULL
        ORDER BY s.version DESC LIMIT 1))`;
  const candidates = db
    .selectFrom('products as p')
    .innerJoin('umkm_profiles as up', 'up.organization_id', 'p.umkm_id')
    .innerJoin('organizations as u', 'u.id', 'p.umkm_id')
    .where('p.archived_at', 'is', null)
    .where('u.archived_at', 'is', null)
    .where(inRegion('up.village_code', round.region_code))
    .where(umkmScope(actor, 'p.umkm_id', 'up.village_code'))
    .$if(productIds !== null, (q) => q.where('p.id', 'in', productIds ?? []));
  const result = await db
    .insertInto('curation_entries')
    .columns(['round_id', 'product_id', 'umkm_id', 'village_code', 'province_code', 'requirement_set_id'])
    .expression(
      db
        .selectFrom(
          candidates
            .select([
              sql<string>`${round.id}::uuid`.as('round_id'),
              'p.id as product_id',
              'p.umkm_id',
              'up.village_code',
              'up.province_code',
              setFor(sql.ref('p.category')).as('set_id'),
            ])
            .as('x'),
        )
        .selectAll()
        .where('x.set_id', 'is not', null),
    )
    .onConflict((oc) => oc.columns(['round_id', 'product_id']).doNothing())
    .executeTakeFirst();
  const considered = await candidates.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const added = n(result.numInsertedOrUpdatedRows);
  return { added, considered: n(considered.n) };
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
          .select(['ev.outcome', 'ev.failed', 'ev.relaxed', 'ev.results'])
          .whereRef('ev.entry_id', '=', 'e.id')
          .orderBy('ev.id', 'desc')
          .limit(1)
          .as('ev'),
      (join) => join.onTrue(),
    )
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
  'ev.outcome',
  'ev.failed',
  'ev.relaxed',
] as const;

export async function listEntries(
  db: Database,
  actor: Actor,
  roundId: string,
  f: { limit: number; offset: number; outcome?: ProductOutcome },
) {
  let q = entriesQuery(db, actor).where('e.round_id', '=', roundId);
  if (f.outcome) q = q.where('ev.outcome', '=', f.outcome);
  const [items, total] = await Promise.all([
    q.select(entryColumns).orderBy('u.name').orderBy('p.name').orderBy('e.id').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: n(total.n) };
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
      'e.requirement_set_id',
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
