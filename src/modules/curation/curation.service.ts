// Curation use cases (C2): requirement sets, rounds and their evaluation, gap lists, relaxations,
// bottleneck analytics and the funnel. Each takes the database handle (the request's transaction) first
// and the caller's context second; every change writes an audit row in the same transaction.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { ChainCode } from '../../db/types.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor, Ctx } from '../../platform/auth/actor.ts';
import {
  canReadCurationNotes,
  chainActedFor,
  curationOutcomeScope,
  mayActInRegion,
  mayArchiveRelaxation,
  mayEditRequirementSet,
  mayManageRound,
  mayOpenRound,
  relaxationScope,
} from '../../platform/auth/policy.ts';
import { localDate } from '../../platform/clock.ts';
import { type Bilingual, badRequest, conflict, notFound, notPermitted } from '../../platform/errors.ts';
import { label as vocabularyLabel } from '../../vocabulary.ts';
import { chainHasMouCovering } from '../agreements/agreements.queries.ts';
import { chainByCode } from '../registry/registry.service.ts';
import { relaxationsFor } from './curation.relaxations.ts';
import {
  bottlenecks,
  type Criterion,
  type CriterionResult,
  criterionLabel,
  criterionRemedy,
  detailOf,
  evaluate,
  FUNNEL_LABELS,
  FUNNEL_STAGES,
  type FunnelStage,
  funnelStage,
  gapList,
  greedyRelaxations,
  type Permit,
  type ProductFacts,
  type ProductOutcome,
  regionCovers,
  stageReached,
} from './curation.rules.ts';
import type { zCriterion } from './curation.schemas.ts';
import * as store from './curation.store.ts';

type CriterionOut = z.infer<typeof zCriterion>;

const SET = { id: 'Persyaratan', en: 'Requirement set' };
const ROUND = { id: 'Putaran kurasi', en: 'Curation round' };
const ENTRY = { id: 'Produk dalam kurasi', en: 'Curated product' };
const CHAIN = { id: 'Jaringan ritel', en: 'Chain' };
const REGION = { id: 'Wilayah', en: 'Region' };
const RELAXATION = { id: 'Pelonggaran', en: 'Relaxation' };
const PRODUCT = { id: 'Produk', en: 'Product' };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Stored criteria were validated by zCriterion when written (CriterionOut extends Criterion). */
const criteriaOf = (json: unknown) => json as CriterionOut[];

/** Criterion labels of some sets, the newest version's wording winning; a code no set names falls back
 *  to the vocabulary. */
function labelsOf(sets: { version: number; criteria: unknown }[]) {
  const labels = new Map<string, Bilingual>();
  for (const s of [...sets].sort((a, b) => a.version - b.version))
    for (const c of criteriaOf(s.criteria)) labels.set(c.code, criterionLabel(c));
  return (code: string) => labels.get(code) ?? vocabularyLabel('criterion', code);
}

async function regionName(db: Database, code: string, field = 'regionCode') {
  const r = await db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst();
  if (!r) throw notFound(REGION, field);
  return r.name;
}

/** A Dinas acts inside its own region only (policy: mayActInRegion). */
function requireInOwnRegion(ctx: Ctx, regionCode: string, field = 'regionCode') {
  if (!mayActInRegion(ctx.actor, regionCode)) {
    throw badRequest(
      'outside_region',
      { id: 'Wilayah berada di luar kewenangan Anda.', en: 'The region is outside your jurisdiction.' },
      field,
    );
  }
}

/** The chain a request acts for: a chain's staff always their own (naming another is a 404); others name it. */
async function actingChain(db: Database, ctx: Ctx, code: ChainCode | undefined | null): Promise<string> {
  const acted = chainActedFor(ctx.actor, code);
  if (acted === 'foreign') throw notFound(CHAIN, 'chainCode');
  if (acted === 'missing')
    throw badRequest('chain_required', { id: 'Jaringan ritel wajib diisi.', en: 'The chain is required.' }, 'chainCode');
  return (await chainByCode(db, acted.chainCode)).id;
}

// ---- requirement sets ----
const setView = (s: store.SetRow, actor: Actor) => ({
  id: s.id,
  chainId: s.chain_id,
  chainCode: s.chain_code as ChainCode,
  category: s.category,
  version: s.version,
  status: s.status,
  name: s.name,
  criteria: criteriaOf(s.criteria),
  publishedAt: iso(s.published_at),
  /** What this actor may do with it (the web shows these buttons and no others). */
  can: { edit: mayEditRequirementSet(actor, s) },
});

export async function listRequirementSets(db: Database, ctx: Ctx, f: Parameters<typeof store.listSets>[2]) {
  const page = await store.listSets(db, ctx.actor, f);
  return { items: page.items.map((s) => setView(s, ctx.actor)), total: page.total };
}

export async function getRequirementSet(db: Database, ctx: Ctx, id: string) {
  const s = await store.findSet(db, ctx.actor, id);
  if (!s) throw notFound(SET, 'id');
  return setView(s, ctx.actor);
}

export async function createRequirementSet(
  db: Database,
  ctx: Ctx,
  input: { chainCode?: ChainCode; category: string | null; name: string; criteria: Criterion[] },
) {
  const chainId = await actingChain(db, ctx, input.chainCode);
  const version = await store.nextVersion(db, chainId, input.category);
  const row = await db
    .insertInto('requirement_sets')
    .values({
      chain_id: chainId,
      category: input.category,
      version,
      status: 'draft',
      name: input.name,
      criteria: JSON.stringify(input.criteria),
      created_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const view = await getRequirementSet(db, ctx, row.id);
  await audit(db, ctx, { action: 'create', entity: 'requirement_set', entityId: row.id, after: view });
  return view;
}

/** A set the actor may change: its own chain's (a chain reads others' published sets, never edits them). */
async function editableSet(db: Database, ctx: Ctx, id: string) {
  const s = await store.findSet(db, ctx.actor, id);
  if (!s) throw notFound(SET, 'id');
  if (!mayEditRequirementSet(ctx.actor, s)) throw notPermitted(SET);
  if (s.status !== 'draft') {
    throw conflict(
      'set_not_draft',
      {
        id: 'Persyaratan yang sudah terbit tidak dapat diubah; buat versi baru.',
        en: 'A published set cannot change; create a new version.',
      },
      'id',
    );
  }
  return s;
}

export async function updateRequirementSet(db: Database, ctx: Ctx, id: string, patch: { name?: string; criteria?: Criterion[] }) {
  const before = setView(await editableSet(db, ctx, id), ctx.actor);
  await db
    .updateTable('requirement_sets')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.criteria !== undefined ? { criteria: JSON.stringify(patch.criteria) } : {}),
    })
    .where('id', '=', id)
    .execute();
  const after = await getRequirementSet(db, ctx, id);
  await audit(db, ctx, { action: 'update', entity: 'requirement_set', entityId: id, before, after });
  return after;
}

/** Publishes a draft; the version it replaces is retired (kept: curations recorded it). */
export async function publishRequirementSet(db: Database, ctx: Ctx, id: string) {
  const s = await editableSet(db, ctx, id);
  const retired = await db
    .updateTable('requirement_sets')
    .set({ status: 'retired' })
    .where('chain_id', '=', s.chain_id)
    .where(sql<boolean>`coalesce(category, '') = ${s.category ?? ''}`)
    .where('status', '=', 'published')
    .returning('id')
    .execute();
  await db.updateTable('requirement_sets').set({ status: 'published', published_at: sql`now()` }).where('id', '=', id).execute();
  const after = await getRequirementSet(db, ctx, id);
  await audit(db, ctx, {
    action: 'publish',
    entity: 'requirement_set',
    entityId: id,
    before: setView(s, ctx.actor),
    after: { ...after, retired },
  });
  return after;
}

// ---- rounds ----
type Counts = Record<ProductOutcome | 'none' | 'pending', number>;
const roundView = (r: store.RoundRow, actor: Actor, c?: Counts) => ({
  id: r.id,
  name: r.name,
  chainId: r.chain_id,
  chainCode: r.chain_code as ChainCode,
  organizerId: r.organizer_id,
  organizerName: r.organizer_name,
  regionCode: r.region_code,
  regionName: r.region_name,
  curationDate: r.curation_date,
  status: r.status,
  kind: r.kind,
  programId: r.program_id,
  requirementSet: r.requirement_set_id
    ? {
        id: r.requirement_set_id,
        name: r.requirement_set_name ?? '',
        version: r.requirement_set_version ?? 0,
        category: r.requirement_set_category ?? null,
      }
    : null,
  products: c ? c.lolos + c.belum_lolos + c.menunggu + c.none : 0,
  lolos: c?.lolos ?? 0,
  belumLolos: c?.belum_lolos ?? 0,
  menunggu: (c?.menunggu ?? 0) + (c?.none ?? 0),
  awaitingAssessment: c?.pending ?? 0,
  can: { manage: r.status === 'open' && mayManageRound(actor, r) },
});

export async function listRounds(db: Database, ctx: Ctx, f: Parameters<typeof store.listRounds>[2]) {
  const page = await store.listRounds(db, ctx.actor, f);
  const counts = await store.roundCounts(
    db,
    ctx.actor,
    page.items.map((r) => r.id),
  );
  return { items: page.items.map((r) => roundView(r, ctx.actor, counts.get(r.id))), total: page.total };
}

async function findRound(db: Database, ctx: Ctx, id: string) {
  const r = await store.findRound(db, ctx.actor, id);
  if (!r) throw notFound(ROUND, 'id');
  return r;
}

export async function getRound(db: Database, ctx: Ctx, id: string) {
  const r = await findRound(db, ctx, id);
  const counts = await store.roundCounts(db, ctx.actor, [id]);
  return roundView(r, ctx.actor, counts.get(id));
}

export async function createRound(
  db: Database,
  ctx: Ctx,
  input: {
    name: string;
    chainCode?: ChainCode;
    regionCode: string;
    curationDate: string;
    kind?: 'initial' | 'recuration';
    programId?: string;
    organizerId?: string;
    requirementSetId?: string;
  },
) {
  const chainId = await actingChain(db, ctx, input.chainCode);
  if (input.requirementSetId) {
    const set = await store.findSet(db, ctx.actor, input.requirementSetId);
    if (!set || set.chain_id !== chainId || set.status !== 'published') {
      throw badRequest(
        'set_not_usable',
        {
          id: 'Pilih persyaratan yang sudah terbit milik jaringan ritel ini.',
          en: "Choose one of this chain's published requirement sets.",
        },
        'requirementSetId',
      );
    }
  }
  await regionName(db, input.regionCode);
  requireInOwnRegion(ctx, input.regionCode);
  const chainHasMou =
    ctx.actor.role === 'retailer' && (await chainHasMouCovering(db, { chainId, regionCode: input.regionCode, date: input.curationDate }));
  if (!mayOpenRound(ctx.actor, { region_code: input.regionCode, chainHasMou })) {
    throw badRequest(
      'mou_required',
      {
        id: 'Jaringan ritel mengurasi dalam program bersama pemerintah daerah: tidak ada MoU yang berlaku untuk wilayah ini pada tanggal kurasi.',
        en: 'A chain curates within a programme with the local government: no MoU is in force for this region on the curation date.',
      },
      'regionCode',
    );
  }
  const organizerId =
    input.organizerId ?? (ctx.actor.role === 'pemda' || ctx.actor.role === 'retailer' ? ctx.actor.organizationId : null) ?? chainId;
  const row = await db
    .insertInto('curation_rounds')
    .values({
      name: input.name,
      chain_id: chainId,
      organizer_id: organizerId,
      region_code: input.regionCode,
      province_code: input.regionCode.slice(0, 2),
      curation_date: input.curationDate,
      status: 'open',
      kind: input.kind ?? 'initial',
      program_id: input.programId ?? null,
      requirement_set_id: input.requirementSetId ?? null,
      created_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const view = await getRound(db, ctx, row.id);
  await audit(db, ctx, { action: 'create', entity: 'curation_round', entityId: row.id, after: view });
  return view;
}

async function openRound(db: Database, ctx: Ctx, id: string) {
  const r = await findRound(db, ctx, id);
  if (!mayManageRound(ctx.actor, r)) throw notPermitted(ROUND);
  if (r.status !== 'open') {
    throw conflict(
      'round_closed',
      { id: 'Putaran kurasi ini sudah ditutup; hasilnya tetap sebagai riwayat.', en: 'This round is closed; its results stay as history.' },
      'id',
    );
  }
  return r;
}

export async function addProducts(db: Database, ctx: Ctx, roundId: string, input: { productIds?: string[]; allInRegion?: true }) {
  const round = await openRound(db, ctx, roundId);
  if (!input.productIds && !input.allInRegion) {
    throw badRequest(
      'products_required',
      { id: 'Pilih produk atau semua produk di wilayah.', en: 'Choose products, or all products of the region.' },
      'productIds',
    );
  }
  const ids = input.productIds ? [...new Set(input.productIds)] : null;
  const { added, considered } = await store.addEntries(db, ctx.actor, round, ids);
  const evaluated = await runEvaluation(db, round, { onlyNew: true, final: false });
  const result = { added, skipped: (ids ? ids.length : considered) - added };
  await audit(db, ctx, {
    action: 'add_products',
    entity: 'curation_round',
    entityId: roundId,
    after: { ...result, evaluated, productIds: ids && ids.length <= 500 ? ids : undefined },
  });
  return result;
}

/**
 * Evaluates the entries of a round (all, one, or those never evaluated) and appends one evaluation row
 * each: load the facts in three queries, decide in memory (rules.evaluate), store in chunked inserts.
 */
export async function runEvaluation(
  db: Database,
  round: { id: string; chain_code: ChainCode | null; region_code: string; curation_date: string },
  opts: { entryId?: string; onlyNew?: boolean; final: boolean },
): Promise<number> {
  const { entries: all, permits } = await store.loadFacts(db, round.id, opts.entryId);
  let entries = all;
  if (opts.onlyNew) {
    const done = new Set(
      (await db.selectFrom('curation_evaluations').select('entry_id').where('round_id', '=', round.id).execute()).map((r) => r.entry_id),
    );
    entries = all.filter((e) => !done.has(e.id));
  }
  if (entries.length === 0) return 0;
  const sets = new Map(
    (await store.setsById(db, [...new Set(entries.map((e) => e.requirement_set_id))])).map((s) => [s.id, criteriaOf(s.criteria)]),
  );
  const relaxations = await relaxationsFor(db, {
    chainCode: round.chain_code as ChainCode,
    regionCode: round.region_code,
    date: round.curation_date,
  });
  const byProduct = new Map<string, Permit[]>();
  for (const p of permits) {
    const list = byProduct.get(p.product_id) ?? [];
    list.push({ type: p.type, number: p.number, issuedOn: p.issued_on, expiresOn: p.expires_on });
    byProduct.set(p.product_id, list);
  }
  const rows: store.EvaluationInsert[] = [];
  for (const e of entries) {
    const facts: ProductFacts = {
      productId: e.product_id,
      umkmId: e.umkm_id,
      villageCode: e.village_code,
      category: e.category,
      gtin: e.gtin,
      nib: e.nib,
      netContent: Number(e.net_content),
      supplierPrice: Number(e.supplier_price),
      retailPrice: Number(e.retail_price),
      shelfLifeDays: e.shelf_life_days,
      perishable: e.perishable,
      weeklyCapacity: e.weekly_capacity,
      permits: byProduct.get(e.product_id) ?? [],
    };
    const criteria = sets.get(e.requirement_set_id) ?? [];
    const ev = evaluate(
      criteria,
      facts,
      { attestations: e.attestations ?? {}, scores: e.scores ?? {} },
      {
        date: round.curation_date,
        relaxations,
        final: opts.final,
      },
    );
    rows.push({
      entry_id: e.id,
      round_id: round.id,
      product_id: e.product_id,
      province_code: e.province_code,
      outcome: ev.outcome,
      failed: ev.failed,
      relaxed: ev.relaxed,
      results: JSON.stringify(ev.results),
    });
  }
  await store.insertEvaluations(db, rows);
  return rows.length;
}

export async function evaluateRound(db: Database, ctx: Ctx, roundId: string) {
  const round = await openRound(db, ctx, roundId);
  const evaluated = await runEvaluation(db, round, { final: false });
  await audit(db, ctx, { action: 'evaluate', entity: 'curation_round', entityId: roundId, after: { evaluated } });
  return getRound(db, ctx, roundId);
}

/** Closes a round: a final evaluation in which what the curators did not assess counts as not met. */
export async function closeRound(db: Database, ctx: Ctx, roundId: string) {
  const round = await openRound(db, ctx, roundId);
  const evaluated = await runEvaluation(db, round, { final: true });
  await db.updateTable('curation_rounds').set({ status: 'closed', closed_at: sql`now()` }).where('id', '=', roundId).execute();
  const after = await getRound(db, ctx, roundId);
  await audit(db, ctx, {
    action: 'close',
    entity: 'curation_round',
    entityId: roundId,
    before: roundView(round, ctx.actor),
    after: { ...after, evaluated },
  });
  return after;
}

// ---- entries ----
type EntryListRow = Awaited<ReturnType<typeof store.listEntries>>['items'][number];
const entrySummary = (e: EntryListRow, labelOf: (code: string) => Bilingual) => ({
  id: e.id,
  roundId: e.round_id,
  productId: e.product_id,
  productName: e.product_name,
  category: e.category,
  umkmId: e.umkm_id,
  umkmName: e.umkm_name,
  villageCode: e.village_code,
  districtCode: e.district_code ?? e.village_code.slice(0, 8),
  districtName: e.district_name ?? '',
  outcome: e.outcome ?? null,
  failed: e.failed ?? [],
  failedLabels: (e.failed ?? []).map(labelOf),
  relaxed: e.relaxed ?? [],
  evaluatedAt: iso(e.evaluated_at ?? null),
  awaitingAssessment: Boolean(e.awaits_curator),
});

/** The labels of the criteria of the sets a round's entries were assessed against. */
async function roundLabels(db: Database, roundId: string, setIds?: string[]) {
  const ids =
    setIds ??
    (await db.selectFrom('curation_entries').select('requirement_set_id').distinct().where('round_id', '=', roundId).execute()).map(
      (r) => r.requirement_set_id,
    );
  return labelsOf(await store.setsById(db, [...new Set(ids)]));
}

export async function listEntries(db: Database, ctx: Ctx, roundId: string, f: store.EntryFilter) {
  await findRound(db, ctx, roundId);
  const page = await store.listEntries(db, ctx.actor, roundId, f);
  const labelOf = await roundLabels(
    db,
    roundId,
    page.items.map((e) => e.requirement_set_id),
  );
  return { items: page.items.map((e) => entrySummary(e, labelOf)), total: page.total };
}

export async function roundFacets(db: Database, ctx: Ctx, roundId: string) {
  await findRound(db, ctx, roundId);
  const facets = await store.roundFacets(db, ctx.actor, roundId);
  const labelOf = await roundLabels(db, roundId);
  return { districts: facets.districts, criteria: facets.criteria.map((c) => ({ ...c, label: labelOf(c.code) })) };
}

export async function listCandidates(db: Database, ctx: Ctx, roundId: string, f: { limit: number; offset: number; q?: string }) {
  const round = await findRound(db, ctx, roundId);
  if (!mayManageRound(ctx.actor, round)) throw notPermitted(ROUND);
  const page = await store.listCandidates(db, ctx.actor, round, f);
  return {
    total: page.total,
    items: page.items.map((p) => ({
      id: p.id,
      productName: p.product_name,
      umkmName: p.umkm_name,
      category: p.category,
      gtin: p.gtin,
      districtName: p.district_name,
    })),
  };
}

export async function getEntry(db: Database, ctx: Ctx, id: string) {
  const e = await store.findEntry(db, ctx.actor, id);
  if (!e) throw notFound(ENTRY, 'id');
  const [set] = await db
    .selectFrom('requirement_sets')
    .select(['id', 'version', 'name', 'criteria'])
    .where('id', '=', e.requirement_set_id)
    .execute();
  const criteria = criteriaOf(set?.criteria ?? []);
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  const labelOf = labelsOf(set ? [set] : []);
  const results = ((e.results ?? []) as CriterionResult[]).map((r) => {
    const c = byCode.get(r.code);
    return {
      code: r.code,
      label: labelOf(r.code),
      kind: c?.kind ?? ('attestation' as const),
      outcome: r.outcome,
      detail: detailOf(r.detail),
      remedy: c ? criterionRemedy(c) : { id: '', en: '' },
      relaxationId: r.relaxationId ?? null,
    };
  });
  const [history, facts, nextPendingId] = await Promise.all([
    store.entryHistory(db, id),
    store.entryProduct(db, e.product_id),
    store.nextPendingEntry(db, ctx.actor, e.round_id, id),
  ]);
  const date = e.curation_date;
  return {
    ...entrySummary(e, labelOf),
    roundName: e.round_name,
    roundStatus: e.round_status,
    chainCode: e.chain_code as ChainCode,
    curationDate: e.curation_date,
    regionCode: e.round_region_code,
    requirementSetId: e.requirement_set_id,
    requirementSetVersion: set?.version ?? 0,
    requirementSetName: set?.name ?? '',
    criteria,
    attestations: e.attestations ?? {},
    scores: e.scores ?? {},
    notes: canReadCurationNotes(ctx.actor) ? e.notes : null,
    results,
    gaps: gapList(criteria, (e.results ?? []) as CriterionResult[]),
    history: history.map((h) => ({ evaluatedAt: h.evaluated_at.toISOString(), outcome: h.outcome, failed: h.failed })),
    product: {
      gtin: facts.product.gtin,
      netContent: Number(facts.product.net_content),
      netUnit: facts.product.net_unit,
      supplierPrice: Number(facts.product.supplier_price),
      retailPrice: Number(facts.product.retail_price),
      shelfLifeDays: facts.product.shelf_life_days,
      perishable: facts.product.perishable,
      storage: facts.product.storage,
      photos: facts.photos,
    },
    permits: facts.permits.map((p) => ({
      type: p.type,
      number: p.number,
      issuedOn: p.issued_on,
      expiresOn: p.expires_on,
      validOnCurationDate: p.issued_on <= date && (p.expires_on === null || p.expires_on >= date),
    })),
    nextPendingId,
    can: {
      assess: e.round_status === 'open' && mayManageRound(ctx.actor, { chain_id: e.round_chain_id, region_code: e.round_region_code }),
    },
  };
}

export async function updateEntry(
  db: Database,
  ctx: Ctx,
  id: string,
  patch: { attestations?: Record<string, boolean>; scores?: Record<string, number>; notes?: string | null },
) {
  const before = await getEntry(db, ctx, id);
  const round = await openRound(db, ctx, before.roundId);
  const [set] = await store.setsById(db, [before.requirementSetId]);
  const criteria = criteriaOf(set?.criteria ?? []);
  const kindOf = new Map(criteria.map((c) => [c.code, c.kind]));
  for (const [field, kind] of [
    ['attestations', 'attestation'],
    ['scores', 'score'],
  ] as const) {
    for (const code of Object.keys(patch[field] ?? {})) {
      if (kindOf.get(code) !== kind) {
        throw badRequest(
          'criterion_unknown',
          {
            id: `Kriteria ${code} tidak ada dalam persyaratan ini atau jenisnya lain.`,
            en: `Criterion ${code} is not in this set or is of another kind.`,
          },
          `${field}.${code}`,
        );
      }
    }
  }
  await db
    .updateTable('curation_entries')
    .set({
      attestations: JSON.stringify({ ...before.attestations, ...(patch.attestations ?? {}) }),
      scores: JSON.stringify({ ...before.scores, ...(patch.scores ?? {}) }),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
  await runEvaluation(db, round, { entryId: id, final: false });
  const after = await getEntry(db, ctx, id);
  await audit(db, ctx, {
    action: 'assess',
    entity: 'curation_entry',
    entityId: id,
    before: { attestations: before.attestations, scores: before.scores, notes: before.notes, outcome: before.outcome },
    after: { attestations: after.attestations, scores: after.scores, notes: after.notes, outcome: after.outcome },
  });
  return after;
}

/** Gap lists: for each product the actor may see, its latest result per chain in a finished round. */
export async function listGapLists(db: Database, ctx: Ctx, f: { limit: number; offset: number; umkmId?: string; productId?: string }) {
  const base = db
    .selectFrom('curation_entries as e')
    .innerJoin('curation_rounds as r', 'r.id', 'e.round_id')
    .where('r.status', '=', 'closed')
    .where(curationOutcomeScope(ctx.actor, 'e', 'r'))
    .$if(f.umkmId !== undefined, (q) => q.where('e.umkm_id', '=', f.umkmId as string))
    .$if(f.productId !== undefined, (q) => q.where('e.product_id', '=', f.productId as string))
    .select(['e.id', 'e.product_id', 'r.chain_id'])
    .distinctOn(['e.product_id', 'r.chain_id'])
    .orderBy('e.product_id')
    .orderBy('r.chain_id')
    .orderBy('r.curation_date', 'desc')
    .orderBy('r.created_at', 'desc');
  const [total, latest] = await Promise.all([
    db.selectFrom(base.as('x')).select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom(base.as('x'))
      .innerJoin('curation_entries as e', 'e.id', 'x.id')
      .innerJoin('curation_rounds as r', 'r.id', 'e.round_id')
      .innerJoin('organizations as c', 'c.id', 'r.chain_id')
      .innerJoin('products as p', 'p.id', 'e.product_id')
      .innerJoin('organizations as u', 'u.id', 'e.umkm_id')
      .innerJoin('requirement_sets as rs', 'rs.id', 'e.requirement_set_id')
      .innerJoinLateral(
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
      .select([
        'e.id',
        'e.product_id',
        'p.name as product_name',
        'e.umkm_id',
        'u.name as umkm_name',
        'c.chain_code',
        'r.name as round_name',
        'r.curation_date',
        'ev.outcome',
        'ev.results',
        'rs.criteria',
      ])
      .orderBy('u.name')
      .orderBy('p.name')
      .orderBy('c.chain_code')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return {
    total: Number(total.n),
    items: latest.map((x) => ({
      entryId: x.id,
      productId: x.product_id,
      productName: x.product_name,
      umkmId: x.umkm_id,
      umkmName: x.umkm_name,
      chainCode: x.chain_code as ChainCode,
      roundName: x.round_name,
      curationDate: x.curation_date,
      outcome: x.outcome,
      gaps: gapList(criteriaOf(x.criteria), x.results as CriterionResult[]),
    })),
  };
}

// ---- relaxations ----
function relaxationsQuery(db: Database, ctx: Ctx) {
  return db
    .selectFrom('curation_relaxations as x')
    .innerJoin('organizations as g', 'g.id', 'x.government_id')
    .innerJoin('organizations as c', 'c.id', 'x.chain_id')
    .where(relaxationScope(ctx.actor, 'x'))
    .select([
      'x.id',
      'x.government_id',
      'g.name as government_name',
      'c.chain_code',
      'x.region_code',
      'x.criterion_codes',
      'x.valid_from',
      'x.valid_until',
      'x.note',
      'x.archived_at',
    ]);
}
type RelaxationRow = Awaited<ReturnType<ReturnType<typeof relaxationsQuery>['executeTakeFirstOrThrow']>>;
const relaxationView = (x: RelaxationRow) => ({
  id: x.id,
  governmentId: x.government_id,
  governmentName: x.government_name,
  chainCode: x.chain_code as ChainCode,
  regionCode: x.region_code,
  criterionCodes: x.criterion_codes,
  validFrom: x.valid_from,
  validUntil: x.valid_until,
  note: x.note,
  archived: x.archived_at !== null,
});

export async function listRelaxations(db: Database, ctx: Ctx, f: { limit: number; offset: number; chainCode?: ChainCode }) {
  const q = relaxationsQuery(db, ctx).$if(f.chainCode !== undefined, (q) => q.where('c.chain_code', '=', f.chainCode as ChainCode));
  const items = await q.orderBy('x.valid_from', 'desc').orderBy('x.id').limit(f.limit).offset(f.offset).execute();
  const total = await q.clearSelect().select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { items: items.map(relaxationView), total: Number(total.n) };
}

export async function createRelaxation(
  db: Database,
  ctx: Ctx,
  input: {
    governmentId?: string;
    chainCode: ChainCode;
    regionCode: string;
    criterionCodes: string[];
    validFrom: string;
    validUntil?: string | null;
    note: string;
  },
) {
  const governmentId = ctx.actor.role === 'pemda' ? ctx.actor.organizationId : input.governmentId;
  if (!governmentId)
    throw badRequest('government_required', { id: 'Pemerintah daerah wajib diisi.', en: 'The government is required.' }, 'governmentId');
  const gov = await db
    .selectFrom('organizations')
    .select(['id', 'region_code'])
    .where('id', '=', governmentId)
    .where('kind', '=', 'government')
    .executeTakeFirst();
  if (!gov?.region_code) throw notFound({ id: 'Pemerintah daerah', en: 'Government' }, 'governmentId');
  await regionName(db, input.regionCode);
  if (!regionCovers(gov.region_code, input.regionCode)) {
    throw badRequest(
      'outside_region',
      { id: 'Wilayah berada di luar wilayah pemerintah ini.', en: "The region is outside the government's region." },
      'regionCode',
    );
  }
  if (input.validUntil && input.validUntil < input.validFrom) {
    throw badRequest(
      'date_invalid',
      { id: 'Tanggal akhir sebelum tanggal mulai.', en: 'The end date is before the start date.' },
      'validUntil',
    );
  }
  const chainId = (await chainByCode(db, input.chainCode)).id;
  const row = await db
    .insertInto('curation_relaxations')
    .values({
      government_id: governmentId,
      chain_id: chainId,
      region_code: input.regionCode,
      criterion_codes: [...new Set(input.criterionCodes)],
      valid_from: input.validFrom,
      valid_until: input.validUntil ?? null,
      note: input.note,
      created_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const view = relaxationView(await relaxationsQuery(db, ctx).where('x.id', '=', row.id).executeTakeFirstOrThrow());
  await audit(db, ctx, { action: 'create', entity: 'curation_relaxation', entityId: row.id, after: view });
  return view;
}

export async function archiveRelaxation(db: Database, ctx: Ctx, id: string) {
  const before = await relaxationsQuery(db, ctx).where('x.id', '=', id).executeTakeFirst();
  if (!before) throw notFound(RELAXATION, 'id');
  if (!mayArchiveRelaxation(ctx.actor, before)) throw notPermitted(RELAXATION);
  await db
    .updateTable('curation_relaxations')
    .set({ archived_at: before.archived_at ?? ctx.now })
    .where('id', '=', id)
    .execute();
  const after = relaxationView(await relaxationsQuery(db, ctx).where('x.id', '=', id).executeTakeFirstOrThrow());
  await audit(db, ctx, { action: 'archive', entity: 'curation_relaxation', entityId: id, before: relaxationView(before), after });
  return after;
}

// ---- bottlenecks ----
export async function getBottlenecks(db: Database, ctx: Ctx, q: { regionCode: string; chainCode?: ChainCode; target: number }) {
  if (ctx.actor.role === 'retailer' && q.chainCode && q.chainCode !== ctx.actor.chainCode) throw notFound(CHAIN, 'chainCode');
  const name = await regionName(db, q.regionCode);
  const chainsWithData = await store.chainsWithClosedResults(db, ctx.actor, q.regionCode);
  // Without a chain named: a chain's staff their own; others the chain with most finished curations there.
  const chainCode: ChainCode =
    q.chainCode ??
    (ctx.actor.role === 'retailer' && ctx.actor.chainCode ? (ctx.actor.chainCode as ChainCode) : undefined) ??
    chainsWithData[0]?.chainCode ??
    'alfamart';
  const rows = await store.latestClosedResults(db, ctx.actor, { regionCode: q.regionCode, chainCode });
  const sets = await store.setsById(db, [...new Set(rows.map((r) => r.requirement_set_id))]);
  const label = labelsOf(sets);
  const fails = rows.map((r) => ({ productId: r.product_id, umkmId: r.umkm_id, failed: r.failed }));
  const codes = [...new Set(sets.flatMap((s) => criteriaOf(s.criteria).map((c) => c.code)))];
  const table = bottlenecks(fails, codes);
  const greedy = greedyRelaxations(fails, q.target);
  return {
    regionCode: q.regionCode,
    regionName: name,
    chainCode,
    chainsWithData,
    products: table.products,
    umkm: table.umkm,
    passing: table.passing,
    criteria: table.criteria.map((c) => ({ ...c, label: label(c.code) })),
    greedy: {
      method: 'greedy' as const,
      target: q.target,
      reached: greedy.reached,
      steps: greedy.steps.map((s) => ({ ...s, label: label(s.code) })),
    },
  };
}

// ---- funnel ----
async function productStages(db: Database, ctx: Ctx, f: { regionCode?: string; productId?: string }) {
  const products = await store.funnelProducts(db, ctx.actor, f);
  // Latest finished result per product and chain, from the rounds the actor may see (a chain: its own):
  // a product passed if one chain's latest curation passed it.
  const latest = await store.latestOutcomes(db, ctx.actor, f);
  const outcome = new Map<string, ProductOutcome>();
  for (const l of latest) if (outcome.get(l.product_id) !== 'lolos') outcome.set(l.product_id, l.outcome);
  const enrolments = await db
    .selectFrom('mentoring_enrolments')
    .select(['umkm_id', 'status'])
    .where('status', 'in', ['enrolled', 'completed'])
    .where(
      'umkm_id',
      'in',
      [...new Set(products.map((p) => p.umkm_id))].length
        ? [...new Set(products.map((p) => p.umkm_id))]
        : ['00000000-0000-0000-0000-000000000000'],
    )
    .execute();
  const mentoringNow = new Set(enrolments.filter((e) => e.status === 'enrolled').map((e) => e.umkm_id));
  const mentoredEver = new Set(enrolments.map((e) => e.umkm_id));
  const shelf = await store.shelfFacts(
    db,
    ctx.actor,
    products.map((p) => p.id),
    localDate(ctx.actor.regionCode ?? '31', ctx.now),
  );
  return products.map((p) => ({
    ...p,
    stage: funnelStage({ latestOutcome: outcome.get(p.id) ?? null, inMentoring: mentoringNow.has(p.umkm_id), ...shelf.get(p.id) }),
    mentored: mentoredEver.has(p.umkm_id),
    // what curation itself says, whatever the shelf facts (a PKS made without a curation in Etalase)
    curated: outcome.has(p.id),
    passedCuration: outcome.get(p.id) === 'lolos',
  }));
}

export async function getFunnel(db: Database, ctx: Ctx, q: { regionCode?: string }) {
  if (q.regionCode) await regionName(db, q.regionCode);
  const items = await productStages(db, ctx, q);
  const count = (stage: FunnelStage) => items.filter((i) => i.stage === stage).length;
  const atLeast = (stage: FunnelStage) => items.filter((i) => stageReached(i.stage, stage)).length;
  const reached: Record<FunnelStage, number> = {
    terdaftar: items.length,
    // the curation stages are reached by curation facts only: a PKS signed outside Etalase's rounds is no curation
    dikurasi: items.filter((i) => i.curated).length,
    pendampingan: items.filter((i) => i.mentored && i.curated).length,
    lolos_kurasi: items.filter((i) => i.passedCuration).length,
    pks_aktif: atLeast('pks_aktif'),
    uji_pasar: atLeast('uji_pasar'),
    terpajang: atLeast('terpajang'),
    ekspansi: atLeast('ekspansi'),
  };
  const byRegency = new Map<string, Record<string, number>>();
  for (const i of items) {
    const regency = i.district_code.slice(0, 5);
    const c = byRegency.get(regency) ?? Object.fromEntries(FUNNEL_STAGES.map((s) => [s, 0]));
    c[i.stage] = (c[i.stage] ?? 0) + 1;
    byRegency.set(regency, c);
  }
  const names = byRegency.size
    ? new Map(
        (
          await db
            .selectFrom('regions')
            .select(['code', 'name'])
            .where('code', 'in', [...byRegency.keys()])
            .execute()
        ).map((r) => [r.code, r.name]),
      )
    : new Map<string, string>();
  return {
    regionCode: q.regionCode ?? null,
    stages: FUNNEL_STAGES.map((s) => ({ stage: s, label: FUNNEL_LABELS[s], products: count(s), reached: reached[s] })),
    total: items.length,
    byRegion: [...byRegency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, counts]) => ({
        regionCode: code,
        regionName: names.get(code) ?? code,
        counts,
        total: Object.values(counts).reduce((s, x) => s + x, 0),
      })),
  };
}

export async function getProductStatus(db: Database, ctx: Ctx, productId: string) {
  const [p] = await productStages(db, ctx, { productId });
  if (!p) throw notFound(PRODUCT, 'id');
  const history = await store.productHistory(db, ctx.actor, productId);
  return {
    productId,
    stage: p.stage,
    label: FUNNEL_LABELS[p.stage],
    history: history.map((h) => ({
      entryId: h.id,
      roundName: h.name,
      chainCode: h.chain_code as string,
      curationDate: h.curation_date,
      kind: h.kind,
      outcome: h.outcome ?? 'menunggu',
      failed: h.failed ?? [],
    })),
  };
}
