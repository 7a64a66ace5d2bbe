// Placement planning use cases (C5): request a plan for a chain's outlets in a region (built from the
// database, solved exactly by solvePlacement), read it with its diff against the current placements,
// approve all or part of it (placements with a start date), list placements and lock/unlock them.
// Small plans are solved inside the request; bigger ones by the jobs runner after the request commits,
// updating progress in their own short transactions (docs/PLACEMENT.md, "In the product").
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { ChainCode } from '../../db/types.ts';
import type { JobContext } from '../../jobs/jobs.ts';
import { enqueueJob, registerJobHandler } from '../../jobs/jobs.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor, Ctx } from '../../platform/auth/actor.ts';
import { chainActedFor, mayActInRegion, mayApprovePlan, mayLockPlacement } from '../../platform/auth/policy.ts';
import { localDate } from '../../platform/clock.ts';
import { badRequest, conflict, notFound, notPermitted } from '../../platform/errors.ts';
import { formatDate } from '../../platform/format.ts';
import { eligibleProducts } from '../agreements/agreements.queries.ts';
import { chainByCode } from '../registry/registry.service.ts';
import { buildPlanInstance, PLAN_DEFAULTS, type PlanFacts, planItems } from './placement.plans.ts';
import { solvePlacement } from './placement.rules.ts';
import * as store from './placement.store.ts';
import type { PlacementInstance, PlacementResult } from './placement.types.ts';
import { solveOnWorker } from './placement.worker.ts';

const PLAN = { id: 'Rencana penempatan', en: 'Placement plan' };
const PLACEMENT = { id: 'Penempatan', en: 'Placement' };
const REGION = { id: 'Wilayah', en: 'Region' };
const CHAIN = { id: 'Jaringan ritel', en: 'Retail chain' };

export const PLAN_JOB = 'placement.plan';

/** Plans with at most this many outlets + products are solved inside the request (a regency: ~100 ms);
 *  larger ones (a province and up) go to the jobs runner so the UI can show progress. */
export const SYNC_PLAN_LIMIT = 3000;

/** "Today" in a region's own zone (WIB/WITA/WIT), by the request's clock. */
const todayIn = (ctx: Ctx, regionCode: string) => localDate(regionCode, ctx.now);

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

// ---- building a plan ----

export interface PlanKey {
  chainId: string;
  chainCode: ChainCode;
  branchId: string | null;
  regionCode: string;
  date: string;
}

/** Everything a plan is built from, read for the plan's chain, branch, region and date. */
export async function loadPlanFacts(db: Database, k: PlanKey) {
  const outlets = await store.planOutlets(db, k);
  const eligible = await eligibleProducts(db, { chainCode: k.chainCode, regionCode: k.regionCode, date: k.date, branchId: k.branchId });
  const { products, umkm } = await store.planProducts(
    db,
    eligible.map((e) => e.productId),
  );
  const zoneOf = new Map(eligible.map((e) => [e.productId, e.deliveryDistrictCodes]));
  const current = await store.currentPlacementsAt(
    db,
    outlets.map((o) => o.id),
    k.date,
  );
  // A locked placement's UMKM must be in the facts even when its PKS is no longer eligible: it still uses
  // that business's capacity.
  const facts: PlanFacts = {
    chainCode: k.chainCode,
    outlets,
    umkm,
    products: products.map((p) => ({ ...p, deliveryDistricts: zoneOf.get(p.id) ?? [] })),
    current,
    firstPlacementBonus: PLAN_DEFAULTS.firstPlacementBonus,
  };
  return facts;
}

/** The solver instance of a plan key: exactly what the plan solves (tests compare with solvePlacement). */
export async function planInstance(db: Database, k: PlanKey): Promise<PlacementInstance> {
  return buildPlanInstance(await loadPlanFacts(db, k));
}

/** Small plans are solved at once, inside the request; queued (large) plans on a worker thread. */
function solveFacts(planId: string, facts: PlanFacts) {
  const inst = buildPlanInstance(facts);
  return planOutcome(planId, facts, inst, solvePlacement(inst));
}

async function solveFactsOnWorker(planId: string, facts: PlanFacts) {
  const inst = buildPlanInstance(facts);
  return planOutcome(planId, facts, inst, await solveOnWorker(inst));
}

function planOutcome(planId: string, facts: PlanFacts, inst: PlacementInstance, result: PlacementResult) {
  const items = planItems(facts, inst, result.placements).map((i) => ({
    plan_id: planId,
    product_id: i.productId,
    outlet_id: i.outletId,
    umkm_id: i.umkmId,
    change: i.change,
    locked: i.locked,
    placement_id: i.placementId,
    distance_km: round(i.distanceKm, 3),
    expected_units: round(i.expectedUnits, 2),
  }));
  const s = result.stats;
  const stats = {
    outlets: s.outlets,
    umkm: s.umkm,
    products: s.products,
    pairs: s.pairs,
    components: s.components,
    placements: s.placements,
    placedUmkm: s.placedUmkm,
    lockedKept: facts.current.filter((c) => c.locked).length,
    slots: inst.outlets.reduce((a, o) => a + o.slots, 0),
    solveMs: Math.round(s.totalMs),
  };
  return { objective: result.objective, stats, items };
}

const keyOf = (p: store.PlanRow): PlanKey => ({
  chainId: p.chain_id,
  chainCode: p.chain_code,
  branchId: p.branch_id,
  regionCode: p.region_code,
  date: p.plan_date,
});

/** The job: read the facts (one short transaction), solve (no transaction held), write (one transaction). */
async function runPlanJob(job: JobContext) {
  const planId = String(job.payload.planId);
  const db = job.db;
  const plan = await store.findPlanUnscoped(db, planId);
  if (!plan) return;
  const step = async (progress: number) => {
    await store.setPlanProgress(db, planId, 'running', progress);
    await job.progress(progress);
  };
  try {
    await step(10);
    const facts = await db.transaction().execute((trx) => loadPlanFacts(trx, keyOf(plan)));
    await step(40);
    const solved = await solveFactsOnWorker(planId, facts);
    await step(80);
    await db.transaction().execute(async (trx) => {
      await store.finishPlan(trx, planId, solved);
    });
  } catch (e) {
    await store.setPlanProgress(db, planId, 'failed', 100, e instanceof Error ? e.message : String(e));
    throw e;
  }
}
registerJobHandler(PLAN_JOB, runPlanJob);

// ---- views ----

type PlanRow = store.PlanRow;
const planView = (p: PlanRow, actor: Actor) => ({
  id: p.id,
  chainCode: p.chain_code,
  chainName: p.chain_name,
  regionCode: p.region_code,
  regionName: p.region_name,
  date: p.plan_date,
  status: p.status,
  progress: p.progress,
  objective: p.objective,
  stats: (p.stats ?? null) as Record<string, number> | null,
  params: p.params as Record<string, number>,
  error: p.error,
  counts: {
    new: Number(p.new_count ?? 0),
    kept: Number(p.kept_count ?? 0),
    dropped: Number(p.dropped_count ?? 0),
    approved: Number(p.approved_count ?? 0),
  },
  createdAt: p.created_at.toISOString(),
  finishedAt: p.finished_at ? p.finished_at.toISOString() : null,
  /** What this actor may do with it (the web shows these buttons and no others). */
  can: { approve: (p.status === 'done' || p.status === 'partly_approved') && mayApprovePlan(actor, p) },
});
export type PlanView = ReturnType<typeof planView>;

export async function getPlan(db: Database, ctx: Ctx, id: string) {
  const p = await store.findPlan(db, ctx.actor, id);
  if (!p) throw notFound(PLAN, 'id');
  const plan = planView(p, ctx.actor);
  if (p.status === 'queued' || p.status === 'running' || p.status === 'failed') {
    return { ...plan, items: [], outlets: [], umkm: [] };
  }
  const items = await store.planItemsOf(db, id);
  const outletRows = await store.planOutlets(db, keyOf(p));
  const n = await store.names(db, {
    products: [...new Set(items.map((i) => i.product_id))],
    umkm: [...new Set(items.map((i) => i.umkm_id))],
    outlets: [...new Set(items.map((i) => i.outlet_id).filter((o) => !outletRows.some((r) => r.id === o)))],
  });
  const product = new Map(n.products.map((x) => [x.id, x]));
  const umkm = new Map(n.umkm.map((x) => [x.id, x]));
  const outlets = [
    ...outletRows.map((o) => ({
      id: o.id,
      storeCode: o.storeCode,
      name: o.name,
      lat: o.lat,
      lon: o.lon,
      slots: o.localSlots,
      acceptsPerishable: o.acceptsPerishable,
    })),
    ...n.outlets.map((o) => ({
      id: o.id,
      storeCode: o.store_code,
      name: o.name,
      lat: Number(o.lat),
      lon: Number(o.lon),
      slots: o.local_slots,
      acceptsPerishable: o.accepts_perishable,
    })),
  ];
  return {
    ...plan,
    items: items.map((i) => ({
      id: i.id,
      productId: i.product_id,
      productName: product.get(i.product_id)?.name ?? '',
      perishable: product.get(i.product_id)?.perishable ?? false,
      umkmId: i.umkm_id,
      umkmName: umkm.get(i.umkm_id)?.name ?? '',
      outletId: i.outlet_id,
      change: i.change,
      locked: i.locked,
      distanceKm: i.distance_km,
      expectedUnits: i.expected_units,
      approved: i.approved_at !== null,
    })),
    outlets,
    umkm: n.umkm.map((u) => ({ id: u.id, name: u.name, lat: Number(u.lat), lon: Number(u.lon) })),
  };
}

export async function listPlans(db: Database, ctx: Ctx, q: { regionCode?: string; limit: number; offset: number }) {
  const r = await store.listPlans(db, ctx.actor, q);
  return { items: r.items.map((p) => planView(p, ctx.actor)), total: r.total };
}

// ---- requesting a plan ----

export async function requestPlan(db: Database, ctx: Ctx, input: { regionCode: string; chainCode?: ChainCode; date?: string }) {
  const actor = ctx.actor;
  const region = await store.findRegion(db, input.regionCode);
  if (!region) throw notFound(REGION, 'regionCode');
  if (actor.role === 'pemda') {
    if (!mayActInRegion(actor, region.code)) {
      throw badRequest(
        'outside_region',
        { id: 'Wilayah berada di luar wilayah kewenangan Anda.', en: 'The region is outside your region.' },
        'regionCode',
      );
    }
  }
  // A chain plans its own outlets only: naming another chain finds nothing.
  const acted = chainActedFor(actor, input.chainCode);
  if (acted === 'foreign') throw notFound(CHAIN, 'chainCode');
  if (acted === 'missing') throw badRequest('chain_required', { id: 'Pilih jaringan ritel.', en: 'Choose a retail chain.' }, 'chainCode');
  const chainCode = acted.chainCode;
  const chain = await chainByCode(db, chainCode);
  const date = input.date ?? todayIn(ctx, region.code);
  const branchId = actor.role === 'retailer' ? actor.branchId : null;
  const key: PlanKey = { chainId: chain.id, chainCode, branchId, regionCode: region.code, date };

  const facts = await loadPlanFacts(db, key);
  const size = facts.outlets.length + facts.products.length;
  const params = {
    ...PLAN_DEFAULTS,
    syncLimit: SYNC_PLAN_LIMIT,
  };
  const { id } = await store.insertPlan(db, {
    chain_id: chain.id,
    chain_code: chainCode,
    branch_id: branchId,
    region_code: region.code,
    province_code: region.province_code,
    plan_date: date,
    params: JSON.stringify(params),
    created_by: actor.userId,
  });
  let jobId: string | null = null;
  if (size <= SYNC_PLAN_LIMIT) {
    await store.setPlanProgress(db, id, 'running', 50);
    await store.finishPlan(db, id, solveFacts(id, facts));
  } else {
    jobId = await enqueueJob(db, PLAN_JOB, { planId: id });
    await db.updateTable('placement_plans').set({ job_id: jobId }).where('id', '=', id).execute();
  }
  const p = await store.findPlan(db, actor, id);
  if (!p) throw notFound(PLAN, 'id');
  const view = planView(p, ctx.actor);
  await audit(db, ctx, {
    action: 'create',
    entity: 'placement_plan',
    entityId: id,
    after: { ...view, instance: { outlets: facts.outlets.length, products: facts.products.length, umkm: facts.umkm.length } },
  });
  return { plan: view, queued: jobId !== null };
}

// ---- approving ----

export async function approvePlan(db: Database, ctx: Ctx, id: string, input: { startsOn: string; itemIds?: string[] }) {
  const p = await store.findPlan(db, ctx.actor, id);
  if (!p) throw notFound(PLAN, 'id');
  if (!mayApprovePlan(ctx.actor, p)) throw notPermitted(PLAN);
  if (p.status !== 'done' && p.status !== 'partly_approved') {
    throw conflict(
      'plan_not_ready',
      p.status === 'approved'
        ? { id: 'Rencana ini sudah disetujui seluruhnya.', en: 'This plan is already fully approved.' }
        : { id: 'Rencana ini belum selesai dihitung.', en: 'This plan has not finished computing.' },
      'id',
    );
  }
  const today = todayIn(ctx, p.region_code);
  if (input.startsOn < today) {
    throw badRequest(
      'starts_in_past',
      {
        id: `Tanggal mulai harus hari ini (${formatDate(today, 'id')}) atau sesudahnya.`,
        en: `The start date must be today (${formatDate(today, 'en')}) or later.`,
      },
      'startsOn',
    );
  }
  const items = await store.planItemsOf(db, id);
  const open = items.filter((i) => i.approved_at === null);
  let chosen = open;
  if (input.itemIds) {
    const wanted = new Set(input.itemIds);
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const w of wanted) {
      if (!byId.has(w)) throw notFound({ id: 'Butir rencana', en: 'Plan item' }, 'itemIds');
    }
    chosen = open.filter((i) => wanted.has(i.id));
  }
  if (chosen.length === 0) {
    throw badRequest('nothing_to_approve', { id: 'Tidak ada butir yang dipilih.', en: 'No item selected.' }, 'itemIds');
  }

  // A new placement needs a PKS in force on its first day, not only on the plan date.
  const news = chosen.filter((i) => i.change === 'new');
  if (news.length) {
    const eligible = new Set(
      (await eligibleProducts(db, { chainCode: p.chain_code, regionCode: p.region_code, date: input.startsOn, branchId: p.branch_id })).map(
        (e) => e.productId,
      ),
    );
    const lapsed = news.find((i) => !eligible.has(i.product_id));
    if (lapsed) {
      throw conflict(
        'pks_not_in_force',
        {
          id: `Tidak ada PKS yang berlaku pada ${input.startsOn} untuk salah satu produk yang dipilih.`,
          en: `No PKS is in force on ${input.startsOn} for one of the selected products.`,
        },
        'startsOn',
      );
    }
  }

  const outletInfo = new Map((await store.planOutlets(db, keyOf(p))).map((o) => [o.id, o]));
  const created: string[] = [];
  const ended: string[] = [];
  for (const i of news) {
    if (await store.openPlacement(db, i.product_id, i.outlet_id)) continue; // already on the shelf
    const o = outletInfo.get(i.outlet_id);
    if (!o) throw conflict('outlet_gone', { id: 'Gerai sudah tidak aktif.', en: 'The outlet is no longer active.' }, 'itemIds');
    const row = await db
      .insertInto('placements')
      .values({
        product_id: i.product_id,
        outlet_id: i.outlet_id,
        chain_id: p.chain_id,
        umkm_id: i.umkm_id,
        district_code: o.districtCode,
        province_code: o.districtCode.slice(0, 2),
        starts_on: input.startsOn,
        plan_id: id,
        approved_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    created.push(row.id);
    await audit(db, ctx, { action: 'create', entity: 'placement', entityId: row.id, after: row });
  }
  for (const i of chosen.filter((x) => x.change === 'dropped' && x.placement_id)) {
    const before = await store.placementById(db, i.placement_id as string);
    if (!before || before.locked || (before.ends_on !== null && before.ends_on <= input.startsOn)) continue;
    const endsOn = before.starts_on > input.startsOn ? before.starts_on : input.startsOn;
    const after = await db
      .updateTable('placements')
      .set({ ends_on: endsOn, updated_at: sql`now()` })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    ended.push(after.id);
    await audit(db, ctx, { action: 'end', entity: 'placement', entityId: after.id, before, after });
  }

  // Approving part of a plan may add products without removing the ones they were to replace: an outlet
  // never holds more local products than its slots.
  const touched = [...new Set(news.map((i) => i.outlet_id))];
  const full = (await store.occupancyFrom(db, touched, input.startsOn)).find((r) => Number(r.n) > r.local_slots);
  if (full) {
    throw conflict(
      'outlet_full',
      {
        id: `Gerai ${full.store_code} akan memuat ${full.n} produk lokal, melebihi ${full.local_slots} slot. Setujui juga produk yang dikeluarkan dari gerai ini.`,
        en: `Outlet ${full.store_code} would hold ${full.n} local products, more than its ${full.local_slots} slots. Also approve the products dropped from it.`,
      },
      'itemIds',
    );
  }

  await store.markItemsApproved(
    db,
    chosen.map((i) => i.id),
  );
  const remaining = open.length - chosen.length;
  await store.setPlanStatus(db, id, remaining === 0 ? 'approved' : 'partly_approved');
  const after = await store.findPlan(db, ctx.actor, id);
  if (!after) throw notFound(PLAN, 'id');
  const view = planView(after, ctx.actor);
  await audit(db, ctx, {
    action: 'approve',
    entity: 'placement_plan',
    entityId: id,
    before: planView(p, ctx.actor),
    after: { ...view, startsOn: input.startsOn, items: chosen.length, created: created.length, ended: ended.length },
  });
  return { plan: view, created: created.length, ended: ended.length };
}

// ---- placements ----

type PlacementRow = store.PlacementRow;
const placementView = (r: PlacementRow, actor: Actor) => ({
  id: r.id,
  productId: r.product_id,
  productName: r.product_name,
  umkmId: r.umkm_id,
  umkmName: r.umkm_name,
  outletId: r.outlet_id,
  outletName: r.outlet_name,
  storeCode: r.store_code,
  districtCode: r.district_code,
  chainCode: r.chain_code as ChainCode,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  locked: r.locked,
  planId: r.plan_id,
  can: { lock: r.ends_on === null && mayLockPlacement(actor, r) },
});

export async function listPlacements(db: Database, ctx: Ctx, f: store.PlacementFilter) {
  const today = todayIn(ctx, f.regionCode ?? ctx.actor.regionCode ?? '31');
  const r = await store.listPlacements(db, ctx.actor, { ...f, today });
  return { items: r.items.map((x) => placementView(x, ctx.actor)), total: r.total };
}

export async function setPlacementLock(db: Database, ctx: Ctx, id: string, locked: boolean) {
  const before = await store.findPlacement(db, ctx.actor, id);
  if (!before) throw notFound(PLACEMENT, 'id');
  if (!mayLockPlacement(ctx.actor, before)) throw notPermitted(PLACEMENT);
  if (before.ends_on !== null) {
    throw conflict(
      'placement_ended',
      { id: 'Penempatan yang sudah berakhir tidak dapat dikunci.', en: 'An ended placement cannot be locked.' },
      'id',
    );
  }
  if (before.locked !== locked) {
    await db.updateTable('placements').set({ locked, updated_at: sql`now()` }).where('id', '=', id).execute();
  }
  const after = await store.findPlacement(db, ctx.actor, id);
  if (!after) throw notFound(PLACEMENT, 'id');
  await audit(db, ctx, {
    action: locked ? 'lock' : 'unlock',
    entity: 'placement',
    entityId: id,
    before: placementView(before, ctx.actor),
    after: placementView(after, ctx.actor),
  });
  return placementView(after, ctx.actor);
}
