// Use cases of expansion (ekspansi, C6): the ranked candidates for a product that passed its market test,
// a proposal for one regency's outlets, its acceptance by the chain (the branch that runs those outlets) and,
// across a province border, by that region's Dinas — then the regular placements — or its refusal.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import {
  expansionScope,
  mayAcceptExpansionForChain,
  mayAcceptExpansionForGovernment,
  mayProposeExpansion,
} from '../../platform/auth/policy.ts';
import { localDate } from '../../platform/clock.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { formatDate } from '../../platform/format.ts';
import { label } from '../../vocabulary.ts';
import { notify } from '../notifications/notifications.service.ts';
import { haversineKm } from '../placement/placement.pairs.ts';
import { supplyRadiusKm } from '../placement/placement.plans.ts';
import { regencyOf } from '../regions/regions.rules.ts';
import { expansionCandidates, needsGovernment } from './expansion.rules.ts';
import { standingOf } from './markettests.service.ts';
import * as store from './markettests.store.ts';

const TEST = { id: 'Uji pasar', en: 'Market test' };
const PROPOSAL = { id: 'Usulan ekspansi', en: 'Expansion proposal' };

/** The rate a test measured, without its campaign weeks (a campaign does not carry a product elsewhere). */
async function measuredRate(db: Database, ctx: Ctx, t: store.TestRow) {
  const s = await standingOf(db, ctx, t);
  const c = s.criteria.find((x) => x.code === 'units_per_store_week');
  return c?.valueWithoutCampaign ?? c?.value ?? 0;
}

async function candidatesFor(db: Database, ctx: Ctx, t: store.TestRow) {
  const maker = await db
    .selectFrom('umkm_profiles as up')
    .innerJoin('products as p', 'p.umkm_id', 'up.organization_id')
    .where('p.id', '=', t.product_id)
    .select(['up.lat', 'up.lon', 'up.weekly_capacity', 'up.province_code', 'p.perishable'])
    .executeTakeFirstOrThrow();
  const today = localDate(t.umkm_district_code, ctx.now);
  const rate = await measuredRate(db, ctx, t);
  const outlets = (await store.chainOutlets(db, { chainId: t.chain_id, branchId: null, productId: t.product_id, on: today })).filter(
    (o) => !o.carries && (!maker.perishable || o.accepts_perishable),
  );
  const proposed = new Set(
    (
      await db
        .selectFrom('expansion_proposal_outlets as epo')
        .innerJoin('expansion_proposals as ep', 'ep.id', 'epo.proposal_id')
        .where('ep.test_id', '=', t.id)
        .where('ep.status', '=', 'proposed')
        .select('epo.outlet_id')
        .execute()
    ).map((r) => r.outlet_id),
  );
  const current = await sql<{ n: string }>`SELECT count(*) AS n FROM placements WHERE product_id = ${t.product_id}
    AND starts_on <= ${today}::date AND (ends_on IS NULL OR ends_on > ${today}::date)`.execute(db);
  const testRegencies = new Set(
    (await db.selectFrom('market_test_outlets').where('test_id', '=', t.id).select('district_code').execute()).map((r) =>
      regencyOf(r.district_code),
    ),
  );
  const byId = new Map(outlets.map((o) => [o.id, o]));
  const result = expansionCandidates({
    rate,
    weeklyCapacity: maker.weekly_capacity,
    currentOutlets: Number(current.rows[0]?.n ?? 0),
    makerProvince: maker.province_code,
    testRegencies,
    radiusKm: supplyRadiusKm(maker.perishable),
    outlets: outlets
      .filter((o) => !proposed.has(o.id))
      .map((o) => ({
        id: o.id,
        districtCode: o.district_code,
        branchId: o.branch_id,
        distanceKm: haversineKm(maker.lat, maker.lon, o.lat, o.lon),
        freeSlots: Math.max(0, o.local_slots - Number(o.occupied)),
      })),
  });
  return {
    ...result,
    rate,
    today,
    byId,
    maker,
    distance: (o: { lat: number; lon: number }) => haversineKm(maker.lat, maker.lon, o.lat, o.lon),
  };
}

async function regionNames(db: Database, codes: string[]) {
  if (!codes.length) return new Map<string, string>();
  const rows = await db.selectFrom('regions').where('code', 'in', codes).select(['code', 'name']).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function expansionOptions(db: Database, ctx: Ctx, testId: string) {
  const t = await store.findTest(db, ctx.actor, testId);
  if (!t) throw notFound(TEST, 'id');
  if (t.status !== 'passed') return { rate: 0, spare: 0, unreachable: 0, groups: [], canPropose: false };
  const c = await candidatesFor(db, ctx, t);
  const names = await regionNames(
    db,
    c.groups.map((g) => g.regionCode),
  );
  return {
    rate: c.rate,
    spare: c.spare,
    unreachable: c.unreachable,
    canPropose: mayProposeExpansion(ctx.actor, t),
    groups: c.groups.slice(0, 12).map((g) => ({
      regionCode: g.regionCode,
      regionName: names.get(g.regionCode) ?? g.regionCode,
      tier: g.tier,
      tierLabel: label('expansionTier', g.tier),
      route: g.route,
      routeLabel: label('expansionRoute', g.route),
      outlets: g.outletIds.length,
      withinCapacity: g.withinCapacity,
      nearestKm: g.nearestKm,
      expectedWeeklyUnits: g.expectedWeeklyUnits,
      reason: g.reason,
      crossProvince: g.tier === 'other_province',
    })),
  };
}

const proposalQuery = (db: Database, ctx: Ctx) =>
  db
    .selectFrom('expansion_proposals as ep')
    .innerJoin('products as p', 'p.id', 'ep.product_id')
    .innerJoin('organizations as u', 'u.id', 'ep.umkm_id')
    .innerJoin('organizations as c', 'c.id', 'ep.chain_id')
    .innerJoin('regions as r', 'r.code', 'ep.target_region_code')
    .leftJoin('organizations as g', 'g.id', 'ep.target_government_id')
    .leftJoin('organizations as b', 'b.id', 'ep.target_branch_id')
    .where(expansionScope(ctx.actor, 'ep'))
    .select([
      'ep.id',
      'ep.test_id',
      'ep.chain_id',
      'ep.product_id',
      'p.name as product_name',
      'ep.umkm_id',
      'u.name as umkm_name',
      'c.name as chain_name',
      'ep.target_region_code',
      'r.name as target_region_name',
      'ep.target_branch_id',
      'b.name as target_branch_name',
      'ep.target_government_id',
      'g.name as target_government_name',
      'ep.route',
      'ep.expected_weekly_units',
      'ep.starts_on',
      'ep.status',
      'ep.chain_accepted_at',
      'ep.government_accepted_at',
      'ep.decline_note',
      'ep.province_code',
      'ep.umkm_district_code',
      sql<string>`(SELECT count(*) FROM expansion_proposal_outlets epo WHERE epo.proposal_id = ep.id)`.as('outlets'),
    ]);

type ProposalRow = Awaited<ReturnType<ReturnType<typeof proposalQuery>['executeTakeFirstOrThrow']>>;

function proposalView(ctx: Ctx, r: ProposalRow) {
  const open = r.status === 'proposed';
  return {
    id: r.id,
    testId: r.test_id,
    productId: r.product_id,
    productName: r.product_name,
    umkmName: r.umkm_name,
    chainName: r.chain_name,
    targetRegionCode: r.target_region_code,
    targetRegionName: r.target_region_name,
    targetBranchName: r.target_branch_name,
    targetGovernmentName: r.target_government_name,
    route: r.route,
    routeLabel: label('expansionRoute', r.route),
    crossProvince: r.target_government_id !== null,
    expectedWeeklyUnits: r.expected_weekly_units,
    startsOn: r.starts_on,
    status: r.status,
    statusLabel: label('expansionStatus', r.status),
    chainAccepted: r.chain_accepted_at !== null,
    governmentAccepted: r.government_accepted_at !== null,
    declineNote: r.decline_note,
    outlets: Number(r.outlets),
    can: {
      acceptForChain: open && r.chain_accepted_at === null && mayAcceptExpansionForChain(ctx.actor, r),
      acceptForGovernment: open && r.government_accepted_at === null && mayAcceptExpansionForGovernment(ctx.actor, r),
      decline: open && (mayAcceptExpansionForChain(ctx.actor, r) || mayAcceptExpansionForGovernment(ctx.actor, r)),
    },
  };
}

export async function listProposals(db: Database, ctx: Ctx, q: { testId?: string; limit: number; offset: number }) {
  let base = proposalQuery(db, ctx);
  if (q.testId) base = base.where('ep.test_id', '=', q.testId);
  const rows = await base
    .orderBy(sql`(ep.status = 'proposed')`, 'desc')
    .orderBy('ep.created_at', 'desc')
    .orderBy('ep.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const total = await db
    .selectFrom('expansion_proposals as ep')
    .where(expansionScope(ctx.actor, 'ep'))
    .$if(!!q.testId, (b) => b.where('ep.test_id', '=', q.testId as string))
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return { items: rows.map((r) => proposalView(ctx, r)), total: Number(total.n) };
}

export async function getProposal(db: Database, ctx: Ctx, id: string) {
  const r = await proposalQuery(db, ctx).where('ep.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(PROPOSAL, 'id');
  const outlets = await db
    .selectFrom('expansion_proposal_outlets as epo')
    .innerJoin('outlets as o', 'o.id', 'epo.outlet_id')
    .leftJoin('regions as d', 'd.code', 'o.district_code')
    .where('epo.proposal_id', '=', id)
    .select(['o.id', 'o.store_code', 'o.name', 'd.name as district_name', 'epo.distance_km', 'epo.placement_id'])
    .orderBy('epo.distance_km')
    .orderBy('o.store_code')
    .execute();
  return {
    ...proposalView(ctx, r),
    outletRows: outlets.map((o) => ({
      outletId: o.id,
      storeCode: o.store_code,
      outletName: o.name,
      districtName: o.district_name ?? '',
      distanceKm: Math.round(o.distance_km * 10) / 10,
      placed: o.placement_id !== null,
    })),
  };
}

/** The Dinas of a regency (else of its province) that must accept an expansion into it. */
async function governmentOf(db: Database, regionCode: string) {
  const rows = await db
    .selectFrom('organizations')
    .where('kind', '=', 'government')
    .where('archived_at', 'is', null)
    .where('region_code', 'in', [regionCode, regionCode.split('.')[0] as string])
    .select(['id', 'region_code'])
    .execute();
  return rows.find((r) => r.region_code === regionCode) ?? rows[0] ?? null;
}

export async function propose(db: Database, ctx: Ctx, testId: string, input: { regionCode: string; startsOn: string }) {
  await store.lockTest(db, testId);
  const t = await store.findTest(db, ctx.actor, testId);
  if (!t || !mayProposeExpansion(ctx.actor, t)) throw notFound(TEST, 'id');
  const c = await candidatesFor(db, ctx, t);
  if (input.startsOn < c.today) {
    throw badRequest(
      'starts_in_past',
      {
        id: `Tanggal mulai paling awal hari ini (${formatDate(c.today, 'id')}).`,
        en: `The start date is today (${formatDate(c.today, 'en')}) at the earliest.`,
      },
      'startsOn',
    );
  }
  const group = c.groups.find((g) => g.regionCode === input.regionCode && g.withinCapacity > 0);
  if (!group) {
    const any = c.groups.some((g) => g.regionCode === input.regionCode);
    throw conflict(
      any ? 'over_capacity' : 'no_candidates',
      any
        ? {
            id: 'Kapasitas produksi mingguan UMKM tidak cukup untuk gerai di wilayah ini pada laju penjualan hasil uji.',
            en: 'The maker’s weekly capacity does not cover outlets in this region at the rate the test measured.',
          }
        : {
            id: 'Tidak ada gerai jaringan ini di wilayah tersebut yang dapat menerima produk ini.',
            en: 'No outlet of this chain in that region can take this product.',
          },
      'regionCode',
    );
  }
  const chosen = group.outletIds.slice(0, group.withinCapacity).map((id) => c.byId.get(id)!);
  const gov = needsGovernment(c.maker.province_code, group.regionCode) ? await governmentOf(db, group.regionCode) : null;
  const row = await db
    .insertInto('expansion_proposals')
    .values({
      test_id: t.id,
      chain_id: t.chain_id,
      product_id: t.product_id,
      umkm_id: t.umkm_id,
      umkm_district_code: t.umkm_district_code,
      province_code: c.maker.province_code,
      target_region_code: group.regionCode,
      target_province_code: group.regionCode.split('.')[0] as string,
      target_branch_id: group.branchId,
      target_government_id: gov?.id ?? null,
      route: group.route,
      expected_weekly_units: group.expectedWeeklyUnits,
      starts_on: input.startsOn,
      created_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('expansion_proposal_outlets')
    .values(chosen.map((o) => ({ proposal_id: row.id, outlet_id: o.id, district_code: o.district_code, distance_km: c.distance(o) })))
    .execute();
  await audit(db, ctx, { action: 'create', entity: 'expansion_proposal', entityId: row.id, after: { ...input, outlets: chosen.length } });
  const view = await getProposal(db, ctx, row.id);
  await notify(db, {
    organizationIds: [t.umkm_id, ...(gov ? [gov.id] : []), group.branchId ?? t.chain_id],
    kind: 'expansion_proposed',
    title: {
      id: `Usulan ekspansi ${t.product_name} ke ${view.targetRegionName}`,
      en: `Expansion of ${t.product_name} into ${view.targetRegionName}`,
    },
    body: {
      id: `${t.chain_name} mengusulkan ${chosen.length} gerai di ${view.targetRegionName} mulai ${formatDate(input.startsOn, 'id')}, perkiraan ${group.expectedWeeklyUnits} unit per minggu. ${group.reason.id}`,
      en: `${t.chain_name} proposes ${chosen.length} outlets in ${view.targetRegionName} from ${formatDate(input.startsOn, 'en')}, about ${group.expectedWeeklyUnits} units a week. ${group.reason.en}`,
    },
    link: `/expansion/${row.id}`,
    entityId: row.id,
    key: `expansion:${row.id}:proposed`,
    at: ctx.now,
  });
  return view;
}

async function openProposal(db: Database, ctx: Ctx, id: string) {
  await sql`SELECT 1 FROM expansion_proposals WHERE id = ${id} FOR UPDATE`.execute(db);
  const r = await proposalQuery(db, ctx).where('ep.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(PROPOSAL, 'id');
  const forChain = mayAcceptExpansionForChain(ctx.actor, r);
  const forGov = mayAcceptExpansionForGovernment(ctx.actor, r);
  if (!forChain && !forGov) throw notFound(PROPOSAL, 'id');
  if (r.status !== 'proposed') {
    throw conflict('proposal_decided', { id: 'Usulan ini sudah diputuskan.', en: 'This proposal has already been decided.' }, 'id');
  }
  return { r, forChain, forGov };
}

export async function acceptProposal(db: Database, ctx: Ctx, id: string) {
  const { r, forChain, forGov } = await openProposal(db, ctx, id);
  const now = ctx.now;
  const set = {
    ...(forChain && r.chain_accepted_at === null ? { chain_accepted_at: now, chain_accepted_by: ctx.actor.userId } : {}),
    ...(forGov && r.government_accepted_at === null ? { government_accepted_at: now, government_accepted_by: ctx.actor.userId } : {}),
  };
  if (!Object.keys(set).length) {
    throw conflict('already_accepted', { id: 'Anda sudah menyetujui usulan ini.', en: 'You have already accepted this proposal.' }, 'id');
  }
  await db.updateTable('expansion_proposals').set(set).where('id', '=', id).execute();
  const chainDone = r.chain_accepted_at !== null || 'chain_accepted_at' in set;
  const govDone = r.target_government_id === null || r.government_accepted_at !== null || 'government_accepted_at' in set;
  if (chainDone && govDone) {
    const today = localDate(r.target_region_code, now);
    const startsOn = r.starts_on < today ? today : r.starts_on;
    const outlets = await db.selectFrom('expansion_proposal_outlets').where('proposal_id', '=', id).selectAll().execute();
    for (const o of outlets) {
      const open = await db
        .selectFrom('placements')
        .where('product_id', '=', r.product_id)
        .where('outlet_id', '=', o.outlet_id)
        .where('ends_on', 'is', null)
        .select('id')
        .executeTakeFirst();
      if (open) continue; // already on that shelf
      const pl = await db
        .insertInto('placements')
        .values({
          product_id: r.product_id,
          outlet_id: o.outlet_id,
          chain_id: r.chain_id,
          umkm_id: r.umkm_id,
          district_code: o.district_code,
          province_code: o.district_code.split('.')[0] as string,
          starts_on: startsOn,
          approved_by: ctx.actor.userId,
          // Into the region's placement plans: a re-plan keeps an accepted expansion and plans around it.
          locked: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('expansion_proposal_outlets')
        .set({ placement_id: pl.id })
        .where('proposal_id', '=', id)
        .where('outlet_id', '=', o.outlet_id)
        .execute();
    }
    await db.updateTable('expansion_proposals').set({ status: 'accepted' }).where('id', '=', id).execute();
    await tellDecided(db, ctx, r, 'accepted');
  }
  await audit(db, ctx, { action: 'accept', entity: 'expansion_proposal', entityId: id, after: { forChain, forGov } });
  return getProposal(db, ctx, id);
}

export async function declineProposal(db: Database, ctx: Ctx, id: string, input: { note: string }) {
  const { r } = await openProposal(db, ctx, id);
  await db
    .updateTable('expansion_proposals')
    .set({ status: 'declined', declined_at: ctx.now, declined_by: ctx.actor.userId, decline_note: input.note.trim() })
    .where('id', '=', id)
    .execute();
  await audit(db, ctx, { action: 'decline', entity: 'expansion_proposal', entityId: id, after: { note: input.note } });
  await tellDecided(db, ctx, { ...r, decline_note: input.note.trim() }, 'declined');
  return getProposal(db, ctx, id);
}

async function tellDecided(db: Database, ctx: Ctx, r: ProposalRow, outcome: 'accepted' | 'declined') {
  const what = label('expansionStatus', outcome);
  await notify(db, {
    organizationIds: [r.umkm_id, r.chain_id, ...(r.target_government_id ? [r.target_government_id] : [])],
    kind: 'expansion_decided',
    title: {
      id: `Ekspansi ${r.product_name} ke ${r.target_region_name}: ${what.id}`,
      en: `Expansion of ${r.product_name} into ${r.target_region_name}: ${what.en}`,
    },
    body: {
      id:
        outcome === 'accepted'
          ? `Produk mulai terpajang di gerai baru mulai ${formatDate(r.starts_on, 'id')}.`
          : `Alasan: ${r.decline_note ?? ''}`,
      en:
        outcome === 'accepted'
          ? `The product goes on the new outlets' shelves from ${formatDate(r.starts_on, 'en')}.`
          : `Reason: ${r.decline_note ?? ''}`,
    },
    link: `/expansion/${r.id}`,
    entityId: r.id,
    key: `expansion:${r.id}:${outcome}`,
    at: ctx.now,
  });
}
