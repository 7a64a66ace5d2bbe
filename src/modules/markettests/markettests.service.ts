// Use cases of market tests (uji pasar, C6): what a chain may test where (options), starting a test (trial
// placements at the chosen outlets, criteria agreed up front and sent to the maker), reading a test's standing
// as of today from the operations data, and recording the decision — a pass keeps the product on those shelves
// as a regular listing, an extension adds weeks, a fail delists it and hands the stock back as the PKS says.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { mayDecideTest, mayRunTestAt } from '../../platform/auth/policy.ts';
import { addDays, localDate } from '../../platform/clock.ts';
import { badRequest, conflict, type FieldProblem, invalidFields, notFound } from '../../platform/errors.ts';
import { formatDate } from '../../platform/format.ts';
import { label } from '../../vocabulary.ts';
import { eligibleProducts } from '../agreements/agreements.queries.ts';
import { notify } from '../notifications/notifications.service.ts';
import { createReturn } from '../operations/operations.stock.ts';
import { haversineKm } from '../placement/placement.pairs.ts';
import { supplyRadiusKm } from '../placement/placement.plans.ts';
import { getPlan } from '../placement/placement.service.ts';
import { regionCovers } from '../regions/regions.rules.ts';
import {
  checkDecision,
  evaluate,
  plannedEnd,
  type Recommendation,
  type Standing,
  TEST_DEFAULTS,
  thresholdText,
} from './markettests.rules.ts';
import * as store from './markettests.store.ts';
import type { MarketTestStatus } from './markettests.tables.ts';

const TEST = { id: 'Uji pasar', en: 'Market test' };
const PRODUCT = { id: 'Produk', en: 'Product' };

function listView(r: store.TestRow) {
  return {
    id: r.id,
    productId: r.product_id,
    productName: r.product_name,
    umkmId: r.umkm_id,
    umkmName: r.umkm_name,
    chainId: r.chain_id,
    chainName: r.chain_name,
    agreementId: r.agreement_id,
    agreementNumber: r.agreement_number,
    startsOn: r.starts_on,
    plannedEnd: plannedEnd({ startsOn: r.starts_on, weeks: r.weeks }),
    weeks: r.weeks,
    reviewWeek: r.review_week,
    status: r.status,
    statusLabel: label('marketTestStatus', r.status),
    endedOn: r.ended_on,
    outlets: Number(r.outlets),
    criteria: {
      minUnitsPerStoreWeek: r.min_units_per_store_week,
      minSellThroughBp: r.min_sell_through_bp,
      maxLossBp: r.max_loss_bp,
      minFillRateBp: r.min_fill_rate_bp,
    },
  };
}

export async function listTests(
  db: Database,
  ctx: Ctx,
  q: { status?: MarketTestStatus; productId?: string; limit: number; offset: number },
) {
  const r = await store.listTests(db, ctx.actor, q);
  return { items: r.items.map(listView), total: r.total };
}

/** Today in the maker's region: the business day a test's standing and decisions are dated by. */
const todayOf = (ctx: Ctx, t: { umkm_district_code: string }) => localDate(t.umkm_district_code, ctx.now);

export async function standingOf(db: Database, ctx: Ctx, t: store.TestRow): Promise<Standing> {
  const asOf = todayOf(ctx, t);
  const end = plannedEnd({ startsOn: t.starts_on, weeks: t.weeks });
  const last = [addDays(asOf, -1), end, t.ended_on ?? end].sort()[0] as string;
  const [days, orders, campaign] = await Promise.all([
    store.dayFacts(db, t, t.starts_on, last),
    store.orderFacts(db, t),
    store.campaignDays(db, t, t.starts_on, last),
  ]);
  return evaluate(
    {
      startsOn: t.starts_on,
      weeks: t.weeks,
      reviewWeek: t.review_week,
      minUnitsPerStoreWeek: t.min_units_per_store_week,
      minSellThroughBp: t.min_sell_through_bp,
      maxLossBp: t.max_loss_bp,
      minFillRateBp: t.min_fill_rate_bp,
      endedOn: t.ended_on,
      stores: Number(t.outlets),
      extensions: Number(t.extensions),
    },
    { days, orders, campaignDays: campaign },
    asOf,
  );
}

function standingView(s: Standing) {
  return {
    ...s,
    phaseLabel: label('marketTestPhase', s.phase),
    recommendationLabel: s.recommendation ? label('marketTestDecision', s.recommendation) : null,
    criteria: s.criteria.map((c) => ({
      ...c,
      thresholdText: { id: thresholdText(c.code, c.threshold, 'id'), en: thresholdText(c.code, c.threshold, 'en') },
    })),
  };
}

interface Delisted {
  outletId: string;
  storeCode: string;
  returnId: string;
  returnNumber: string;
  qty: number;
  borneBy: 'umkm' | 'chain';
}

export async function getTest(db: Database, ctx: Ctx, id: string) {
  const t = await store.findTest(db, ctx.actor, id);
  if (!t) throw notFound(TEST, 'id');
  const s = await standingOf(db, ctx, t);
  const [outlets, decisions] = await Promise.all([store.testOutlets(db, t, s.from, s.to), store.decisionsOf(db, t.id)]);
  const may = t.status === 'running' && mayDecideTest(ctx.actor, t);
  const can = (decision: Recommendation) =>
    may &&
    checkDecision({ weeks: t.weeks, reviewWeek: t.review_week }, s, {
      decision,
      extraWeeks: 1,
      note: decision === 'fail' ? 'x' : undefined,
    }) === null;
  const delisting = decisions.flatMap((d) => ((d.standing as { delisting?: Delisted[] } | null)?.delisting ?? []) as Delisted[]);
  return {
    ...listView(t),
    branchId: t.branch_id,
    planId: t.plan_id,
    standing: standingView(s),
    outletRows: outlets.map((o) => ({
      outletId: o.outlet_id,
      storeCode: o.store_code,
      outletName: o.outlet_name,
      districtName: o.district_name ?? o.district_code,
      sold: Number(o.sold),
      received: Number(o.received),
      onHand: Number(o.on_hand),
      placementEndsOn: o.placement_ends_on,
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      decisionLabel: label('marketTestDecision', d.decision),
      decidedOn: d.decided_on,
      extraWeeks: d.extra_weeks,
      note: d.note,
      summary: ((d.standing as { summary?: { id: string; en: string } } | null)?.summary ?? { id: '', en: '' }) as {
        id: string;
        en: string;
      },
      by: d.by_name,
    })),
    delisting: delisting.map((x) => ({ ...x, borneByLabel: label('lossBearer', x.borneBy) })),
    can: { pass: can('pass'), extend: can('extend'), fail: can('fail') },
  };
}

// ---- starting a test ----

/** The chain acting, with the branch that runs its outlets (null for the head office). */
function chainOf(ctx: Ctx) {
  const a = ctx.actor;
  if (a.role !== 'retailer' || !a.chainId || !a.chainCode) return null;
  return { chainId: a.chainId, chainCode: a.chainCode, branchId: a.branchId };
}

/** What a chain may test: the products under its PKS in force, and for one of them its outlets with the
 *  distance from the maker, free slots and whether a plan proposed it. */
export async function testOptions(db: Database, ctx: Ctx, q: { productId?: string }) {
  const chain = chainOf(ctx);
  const today = localDate(ctx.actor.regionCode ?? '31', ctx.now);
  const base = { today, defaults: { ...TEST_DEFAULTS }, planId: null as string | null };
  if (!chain) return { ...base, products: [], outlets: [] };
  const products = await sql<{
    product_id: string;
    product_name: string;
    umkm_name: string;
    agreement_number: string;
    perishable: boolean;
    testing: boolean;
  }>`
    SELECT DISTINCT ON (p.id) p.id AS product_id, p.name AS product_name, u.name AS umkm_name, a.number AS agreement_number, p.perishable,
      EXISTS (SELECT 1 FROM market_tests mt WHERE mt.chain_id = a.chain_id AND mt.product_id = p.id AND mt.status = 'running') AS testing
    FROM agreements a
    JOIN agreement_versions v ON v.agreement_id = a.id
    JOIN agreement_products ap ON ap.version_id = v.id
    JOIN products p ON p.id = ap.product_id AND p.archived_at IS NULL
    JOIN organizations u ON u.id = a.umkm_id AND u.archived_at IS NULL
    WHERE a.kind = 'pks' AND a.chain_id = ${chain.chainId}
      AND v.status = 'signed' AND v.starts_on <= ${today}::date AND v.ends_on >= ${today}::date
      ${chain.branchId ? sql`AND (a.branch_id IS NULL OR a.branch_id = ${chain.branchId})` : sql``}
    ORDER BY p.id, v.starts_on DESC`.execute(db);
  const list = products.rows
    .map((r) => ({
      productId: r.product_id,
      productName: r.product_name,
      umkmName: r.umkm_name,
      agreementNumber: r.agreement_number,
      perishable: r.perishable,
      testing: r.testing,
    }))
    .sort((a, b) => a.productName.localeCompare(b.productName, 'id') || a.productId.localeCompare(b.productId));
  if (!q.productId) return { ...base, products: list, outlets: [] };
  const chosen = list.find((p) => p.productId === q.productId);
  const product = chosen ? await store.productForTest(db, q.productId) : undefined;
  if (!product) throw notFound(PRODUCT, 'productId');
  const pks = (
    await eligibleProducts(db, { chainCode: chain.chainCode, regionCode: product.district_code, date: today, branchId: chain.branchId })
  ).find((e) => e.productId === product.id);
  const zone = pks?.deliveryDistrictCodes ?? [];
  // the latest plan of this chain that proposed the product
  const plan = await db
    .selectFrom('placement_plan_items as i')
    .innerJoin('placement_plans as pp', 'pp.id', 'i.plan_id')
    .where('i.product_id', '=', product.id)
    .where('pp.chain_id', '=', chain.chainId)
    .$if(chain.branchId !== null, (b) => b.where('pp.branch_id', '=', chain.branchId as string))
    .where('i.change', '=', 'new')
    .select(['pp.id'])
    .orderBy('pp.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const planned = new Set(
    plan
      ? (
          await db
            .selectFrom('placement_plan_items')
            .where('plan_id', '=', plan.id)
            .where('product_id', '=', product.id)
            .select('outlet_id')
            .execute()
        ).map((x) => x.outlet_id)
      : [],
  );
  const outlets = (await store.chainOutlets(db, { chainId: chain.chainId, branchId: chain.branchId, productId: product.id, on: today }))
    .filter((o) => !o.carries && (!product.perishable || o.accepts_perishable))
    .map((o) => ({ o, km: haversineKm(product.lat, product.lon, o.lat, o.lon) }))
    // within the PKS's delivery area when it names one, else within the maker's supply radius (as plans do)
    .filter(({ o, km }) => (zone.length ? zone.some((z) => regionCovers(z, o.district_code)) : km <= supplyRadiusKm(product.perishable)))
    .map(({ o, km }) => ({
      outletId: o.id,
      storeCode: o.store_code,
      outletName: o.name,
      districtName: o.district_name ?? o.district_code,
      distanceKm: Math.round(km * 10) / 10,
      freeSlots: Math.max(0, o.local_slots - Number(o.occupied)),
      acceptsPerishable: o.accepts_perishable,
      inPlan: planned.has(o.id),
      lat: o.lat,
      lon: o.lon,
    }))
    .sort((a, b) => Number(b.inPlan) - Number(a.inPlan) || a.distanceKm - b.distanceKm || a.storeCode.localeCompare(b.storeCode))
    .slice(0, 200);
  return { ...base, planId: plan?.id ?? null, products: list, outlets };
}

export async function startTest(
  db: Database,
  ctx: Ctx,
  input: {
    productId: string;
    outletIds: string[];
    planId?: string;
    startsOn: string;
    weeks: number;
    reviewWeek: number;
    minUnitsPerStoreWeek: number;
    minSellThroughBp: number;
    maxLossBp: number;
    minFillRateBp: number;
  },
) {
  const chain = chainOf(ctx);
  if (!chain) throw notFound(PRODUCT, 'productId');
  const product = await store.productForTest(db, input.productId);
  if (!product) throw notFound(PRODUCT, 'productId');
  const today = localDate(product.district_code, ctx.now);
  const problems: FieldProblem[] = [];
  if (input.startsOn < today) {
    problems.push({
      field: 'startsOn',
      message: {
        id: `Tanggal mulai paling awal hari ini (${formatDate(today, 'id')}).`,
        en: `The start date is today (${formatDate(today, 'en')}) at the earliest.`,
      },
    });
  }
  if (input.reviewWeek > input.weeks) {
    problems.push({
      field: 'reviewWeek',
      message: {
        id: `Minggu ulasan harus di dalam masa uji (1–${input.weeks}).`,
        en: `The review week must fall within the test (1–${input.weeks}).`,
      },
    });
  }
  const ids = [...new Set(input.outletIds)];
  if (ids.length !== input.outletIds.length) {
    problems.push({ field: 'outletIds', message: { id: 'Ada gerai yang dipilih dua kali.', en: 'An outlet is chosen twice.' } });
  }
  const pks = (
    await eligibleProducts(db, {
      chainCode: chain.chainCode,
      regionCode: product.district_code,
      date: input.startsOn,
      branchId: chain.branchId,
    })
  ).find((e) => e.productId === product.id);
  if (!pks) {
    // no PKS with this chain: for the chain the product is not there to test
    throw conflict(
      'pks_not_in_force',
      {
        id: `Produk ini tidak tercantum dalam PKS yang berlaku dengan jaringan Anda pada ${formatDate(input.startsOn, 'id')}.`,
        en: `This product is not in a PKS in force with your chain on ${formatDate(input.startsOn, 'en')}.`,
      },
      'productId',
    );
  }
  if (await store.runningTestOf(db, chain.chainId, product.id)) {
    throw conflict(
      'test_running',
      { id: 'Produk ini sedang diuji pasar di jaringan Anda.', en: 'This product is already under a market test in your chain.' },
      'productId',
    );
  }
  let planOutlets: Set<string> | null = null;
  if (input.planId) {
    const plan = await getPlan(db, ctx, input.planId);
    planOutlets = new Set(plan.items.filter((i) => i.productId === product.id).map((i) => i.outletId));
    if (plan.chainCode !== chain.chainCode) throw notFound({ id: 'Rencana penempatan', en: 'Placement plan' }, 'planId');
  }
  const outlets = await store.chainOutlets(db, {
    chainId: chain.chainId,
    branchId: null,
    ids,
    productId: product.id,
    on: input.startsOn,
  });
  const byId = new Map(outlets.map((o) => [o.id, o]));
  input.outletIds.forEach((oid, i) => {
    const o = byId.get(oid);
    const field = `outletIds.${i}`;
    if (!o || !mayRunTestAt(ctx.actor, o)) {
      problems.push({ field, message: { id: 'Gerai ini bukan gerai jaringan Anda.', en: 'This outlet is not one of your chain’s.' } });
      return;
    }
    if (o.carries) {
      problems.push({
        field,
        message: {
          id: `Produk ini sudah terpajang di gerai ${o.store_code}.`,
          en: `This product is already on the shelf at outlet ${o.store_code}.`,
        },
      });
    } else if (Number(o.occupied) >= o.local_slots) {
      problems.push({
        field,
        message: {
          id: `Rak produk lokal gerai ${o.store_code} penuh (${o.local_slots} slot).`,
          en: `Outlet ${o.store_code}'s local-product shelf is full (${o.local_slots} slots).`,
        },
      });
    }
    if (product.perishable && !o.accepts_perishable) {
      problems.push({
        field,
        message: { id: `Gerai ${o.store_code} tidak menerima makanan basah.`, en: `Outlet ${o.store_code} does not take perishable food.` },
      });
    }
    if (pks.deliveryDistrictCodes.length && !pks.deliveryDistrictCodes.some((z) => regionCovers(z, o.district_code))) {
      problems.push({
        field,
        message: {
          id: `Gerai ${o.store_code} di luar wilayah pengiriman PKS ${pks.number}.`,
          en: `Outlet ${o.store_code} lies outside the delivery area of PKS ${pks.number}.`,
        },
      });
    }
    if (planOutlets && !planOutlets.has(oid)) {
      problems.push({
        field,
        message: {
          id: `Rencana ini tidak mengusulkan gerai ${o.store_code} untuk produk ini.`,
          en: `The plan does not propose outlet ${o.store_code} for this product.`,
        },
      });
    }
  });
  if (problems.length) throw invalidFields(problems);

  const branchId = chain.branchId;
  const test = await db
    .insertInto('market_tests')
    .values({
      chain_id: chain.chainId,
      branch_id: branchId,
      umkm_id: product.umkm_id,
      product_id: product.id,
      agreement_id: pks.agreementId,
      umkm_district_code: product.district_code,
      province_code: product.district_code.slice(0, 2),
      plan_id: input.planId ?? null,
      starts_on: input.startsOn,
      weeks: input.weeks,
      review_week: input.reviewWeek,
      min_units_per_store_week: input.minUnitsPerStoreWeek,
      min_sell_through_bp: input.minSellThroughBp,
      max_loss_bp: input.maxLossBp,
      min_fill_rate_bp: input.minFillRateBp,
      created_by: ctx.actor.userId,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  for (const oid of input.outletIds) {
    const o = byId.get(oid)!;
    const pl = await db
      .insertInto('placements')
      .values({
        product_id: product.id,
        outlet_id: o.id,
        chain_id: chain.chainId,
        umkm_id: product.umkm_id,
        district_code: o.district_code,
        province_code: o.province_code,
        starts_on: input.startsOn,
        plan_id: input.planId ?? null,
        approved_by: ctx.actor.userId,
        market_test_id: test.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('market_test_outlets')
      .values({ test_id: test.id, outlet_id: o.id, placement_id: pl.id, district_code: o.district_code })
      .execute();
  }
  await audit(db, ctx, { action: 'create', entity: 'market_test', entityId: test.id, after: { ...input } });
  const view = await getTest(db, ctx, test.id);
  const crit = view.standing.criteria.map((c) => c.thresholdText);
  await notify(db, {
    organizationIds: [product.umkm_id],
    kind: 'market_test_started',
    title: { id: `Uji pasar ${product.name} di ${view.chainName}`, en: `Market test of ${product.name} at ${view.chainName}` },
    body: {
      id: `Mulai ${formatDate(input.startsOn, 'id')}, ${input.weeks} minggu di ${ids.length} gerai (ulasan minggu ke-${input.reviewWeek}). Syarat: ${view.standing.criteria.map((c, i) => `${c.label.id.toLowerCase()} ${crit[i]?.id}`).join('; ')}.`,
      en: `From ${formatDate(input.startsOn, 'en')}, ${input.weeks} weeks at ${ids.length} outlets (review in week ${input.reviewWeek}). Criteria: ${view.standing.criteria.map((c, i) => `${c.label.en.toLowerCase()} ${crit[i]?.en}`).join('; ')}.`,
    },
    link: `/market-tests/${test.id}`,
    entityId: test.id,
    key: `market_test:${test.id}:started`,
    at: ctx.now,
  });
  return view;
}

// ---- decisions ----

export async function decide(db: Database, ctx: Ctx, id: string, input: { decision: Recommendation; extraWeeks?: number; note?: string }) {
  await store.lockTest(db, id);
  const t = await store.findTest(db, ctx.actor, id);
  if (!t) throw notFound(TEST, 'id');
  if (!mayDecideTest(ctx.actor, t)) throw notFound(TEST, 'id');
  if (t.status !== 'running') {
    throw conflict('test_decided', { id: 'Uji pasar ini sudah diputuskan.', en: 'This market test has already been decided.' }, 'id');
  }
  const s = await standingOf(db, ctx, t);
  const problem = checkDecision({ weeks: t.weeks, reviewWeek: t.review_week }, s, input);
  if (problem) throw badRequest('decision_refused', problem.message, problem.field);
  const today = todayOf(ctx, t);
  const delisting: Delisted[] = [];
  if (input.decision === 'extend') {
    await db
      .updateTable('market_tests')
      .set({ weeks: t.weeks + (input.extraWeeks as number) })
      .where('id', '=', t.id)
      .execute();
  } else {
    const endedOn = addDays(today, -1);
    await db
      .updateTable('market_tests')
      .set({
        status: input.decision === 'pass' ? 'passed' : 'failed',
        ended_on: endedOn < addDays(t.starts_on, -1) ? addDays(t.starts_on, -1) : endedOn,
      })
      .where('id', '=', t.id)
      .execute();
    if (input.decision === 'fail') {
      const outlets = await store.testOutlets(db, t, t.starts_on, today);
      for (const o of outlets) {
        if (o.placement_ends_on === null) {
          const endsOn = today < t.starts_on ? t.starts_on : today;
          await db.updateTable('placements').set({ ends_on: endsOn, updated_at: sql`now()` }).where('id', '=', o.placement_id).execute();
          await audit(db, ctx, { action: 'end', entity: 'placement', entityId: o.placement_id, after: { endsOn, marketTest: t.id } });
        }
        const batches = await store.batchesOnHand(db, o.outlet_id, t.product_id);
        if (!batches.length) continue;
        const r = await createReturn(db, ctx, {
          outletId: o.outlet_id,
          reason: 'unsold',
          note: `Uji pasar gagal / market test failed`,
          lines: batches.map((b) => ({ batchId: b.batchId, qty: b.qty })),
        });
        delisting.push({
          outletId: o.outlet_id,
          storeCode: o.store_code,
          returnId: r.id,
          returnNumber: r.number,
          qty: batches.reduce((x, b) => x + b.qty, 0),
          borneBy: r.borneBy,
        });
      }
    }
  }
  const evidence = { ...standingView(s), delisting };
  const row = await db
    .insertInto('market_test_decisions')
    .values({
      test_id: t.id,
      decision: input.decision,
      decided_on: today,
      extra_weeks: input.decision === 'extend' ? (input.extraWeeks as number) : null,
      note: input.note?.trim() || null,
      standing: JSON.stringify(evidence),
      decided_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(db, ctx, {
    action: 'decide',
    entity: 'market_test',
    entityId: t.id,
    after: { decision: input.decision, decisionId: row.id },
  });
  const what = label('marketTestDecision', input.decision);
  await notify(db, {
    organizationIds: [t.umkm_id],
    kind: 'market_test_decided',
    title: { id: `Uji pasar ${t.product_name}: ${what.id}`, en: `Market test of ${t.product_name}: ${what.en}` },
    body: {
      id: `${t.chain_name} memutuskan: ${what.id.toLowerCase()}${input.decision === 'extend' ? ` ${input.extraWeeks} minggu` : ''}. ${s.summary.id}${input.note ? ` Catatan: ${input.note}` : ''}`,
      en: `${t.chain_name} decided: ${what.en.toLowerCase()}${input.decision === 'extend' ? ` by ${input.extraWeeks} weeks` : ''}. ${s.summary.en}${input.note ? ` Note: ${input.note}` : ''}`,
    },
    link: `/market-tests/${t.id}`,
    entityId: t.id,
    key: `market_test:${t.id}:decision:${row.id}`,
    at: ctx.now,
  });
  return getTest(db, ctx, t.id);
}
