// Promotion campaigns through the API on the demo data: Alfamart Cabang Bengkulu creates a campaign from
// the form's choices; a form with everything wrong answers 400 naming every field at once; another chain's
// outlet or product is refused at its field; Indomaret cannot read Alfamart's campaign (404) nor see it in
// its list; the maker sees her own product rows only; the fee cap counts a maker-funded discount; a
// planned campaign is cancelled, a past one is not. And the acceptance test: each past demo campaign's
// measured uplift (the Festival's, and the last HUT Kota Bengkulu's) equals a recount in plain SQL from the raw
// sales lines.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, TEST_NOW, type TestApp, testApp } from '../../../tests/app.ts';
import { nextAnniversary, pastAnniversary } from '../../demo/promotions.ts';
import { actingCtx } from '../../platform/auth/actor.ts';
import { addDays, localDate } from '../../platform/clock.ts';
import * as svc from './promotions.service.ts';

let t: TestApp;
const BRANCH = demo('alfamart.bengkulu');
const ALFA = demo('alfamart');
const INDO = demo('indomaret');
const STORE = demo('toko');
const today = localDate('17.71', TEST_NOW);

const post = (who: string, url: string, payload: unknown = {}) =>
  t.as(who, { method: 'POST', url, payload: payload as Record<string, unknown> });
const get = (who: string | null, url: string) => t.as(who, { method: 'GET', url });

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function demoCampaign(name: string) {
  const r = await sql<{ id: string }>`SELECT id FROM promotion_campaigns WHERE name LIKE ${`${name}%`}`.execute(t.handle.db);
  const id = r.rows[0]?.id;
  if (!id) throw new Error(`no demo campaign ${name}`);
  return id;
}

describe('creating a campaign', () => {
  it('the branch creates one from the form’s choices and reads it back with its materials list', async () => {
    const startsOn = addDays(today, 3);
    const endsOn = addDays(today, 9);
    const opt = await get(BRANCH, `/api/promotions/options?regionCode=17.71&startsOn=${startsOn}&endsOn=${endsOn}`);
    expect(opt.statusCode, opt.body).toBe(200);
    const o = opt.json();
    expect(o.outlets.length).toBe(75);
    expect(o.products.length).toBeGreaterThan(2);
    expect(o.mou.outsideSpots).toBeGreaterThan(0);
    const product = o.products[0];
    const res = await post(BRANCH, '/api/promotions', {
      name: 'Pekan Kopi Bengkulu',
      regionCode: '17.71',
      startsOn,
      endsOn,
      outlets: [{ outletId: product.placedAt[0], display: 'terrace' }],
      products: [{ productId: product.productId, discountBp: 500, fundedBy: 'chain' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ name: 'Pekan Kopi Bengkulu', phase: 'upcoming', outletCount: 1, productCount: 1, can: { cancel: true } });
    expect(c.outlets[0].displayLabel.id).toMatch(/Teras/);
    expect(c.products[0].promoPrice).toBeLessThan(c.products[0].shelfPrice);
    const m = await get(BRANCH, `/api/promotions/${c.id}/materials`);
    expect(m.statusCode).toBe(200);
    expect(m.json().outlets[0].items[0]).toMatchObject({ productId: product.productId, placed: true, discountBp: 500 });
    // The head office sees its branch's campaign; Indomaret does not, not even in its list's total.
    expect((await get(ALFA, `/api/promotions/${c.id}`)).statusCode).toBe(200);
    expect((await get(INDO, `/api/promotions/${c.id}`)).statusCode).toBe(404);
    expect((await get(INDO, `/api/promotions/${c.id}/results`)).statusCode).toBe(404);
    expect((await get(INDO, `/api/promotions/${c.id}/materials`)).statusCode).toBe(404);
    expect((await post(INDO, `/api/promotions/${c.id}/cancel`)).statusCode).toBe(404);
    const list = (await get(INDO, '/api/promotions?limit=200')).json();
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    expect(list.total).toBe(0);
    // Cancelled before it starts; a second time is refused.
    const cancelled = await post(BRANCH, `/api/promotions/${c.id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().phase).toBe('cancelled');
    expect((await post(BRANCH, `/api/promotions/${c.id}/cancel`)).statusCode).toBe(409);
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ${c.id}`.execute(t.handle.db);
    expect(audit.rows[0]?.n).toBe(2);
  });

  it('answers a form with everything wrong with 400 naming every field at once', async () => {
    const res = await post(BRANCH, '/api/promotions', {
      name: '',
      regionCode: 'x',
      startsOn: '2026-02-30',
      endsOn: 'soon',
      outlets: [{ outletId: 'nope', display: 'roof' }],
      products: [{ productId: 'nope', discountBp: 0, umkmShareBp: 20000 }],
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().error.fields as { field: string; message: { id: string; en: string } }[]).map((f) => f.field);
    for (const f of [
      'name',
      'regionCode',
      'startsOn',
      'endsOn',
      'outlets.0.outletId',
      'outlets.0.display',
      'products.0.productId',
      'products.0.discountBp',
      'products.0.umkmShareBp',
    ])
      expect(fields, f).toContain(f);
    for (const f of res.json().error.fields) {
      expect(f.message.id).toBeTruthy();
      expect(f.message.en).toBeTruthy();
      expect(f.message.id).not.toMatch(/outletId|discountBp|umkmShareBp/);
    }
  });

  it('refuses another chain’s outlet and a product outside its PKS at their fields, and a past start', async () => {
    const foreign = await sql<{ outlet: string; product: string }>`
      SELECT pl.outlet_id AS outlet, pl.product_id AS product FROM placements pl JOIN organizations c ON c.id = pl.chain_id
      WHERE c.chain_code = 'indomaret' LIMIT 1`.execute(t.handle.db);
    const f = foreign.rows[0]!;
    const res = await post(BRANCH, '/api/promotions', {
      name: 'Campuran',
      regionCode: '17.71',
      startsOn: addDays(today, -1),
      endsOn: addDays(today, 5),
      outlets: [{ outletId: f.outlet, display: 'eye_level' }],
      products: [{ productId: f.product }],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields.map((x: { field: string }) => x.field);
    expect(fields).toEqual(expect.arrayContaining(['startsOn', 'outlets.0.outletId', 'products.0.productId']));
    // Outlet staff and a Dinas may not create one at all.
    expect((await post(STORE, '/api/promotions', {})).statusCode).toBe(403);
    expect((await post(demo('pemda.bengkulu'), '/api/promotions', {})).statusCode).toBe(403);
  });

  it('counts a discount the maker funds toward the 15% cap of Permendag 23/2021 Pasal 11, with the PKS’s other fees', async () => {
    const startsOn = addDays(today, 2);
    const o = (await get(BRANCH, `/api/promotions/options?regionCode=17.71&startsOn=${startsOn}&endsOn=${startsOn}`)).json();
    const p = o.products[0];
    const base = {
      name: 'Diskon besar',
      regionCode: '17.71',
      startsOn,
      endsOn: startsOn,
      outlets: [{ outletId: p.placedAt[0], display: 'pojok_umkm' }],
    };
    const room = p.maxUmkmFundedBp as number; // 15% less the PKS's other fees, on the shelf price
    const over = await post(BRANCH, '/api/promotions', {
      ...base,
      products: [{ productId: p.productId, discountBp: room + 1, fundedBy: 'umkm' }],
    });
    expect(over.statusCode).toBe(400);
    const e = over.json().error.fields.find((x: { field: string }) => x.field === 'products.0.discountBp');
    expect(e.message.id).toMatch(/Permendag 23\/2021 Pasal 11/);
    // Shared half and half: twice the room is within the cap; the chain funding any discount is no fee.
    const shared = await post(BRANCH, '/api/promotions', {
      ...base,
      products: [{ productId: p.productId, discountBp: room * 2, fundedBy: 'shared', umkmShareBp: 5000 }],
    });
    expect(shared.statusCode, shared.body).toBe(200);
    const chain = await post(BRANCH, '/api/promotions', {
      ...base,
      products: [{ productId: p.productId, discountBp: 5000, fundedBy: 'chain' }],
    });
    expect(chain.statusCode, chain.body).toBe(200);
  });

  it('refuses more terrace spots than the MoU’s outside spots', async () => {
    const startsOn = addDays(today, 2);
    const o = (await get(BRANCH, `/api/promotions/options?regionCode=17.71&startsOn=${startsOn}&endsOn=${startsOn}`)).json();
    const spots = o.mou.outsideSpots as number;
    const p = o.products[0];
    const outlets = (o.outlets as { id: string }[]).slice(0, spots + 1).map((x) => ({ outletId: x.id, display: 'terrace' }));
    if (!outlets.some((x) => x.outletId === p.placedAt[0])) outlets[0] = { outletId: p.placedAt[0], display: 'terrace' };
    const res = await post(BRANCH, '/api/promotions', {
      name: 'Teras penuh',
      regionCode: '17.71',
      startsOn,
      endsOn: startsOn,
      outlets,
      products: [{ productId: p.productId }],
    });
    expect(res.statusCode).toBe(400);
    const e = res.json().error.fields.find((x: { field: string }) => x.field === 'outlets');
    expect(e.message.id).toContain(`${spots} tempat di luar gerai`);
  });
});

describe('who sees the demo campaigns', () => {
  it('the maker sees campaigns featuring her products, with her rows only', async () => {
    const id = await demoCampaign('Festival Produk Lokal');
    const makers = await sql<{ umkm_id: string }>`
      SELECT DISTINCT umkm_id FROM promotion_products WHERE campaign_id = ${id} ORDER BY umkm_id`.execute(t.handle.db);
    expect(makers.rows.length).toBeGreaterThan(1);
    const one = makers.rows[0]!.umkm_id;
    const as = actingCtx({ role: 'umkm', organizationId: one }, TEST_NOW);
    const d = await svc.getCampaign(t.handle.db, as, id);
    expect(d.products.length).toBeGreaterThan(0);
    expect(d.products.every((p) => p.umkmId === one)).toBe(true);
    const r = await svc.campaignResults(t.handle.db, as, id);
    const mine = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM promotion_products WHERE campaign_id = ${id} AND umkm_id = ${one}`.execute(t.handle.db);
    expect(r.products.length).toBe(mine.rows[0]?.n);
    expect((await svc.listCampaigns(t.handle.db, as, { limit: 50, offset: 0 })).items.map((c) => c.id)).toContain(id);
    // A maker with no product in it does not see it.
    const other = await sql<{ id: string }>`
      SELECT id FROM organizations WHERE kind = 'umkm' AND id NOT IN (SELECT umkm_id FROM promotion_products) ORDER BY id LIMIT 1`.execute(
      t.handle.db,
    );
    const stranger = actingCtx({ role: 'umkm', organizationId: other.rows[0]!.id }, TEST_NOW);
    await expect(svc.getCampaign(t.handle.db, stranger, id)).rejects.toMatchObject({ status: 404 });
    expect((await svc.listCampaigns(t.handle.db, stranger, { limit: 50, offset: 0 })).total).toBe(0);
  });

  it('outlet staff read their store’s campaigns and its materials only, not the results', async () => {
    const mine = await sql<{ outlet_id: string }>`SELECT outlet_id FROM users WHERE email = ${STORE}`.execute(t.handle.db);
    const outlet = mine.rows[0]!.outlet_id;
    const list = (await get(STORE, '/api/promotions?limit=200')).json();
    const expected = await sql<{
      id: string;
    }>`SELECT DISTINCT campaign_id AS id FROM promotion_outlets WHERE outlet_id = ${outlet}`.execute(t.handle.db);
    expect(list.items.map((x: { id: string }) => x.id).sort()).toEqual(expected.rows.map((x) => x.id).sort());
    for (const c of list.items) {
      const m = (await get(STORE, `/api/promotions/${c.id}/materials`)).json();
      expect(m.outlets.map((o: { outletId: string }) => o.outletId)).toEqual([outlet]);
      expect((await get(STORE, `/api/promotions/${c.id}/results`)).statusCode).toBe(403);
    }
  });
});

describe('the demo campaigns’ results', () => {
  // Both past campaigns: the Festival inside the operations demo's eight weeks, the HUT in its own season.
  it.each([['Festival Produk Lokal'], [`HUT Kota Bengkulu ke-${pastAnniversary(today).ordinal}`]])(
    '%s: equal a recount in plain SQL from the raw sales lines',
    async (name) => {
      const id = await demoCampaign(name);
      const res = await get(ALFA, `/api/promotions/${id}/results`);
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      expect(r.phase).toBe('ended');
      const c = (
        await sql<{ starts_on: string; ends_on: string; chain_id: string }>`
      SELECT starts_on::text, ends_on::text, chain_id FROM promotion_campaigns WHERE id = ${id}`.execute(t.handle.db)
      ).rows[0]!;
      const days = Math.round((Date.parse(c.ends_on) - Date.parse(c.starts_on)) / 86_400_000) + 1;
      const before = addDays(c.starts_on, -days);
      expect(r.measured).toEqual({ from: c.starts_on, through: c.ends_on, days });
      expect(r.before).toEqual({ from: before, through: addDays(c.starts_on, -1) });
      // The recount: every sales line of the product at the campaign's outlets / at the chain's other Kota
      // Bengkulu outlets that had it on the shelf throughout, in each window.
      const recount = await sql<{ product_id: string; grp: string; win: string; units: string; revenue: string; outlets: string }>`
      WITH shelf AS (
        SELECT DISTINCT pp.product_id, pl.outlet_id,
          CASE WHEN pl.outlet_id IN (SELECT outlet_id FROM promotion_outlets WHERE campaign_id = ${id}) THEN 'campaign' ELSE 'control' END AS grp
        FROM promotion_products pp JOIN placements pl ON pl.product_id = pp.product_id AND pl.chain_id = ${c.chain_id}
        JOIN outlets o ON o.id = pl.outlet_id
        WHERE pp.campaign_id = ${id} AND o.district_code LIKE '17.71.%'
          AND pl.starts_on <= ${before}::date AND (pl.ends_on IS NULL OR pl.ends_on > ${c.ends_on}::date)
      )
      SELECT sh.product_id, sh.grp, w.win, coalesce(sum(s.qty), 0)::text AS units, coalesce(sum(s.amount), 0)::text AS revenue,
        count(DISTINCT sh.outlet_id)::text AS outlets
      FROM shelf sh
      CROSS JOIN (VALUES ('before', ${before}::date, ${addDays(c.starts_on, -1)}::date), ('during', ${c.starts_on}::date, ${c.ends_on}::date)) w(win, f, t)
      LEFT JOIN sales_lines s ON s.product_id = sh.product_id AND s.outlet_id = sh.outlet_id AND s.chain_id = ${c.chain_id}
        AND s.sales_date BETWEEN w.f AND w.t
      GROUP BY 1, 2, 3`.execute(t.handle.db);
      expect(recount.rows.length).toBeGreaterThan(4);
      let up = 0;
      for (const p of r.products) {
        const cell = (grp: string, win: string) => recount.rows.find((x) => x.product_id === p.productId && x.grp === grp && x.win === win);
        for (const grp of ['campaign', 'control'] as const)
          for (const win of ['before', 'during'] as const) {
            const want = cell(grp, win)!;
            const got = p[grp][win];
            expect({ units: got.units, revenue: got.revenue, outlets: got.outlets }).toEqual({
              units: Number(want.units),
              revenue: Number(want.revenue),
              outlets: Number(want.outlets),
            });
          }
        // The effect is the ratio of ratios of those counts.
        const T1 = p.campaign.during.units;
        const T0 = p.campaign.before.units;
        const C1 = p.control.during.units;
        const C0 = p.control.before.units;
        if (T0 > 0 && T1 > 0 && C0 > 0 && C1 > 0) {
          expect(p.estimate.method).toBe('did');
          expect(p.estimate.effect).toBeCloseTo(T1 / T0 / (C1 / C0) - 1, 10);
          expect(p.estimate.low).toBeLessThan(p.estimate.effect);
          expect(p.estimate.high).toBeGreaterThan(p.estimate.effect);
        }
        if (p.estimate.verdict === 'up') up += 1;
      }
      // The campaign as a whole, over the sums of every product.
      const sum = (grp: string, win: string) =>
        r.products.reduce((s: number, p: Record<string, Record<string, { units: number }>>) => s + (p[grp]?.[win]?.units ?? 0), 0);
      expect(r.total.campaign.during.units).toBe(sum('campaign', 'during'));
      expect(r.total.estimate.effect).toBeCloseTo(
        sum('campaign', 'during') / sum('campaign', 'before') / (sum('control', 'during') / sum('control', 'before')) - 1,
        10,
      );
      expect(r.total.estimate.verdict).toBe('up');
      expect(r.total.estimate.summary.id).toMatch(/^Naik sekitar \d+% \(kemungkinan besar antara [+−]\d+% dan \+\d+%\)\.$/);
      expect(up + r.products.length).toBeGreaterThan(0);
    },
  );

  it('the planned HUT Kota Bengkulu campaign falls on 17 March, with no results yet and its materials ready', async () => {
    const id = await demoCampaign(`HUT Kota Bengkulu ke-${nextAnniversary(today).ordinal}`);
    const d = (await get(ALFA, `/api/promotions/${id}`)).json();
    expect(d.endsOn.slice(5)).toBe('03-17');
    expect(d.name).toBe(`HUT Kota Bengkulu ke-${Number(d.endsOn.slice(0, 4)) - 1719}`);
    expect(d.phase).toBe('upcoming');
    expect(d.findings.filter((f: { severity: string }) => f.severity === 'blocking')).toEqual([]);
    expect(d.products.some((p: { fundedBy: string | null }) => p.fundedBy === 'shared')).toBe(true);
    const r = (await get(ALFA, `/api/promotions/${id}/results`)).json();
    expect(r).toMatchObject({ measured: null, products: [], total: null });
    const m = (await get(ALFA, `/api/promotions/${id}/materials`)).json();
    expect(m.outlets.length).toBe(d.outletCount);
    // A past campaign cannot be cancelled.
    const past = await demoCampaign('Festival Produk Lokal');
    expect((await post(ALFA, `/api/promotions/${past}/cancel`)).statusCode).toBe(409);
  });
});
