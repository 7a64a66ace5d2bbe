// SQL of the agreements module. Every read that answers a request takes the actor and ANDs its scope
// (policy.agreementScope), so another chain's MoU, PKS or terms simply do not exist for it: a 404.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { agreementScope, inRegion, mayReadUmkmPersonalData } from '../../platform/auth/policy.ts';
import { likePattern } from '../../platform/validation.ts';

const count = sql<bigint>`count(*)`.as('n');

function agreementsQuery(db: Database, actor: Actor) {
  return db
    .selectFrom('agreements as a')
    .innerJoin('organizations as c', 'c.id', 'a.chain_id')
    .innerJoin('regions as r', 'r.code', 'a.region_code')
    .leftJoin('organizations as g', 'g.id', 'a.government_id')
    .leftJoin('organizations as b', 'b.id', 'a.branch_id')
    .leftJoin('organizations as u', 'u.id', 'a.umkm_id')
    .leftJoin('agreements as m', 'm.id', 'a.mou_id')
    .where(agreementScope(actor, 'a'));
}

const agreementColumns = [
  'a.id',
  'a.kind',
  'a.number',
  'a.government_id',
  'a.chain_id',
  'a.branch_id',
  'a.umkm_id',
  'a.mou_id',
  'a.region_code',
  'a.province_code',
  'a.created_at',
  'r.name as region_name',
  'c.name as chain_name',
  'c.legal_name as chain_legal_name',
  'c.chain_code',
  'g.name as government_name',
  'g.legal_name as government_legal_name',
  'b.name as branch_name',
  'b.legal_name as branch_legal_name',
  'u.name as umkm_name',
  'm.number as mou_number',
] as const;

export type AgreementRow = NonNullable<Awaited<ReturnType<typeof findAgreement>>>;

export interface AgreementFilter {
  limit: number;
  offset: number;
  q?: string;
  regionCode?: string;
  kind?: 'mou' | 'pks';
  chainCode?: string;
  umkmId?: string;
  mouId?: string;
}

export async function listAgreements(db: Database, actor: Actor, f: AgreementFilter) {
  let q = agreementsQuery(db, actor);
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.chainCode) q = q.where('c.chain_code', '=', f.chainCode as 'alfamart');
  if (f.umkmId) q = q.where('a.umkm_id', '=', f.umkmId);
  if (f.mouId) q = q.where('a.mou_id', '=', f.mouId);
  if (f.regionCode) q = q.where(inRegion('a.region_code', f.regionCode));
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('a.number', 'ilike', p), eb('u.name', 'ilike', p), eb('g.name', 'ilike', p), eb('r.name', 'ilike', p)]));
  }
  const [items, n] = await Promise.all([
    q.select(agreementColumns).orderBy('a.kind').orderBy('a.number').limit(f.limit).offset(f.offset).execute(),
    q.select(count).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(n.n) };
}

export const findAgreement = (db: Database, actor: Actor, id: string) =>
  agreementsQuery(db, actor).select(agreementColumns).where('a.id', '=', id).executeTakeFirst();

/** Serialises lifecycle events on one agreement (two parties signing at once, a sign racing a return). */
export async function lockAgreement(db: Database, id: string) {
  await db.selectFrom('agreements').select('id').where('id', '=', id).forUpdate().execute();
}

/** Version columns without the stored PDF (fetched only when downloaded). */
export const versionColumns = [
  'id',
  'agreement_id',
  'version',
  'status',
  'starts_on',
  'ends_on',
  'recitals',
  'change_note',
  'signatories',
  'outlets_with_corner',
  'inside_display_note',
  'outside_spots',
  'promotion_events_per_year',
  'curation_support',
  'mentoring_support',
  'quota_bp',
  'quota_basis',
  'quota_report_months',
  'pks_witness',
  'witness_required',
  'trade_model',
  'margin_bp',
  'other_fees',
  'payment_term_days',
  'small_supply_payment_days',
  'payment_technical_reason',
  'settlement_period',
  'unsold_goods',
  'expired_goods_borne_by',
  'perishable_pickup_hours',
  'return_note',
  'delivery_district_codes',
  'delivery_note',
  'document_sha256',
  'submitted_at',
  'signed_at',
  'superseded_on',
  'terminated_on',
  'termination_reason',
  'created_at',
  'updated_at',
] as const;

export async function versionsOf(db: Database, agreementIds: string[]) {
  if (agreementIds.length === 0) return [];
  return db
    .selectFrom('agreement_versions')
    .select(versionColumns)
    .where('agreement_id', 'in', agreementIds)
    .orderBy('agreement_id')
    .orderBy('version')
    .execute();
}
export type VersionRow = Awaited<ReturnType<typeof versionsOf>>[number];

export async function productsOf(db: Database, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom('agreement_products as ap')
    .innerJoin('products as p', 'p.id', 'ap.product_id')
    .select(['ap.version_id', 'ap.product_id', 'ap.supplier_price', 'ap.shelf_price', 'p.name', 'p.gtin', 'p.perishable'])
    .where('ap.version_id', 'in', versionIds)
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
}

export async function relaxationsOf(db: Database, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  return db.selectFrom('agreement_relaxations').selectAll().where('version_id', 'in', versionIds).orderBy('criterion_code').execute();
}

export async function signaturesOf(db: Database, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom('agreement_signatures as s')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .select([
      's.version_id',
      's.party',
      's.organization_id',
      'o.name as organization_name',
      's.signer_name',
      's.signer_title',
      's.signer_role',
      's.signed_at',
      's.document_sha256',
    ])
    .where('s.version_id', 'in', versionIds)
    .where('s.voided_at', 'is', null)
    .orderBy('s.signed_at')
    .execute();
}

export async function documentOf(db: Database, versionId: string) {
  return db.selectFrom('agreement_versions').select(['document_pdf', 'document_sha256']).where('id', '=', versionId).executeTakeFirst();
}

/** The parties' details printed in the document: legal names, a UMKM's owner, NIB and address. */
/** Whether the actor may read the business owner's personal data (UU 27/2022; the policy decides). */
export async function mayReadPersonalData(db: Database, actor: Actor, umkmId: string): Promise<boolean> {
  const r = await db
    .selectFrom('organizations as o')
    .select(mayReadUmkmPersonalData(actor, 'o.id').as('ok'))
    .where('o.id', '=', umkmId)
    .executeTakeFirst();
  return Boolean(r?.ok);
}

export async function umkmDetail(db: Database, umkmId: string) {
  return db
    .selectFrom('organizations as o')
    .innerJoin('umkm_profiles as p', 'p.organization_id', 'o.id')
    .select(['o.id', 'o.name', 'o.legal_name', 'p.owner_name', 'p.nib', 'p.address', 'p.village_code', 'p.province_code'])
    .where('o.id', '=', umkmId)
    .where('o.kind', '=', 'umkm')
    .executeTakeFirst();
}

/** The next sequence number under a number prefix (MOU/17.71/ALFAMART/2026/…), from the prefix's counter
 *  row. The upsert takes the row lock, so concurrent drafts queue on it and each gets its own number until
 *  their transactions end; the floor (the highest number already used under the prefix) covers numbers
 *  written without the counter, such as the demo's. */
export async function nextSequence(db: Database, prefix: string): Promise<number> {
  const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const row = await sql<{ last: number }>`
    INSERT INTO agreement_counters (prefix, last)
    VALUES (${prefix}, 1 + (
      SELECT coalesce(max(substr(number, ${prefix.length + 1})::int), 0) FROM agreements
      WHERE number LIKE ${like} AND substr(number, ${prefix.length + 1}) ~ '^[0-9]+$'))
    ON CONFLICT (prefix) DO UPDATE SET last = greatest(agreement_counters.last + 1, excluded.last)
    RETURNING last`.execute(db);
  const last = row.rows[0]?.last;
  if (last === undefined) throw new Error(`no sequence for ${prefix}`);
  return last;
}

/** Candidates for reminders in the actor's scope: signed versions ending in a window, versions in review,
 *  and PKS whose latest version is in review or signed (checked against the rules of trade). */
/** Agreements of the actor's that were ended (effective from `from` on), with who ended them (the organisation
 *  of the account that did, from the audit log) and why: so the other parties are told, not left to find out. */
export async function recentlyTerminated(db: Database, actor: Actor, from: string) {
  return db
    .selectFrom('agreements as a')
    .innerJoin('agreement_versions as v', 'v.agreement_id', 'a.id')
    .leftJoin('organizations as u', 'u.id', 'a.umkm_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('audit_log as l')
          .innerJoin('users as x', 'x.id', 'l.actor_id')
          .innerJoin('organizations as o', 'o.id', 'x.organization_id')
          .where(sql<boolean>`l.entity_id = a.id::text`)
          .where('l.entity', '=', 'agreement')
          .where('l.action', '=', 'terminate')
          .select(['o.id as by_org', 'o.name as by_name'])
          .orderBy('l.id', 'desc')
          .limit(1)
          .as('by'),
      (join) => join.onTrue(),
    )
    .where(agreementScope(actor, 'a'))
    .where('v.status', '=', 'terminated')
    .where('v.terminated_on', '>=', from)
    .select(['a.id', 'a.kind', 'a.number', 'u.name as umkm_name', 'v.terminated_on', 'v.termination_reason', 'by.by_org', 'by.by_name'])
    .orderBy('v.terminated_on', 'desc')
    .limit(50)
    .execute();
}

export async function reminderCandidates(db: Database, actor: Actor, from: string, to: string) {
  const base = () =>
    db.selectFrom('agreements as a').innerJoin('agreement_versions as v', 'v.agreement_id', 'a.id').where(agreementScope(actor, 'a'));
  const [ending, reviewing, pks] = await Promise.all([
    base()
      .select(['a.id', 'a.kind', 'a.number', 'a.region_code', 'v.starts_on', 'v.ends_on', 'v.terminated_on'])
      .where('v.status', '=', 'signed')
      .where('v.ends_on', '>=', from)
      .where('v.ends_on', '<=', to)
      .orderBy('v.ends_on')
      .limit(200)
      .execute(),
    base()
      .select([
        'a.id',
        'a.kind',
        'a.number',
        'a.government_id',
        'a.chain_id',
        'a.branch_id',
        'a.umkm_id',
        'v.id as version_id',
        'v.version',
        'v.witness_required',
      ])
      .where('v.status', '=', 'in_review')
      .orderBy('v.submitted_at')
      .limit(200)
      .execute(),
    base()
      .select([
        'a.id',
        'a.number',
        'a.region_code',
        'v.status',
        'v.starts_on',
        'v.ends_on',
        'v.superseded_on',
        'v.terminated_on',
        'v.other_fees',
        'v.payment_term_days',
        'v.small_supply_payment_days',
        'v.payment_technical_reason',
      ])
      .where('a.kind', '=', 'pks')
      .where('v.status', 'in', ['in_review', 'signed'])
      .orderBy('a.number')
      .limit(500)
      .execute(),
  ]);
  return { ending, reviewing, pks };
}

/** Signed PKS of the same business with the same chain (other than `agreementId`) in force on some day
 *  from `from` to `to`, with the products they share with `productIds`: as far as the actor may see them. */
export async function pksInForceSharingProducts(
  db: Database,
  actor: Actor,
  f: { agreementId: string | null; umkmId: string; chainId: string; productIds: string[]; from: string; to: string },
) {
  if (f.productIds.length === 0 || f.to < f.from) return [];
  let q = db
    .selectFrom('agreements as a')
    .innerJoin('agreement_versions as v', 'v.agreement_id', 'a.id')
    .innerJoin('agreement_products as ap', 'ap.version_id', 'v.id')
    .select(['a.id', 'a.number', 'ap.product_id'])
    .distinct()
    .where('a.kind', '=', 'pks')
    .where('a.umkm_id', '=', f.umkmId)
    .where('a.chain_id', '=', f.chainId)
    .where(agreementScope(actor, 'a'))
    .where('v.status', 'in', ['signed', 'superseded', 'terminated'])
    .where('v.starts_on', '<=', f.to)
    .where('v.ends_on', '>=', f.from)
    .where((eb) => eb.or([eb('v.superseded_on', 'is', null), eb('v.superseded_on', '>', f.from)]))
    .where((eb) => eb.or([eb('v.terminated_on', 'is', null), eb('v.terminated_on', '>', f.from)]))
    .where('ap.product_id', 'in', f.productIds);
  if (f.agreementId) q = q.where('a.id', '<>', f.agreementId);
  return q.orderBy('a.number').orderBy('ap.product_id').execute();
}

/** The names of regions, in the order of their codes (a code not found keeps its place as itself). */
export async function regionNames(db: Database, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
  const byCode = new Map(rows.map((r) => [r.code, r.name]));
  return codes.map((c) => byCode.get(c) ?? c);
}
