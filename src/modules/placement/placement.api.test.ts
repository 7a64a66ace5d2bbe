// Placement planning through the API, on the demo data: a plan for Alfamart in Kota Bengkulu built from
// the database is feasible, uses only eligible products and Alfamart's outlets there, and has exactly
// solvePlacement's objective; approval records placements; locks survive a re-plan and take capacity
// first; a re-plan shows kept/dropped; other chains and other regions' Dinas find nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, TEST_NOW, type TestApp, testApp } from '../../../tests/app.ts';
import { createJobRunner } from '../../jobs/jobs.ts';
import { localDate } from '../../platform/clock.ts';
import { eligibleProducts } from '../agreements/agreements.queries.ts';
import { solvePlacement } from './placement.rules.ts';
import { PLAN_JOB, planInstance } from './placement.service.ts';

let t: TestApp;
const ALFA = demo('alfamart');
const INDO = demo('indomaret');
const REGION = '17.71';

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

interface Item {
  id: string;
  productId: string;
  outletId: string;
  change: 'new' | 'kept' | 'dropped';
  locked: boolean;
  distanceKm: number;
  expectedUnits: number;
  approved: boolean;
}

async function plan(email: string, body: Record<string, unknown>) {
  const res = await t.as(email, { method: 'POST', url: '/api/placement/plans', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().plan.id as string;
  const detail = await t.as(email, { method: 'GET', url: `/api/placement/plans/${id}` });
  expect(detail.statusCode, detail.body).toBe(200);
  return detail.json();
}

async function alfamart() {
  const chain = await t.handle.db
    .selectFrom('organizations')
    .select('id')
    .where('chain_code', '=', 'alfamart')
    .where('kind', '=', 'chain')
    .executeTakeFirstOrThrow();
  return chain.id;
}

describe('a plan for Alfamart in Kota Bengkulu', () => {
  const today = localDate(REGION, TEST_NOW);
  let first: { id: string; items: Item[]; objective: number; status: string; outlets: { id: string; slots: number }[] };

  it('is built from the database, feasible and exactly optimal', async () => {
    first = await plan(ALFA, { regionCode: REGION });
    expect(first.status).toBe('done');
    expect(first.items.length).toBeGreaterThan(20);
    // The demo already has Alfamart's products of half the Bengkulu PKS on shelves (operations demo): the
    // first plan keeps or drops those and proposes the rest as new.
    const current = await t.handle.db
      .selectFrom('placements as pl')
      .innerJoin('organizations as c', 'c.id', 'pl.chain_id')
      .select(['pl.product_id', 'pl.outlet_id'])
      .where('c.chain_code', '=', 'alfamart')
      .where('pl.district_code', 'like', `${REGION}.%`)
      .where('pl.ends_on', 'is', null)
      .execute();
    const onShelf = new Set(current.map((c) => `${c.product_id}:${c.outlet_id}`));
    expect(onShelf.size).toBeGreaterThan(0);
    for (const i of first.items) expect(i.change === 'new').toBe(!onShelf.has(`${i.productId}:${i.outletId}`));
    expect(first.items.filter((i) => i.change === 'new').length).toBeGreaterThan(20);

    const eligible = await eligibleProducts(t.handle.db, { chainCode: 'alfamart', regionCode: REGION, date: today });
    const eligibleIds = new Set(eligible.map((e) => e.productId));
    expect(eligible.length).toBeGreaterThan(10);
    const chainId = await alfamart();
    const outlets = await t.handle.db
      .selectFrom('outlets')
      .select(['id', 'local_slots'])
      .where('chain_id', '=', chainId)
      .where('district_code', 'like', `${REGION}.%`)
      .execute();
    const slots = new Map(outlets.map((o) => [o.id, o.local_slots]));
    const perOutlet = new Map<string, number>();
    for (const i of first.items) {
      expect(eligibleIds.has(i.productId)).toBe(true);
      expect(slots.has(i.outletId)).toBe(true);
      if (i.change !== 'dropped') perOutlet.set(i.outletId, (perOutlet.get(i.outletId) ?? 0) + 1);
    }
    for (const [o, n] of perOutlet) expect(n).toBeLessThanOrEqual(slots.get(o)!);

    const inst = await planInstance(t.handle.db, { chainId, chainCode: 'alfamart', branchId: null, regionCode: REGION, date: today });
    const solved = solvePlacement(inst);
    expect(first.objective).toBeCloseTo(solved.objective, 9);
    expect(solved.placements.length).toBe(first.items.filter((i) => i.change !== 'dropped').length);
  });

  it('stays hidden from Indomaret, a Dinas elsewhere, a UMKM and a mentor; the Bengkulu Dinas reads it', async () => {
    for (const who of [INDO, demo('pemda.serang')]) {
      const res = await t.as(who, { method: 'GET', url: `/api/placement/plans/${first.id}` });
      expect(res.statusCode).toBe(404);
      const list = await t.as(who, { method: 'GET', url: '/api/placement/plans' });
      expect(list.json().items.map((p: { id: string }) => p.id)).not.toContain(first.id);
    }
    expect((await t.as(demo('umkm'), { method: 'GET', url: `/api/placement/plans/${first.id}` })).statusCode).toBe(403);
    expect((await t.as(demo('mentor'), { method: 'GET', url: `/api/placement/plans/${first.id}` })).statusCode).toBe(403);
    expect((await t.as(demo('pemda.bengkulu'), { method: 'GET', url: `/api/placement/plans/${first.id}` })).statusCode).toBe(200);
    // Indomaret cannot approve it either: not its plan.
    const res = await t.as(INDO, { method: 'POST', url: `/api/placement/plans/${first.id}/approve`, payload: { startsOn: today } });
    expect(res.statusCode).toBe(404);
  });

  it('refuses a Dinas planning outside its region, and a retailer naming another chain', async () => {
    const res = await t.as(demo('pemda.serang'), {
      method: 'POST',
      url: '/api/placement/plans',
      payload: { regionCode: REGION, chainCode: 'alfamart' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('regionCode');
    const other = await t.as(ALFA, {
      method: 'POST',
      url: '/api/placement/plans',
      payload: { regionCode: REGION, chainCode: 'indomaret' },
    });
    expect(other.statusCode).toBe(404);
    const noChain = await t.as(demo('pemda.bengkulu'), { method: 'POST', url: '/api/placement/plans', payload: { regionCode: REGION } });
    expect(noChain.statusCode).toBe(400);
    expect(noChain.json().error.field).toBe('chainCode');
  });

  it('approves part: placements recorded with the start date, audited; the rest stays open', async () => {
    const part = first.items
      .filter((i) => i.change === 'new')
      .slice(0, 10)
      .map((i) => i.id);
    const past = await t.as(ALFA, { method: 'POST', url: `/api/placement/plans/${first.id}/approve`, payload: { startsOn: '2020-01-01' } });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.field).toBe('startsOn');
    const res = await t.as(ALFA, {
      method: 'POST',
      url: `/api/placement/plans/${first.id}/approve`,
      payload: { startsOn: today, itemIds: part },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created).toBe(10);
    expect(res.json().plan.status).toBe('partly_approved');
    const list = await t.as(ALFA, { method: 'GET', url: `/api/placements?regionCode=${REGION}&planId=${first.id}` });
    expect(list.json().total).toBe(10);
    expect(list.json().items.every((p: { startsOn: string; endsOn: null }) => p.startsOn === today && p.endsOn === null)).toBe(true);
    const audits = await t.handle.db.selectFrom('audit_log').select('action').where('entity', '=', 'placement').execute();
    expect(audits.filter((a) => a.action === 'create').length).toBeGreaterThanOrEqual(10);
    // Indomaret sees none of them; Bengkulu's Dinas does; the UMKM sees only its own products'.
    const indo = await t.as(INDO, { method: 'GET', url: `/api/placements?planId=${first.id}` });
    expect(indo.json().total).toBe(0);
    const pemda = await t.as(demo('pemda.bengkulu'), { method: 'GET', url: `/api/placements?planId=${first.id}` });
    expect(pemda.json().total).toBe(10);
    const serang = await t.as(demo('pemda.serang'), { method: 'GET', url: `/api/placements?planId=${first.id}` });
    expect(serang.json().total).toBe(0);
    const own = await t.as(demo('umkm'), { method: 'GET', url: `/api/placements?planId=${first.id}` });
    expect(own.json().total).toBe(0);
    // Locking another chain's placement: not found.
    const id = list.json().items[0].id;
    expect((await t.as(INDO, { method: 'POST', url: `/api/placements/${id}/lock`, payload: { locked: true } })).statusCode).toBe(404);
  });

  it('approves the rest: the plan is approved and every outlet it chose holds its products', async () => {
    const res = await t.as(ALFA, { method: 'POST', url: `/api/placement/plans/${first.id}/approve`, payload: { startsOn: today } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().plan.status).toBe('approved');
    const list = await t.as(ALFA, { method: 'GET', url: `/api/placements?regionCode=${REGION}&limit=1000` });
    expect(list.json().total).toBe(first.items.filter((i) => i.change !== 'dropped').length);
    const again = await t.as(ALFA, { method: 'POST', url: `/api/placement/plans/${first.id}/approve`, payload: { startsOn: today } });
    expect(again.statusCode).toBe(409);
  });

  it('re-plans: locked placements are kept and take capacity first; the diff shows kept and dropped', async () => {
    const list = (await t.as(ALFA, { method: 'GET', url: `/api/placements?regionCode=${REGION}&limit=1000` })).json().items as {
      id: string;
      productId: string;
      outletId: string;
    }[];
    const toLock = list.slice(0, 3);
    for (const p of toLock) {
      const res = await t.as(ALFA, { method: 'POST', url: `/api/placements/${p.id}/lock`, payload: { locked: true } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().locked).toBe(true);
    }
    // A placement the optimum would never choose again: a product put, by hand, on a far outlet is
    // replaced, so the diff has something to drop. Simulated by ending nothing and adding one out-of-plan.
    const second = await plan(ALFA, { regionCode: REGION });
    const kept = second.items.filter((i: Item) => i.change === 'kept');
    for (const p of toLock) {
      const item = second.items.find((i: Item) => i.productId === p.productId && i.outletId === p.outletId);
      expect(item?.locked).toBe(true);
      expect(item?.change).toBe('kept');
    }
    expect(kept.length).toBeGreaterThanOrEqual(3);
    expect(
      second.items.every((i: Item) => i.change !== 'new' || !list.some((p) => p.productId === i.productId && p.outletId === i.outletId)),
    ).toBe(true);
    // Capacity: per outlet, kept + new never exceeds the outlet's slots.
    const slots = new Map(second.outlets.map((o: { id: string; slots: number }) => [o.id, o.slots]));
    const load = new Map<string, number>();
    for (const i of second.items as Item[]) if (i.change !== 'dropped') load.set(i.outletId, (load.get(i.outletId) ?? 0) + 1);
    for (const [o, n] of load) expect(n).toBeLessThanOrEqual(slots.get(o) as number);
    // The re-plan of an unchanged situation keeps (almost) everything: same optimum.
    expect(second.items.filter((i: Item) => i.change === 'kept').length).toBeGreaterThan(first.items.length / 2);
  });

  it('drops an unlocked placement the optimum no longer wants, and ends it on approval', async () => {
    const chainId = await alfamart();
    // An extra placement of a product outside any PKS-eligible set: the plan must mark it dropped.
    const notEligible = await t.handle.db
      .selectFrom('products as p')
      .innerJoin('umkm_profiles as u', 'u.organization_id', 'p.umkm_id')
      .select(['p.id', 'p.umkm_id'])
      .where('u.village_code', 'like', `${REGION}.%`)
      .where(
        'p.id',
        'not in',
        (await eligibleProducts(t.handle.db, { chainCode: 'alfamart', regionCode: REGION, date: today })).map((e) => e.productId),
      )
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    const outlet = await t.handle.db
      .selectFrom('outlets')
      .select(['id', 'district_code'])
      .where('chain_id', '=', chainId)
      .where('district_code', 'like', `${REGION}.%`)
      .orderBy('store_code')
      .executeTakeFirstOrThrow();
    await t.handle.db
      .insertInto('placements')
      .values({
        product_id: notEligible.id,
        outlet_id: outlet.id,
        chain_id: chainId,
        umkm_id: notEligible.umkm_id,
        district_code: outlet.district_code,
        province_code: '17',
        starts_on: '2026-01-05',
      })
      .execute();
    const third = await plan(ALFA, { regionCode: REGION });
    const dropped = third.items.filter((i: Item) => i.change === 'dropped');
    expect(dropped.map((i: Item) => i.productId)).toContain(notEligible.id);
    const res = await t.as(ALFA, {
      method: 'POST',
      url: `/api/placement/plans/${third.id}/approve`,
      payload: { startsOn: today, itemIds: dropped.map((i: Item) => i.id) },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ended).toBe(dropped.length);
    const row = await t.handle.db
      .selectFrom('placements')
      .select('ends_on')
      .where('product_id', '=', notEligible.id)
      .where('outlet_id', '=', outlet.id)
      .executeTakeFirstOrThrow();
    expect(row.ends_on).toBe(today);
  });

  it('runs a queued plan through the jobs runner, with progress', async () => {
    // Large plans are queued; here the job is enqueued by hand for a small plan to run the same path.
    const chainId = await alfamart();
    const db = t.handle.db;
    const planRow = await db
      .insertInto('placement_plans')
      .values({ chain_id: chainId, chain_code: 'alfamart', region_code: REGION, province_code: '17', plan_date: today, params: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const job = await db
      .insertInto('jobs')
      .values({ kind: PLAN_JOB, payload: JSON.stringify({ planId: planRow.id }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const runner = createJobRunner(db);
    runner.kick();
    await runner.idle();
    const j = await db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(j.status).toBe('done');
    expect(j.progress).toBe(100);
    const res = await t.as(ALFA, { method: 'GET', url: `/api/placement/plans/${planRow.id}` });
    expect(res.json().status).toBe('done');
    expect(res.json().progress).toBe(100);
    expect(res.json().items.length).toBeGreaterThan(0);
    await runner.stop();
  });
});

describe('demo placements elsewhere', () => {
  it('Indomaret has current placements in Serang that Alfamart never sees', async () => {
    const indo = await t.as(INDO, { method: 'GET', url: '/api/placements?regionCode=36.04' });
    expect(indo.json().total).toBeGreaterThan(0);
    expect(indo.json().items.some((p: { locked: boolean }) => p.locked)).toBe(true);
    const alfa = await t.as(ALFA, { method: 'GET', url: '/api/placements?regionCode=36.04' });
    expect(alfa.json().total).toBe(0);
  });
});

describe('a branch plans with the chain-wide PKS and its own', () => {
  it("another branch's PKS supplies no candidate to a branch's outlets", async () => {
    const db = t.handle.db;
    const today = localDate(REGION, TEST_NOW);
    const bengkulu = await db
      .selectFrom('organizations')
      .select(['id', 'parent_id'])
      .where('kind', '=', 'branch')
      .where('region_code', '=', REGION)
      .executeTakeFirstOrThrow();
    const other = await db
      .insertInto('organizations')
      .values({
        kind: 'branch',
        name: 'Alfamart Cabang Uji',
        chain_code: 'alfamart',
        parent_id: bengkulu.parent_id,
        region_code: '17',
        province_code: '17',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const all = await eligibleProducts(db, { chainCode: 'alfamart', regionCode: REGION, date: today });
    const moved = all[0] as (typeof all)[number];
    const before = await db.selectFrom('agreements').select('branch_id').where('id', '=', moved.agreementId).executeTakeFirstOrThrow();
    await db.updateTable('agreements').set({ branch_id: other.id }).where('id', '=', moved.agreementId).execute();
    try {
      const forBranch = await eligibleProducts(db, { chainCode: 'alfamart', regionCode: REGION, date: today, branchId: bengkulu.id });
      const forOther = await eligibleProducts(db, { chainCode: 'alfamart', regionCode: REGION, date: today, branchId: other.id });
      expect(forBranch.some((e) => e.agreementId === moved.agreementId)).toBe(false);
      expect(forBranch.length).toBeGreaterThan(0);
      expect(forOther.some((e) => e.agreementId === moved.agreementId)).toBe(true);
      // The head office plans with every PKS of the chain.
      expect((await eligibleProducts(db, { chainCode: 'alfamart', regionCode: REGION, date: today })).length).toBe(all.length);
    } finally {
      await db.updateTable('agreements').set({ branch_id: before.branch_id }).where('id', '=', moved.agreementId).execute();
    }
  });
});
