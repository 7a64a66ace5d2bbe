// Outlet staff (issue 10): a retailer account bound to one store sees and acts on that store only. Checked
// against the demo's toko@demo (an Alfamart store in Kota Bengkulu) and other stores of the same chain and
// branch; and the administrator's account form, which binds a store only to an account of its chain.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type TestApp, testApp } from './app.ts';

let t: TestApp;
const toko = demo('toko');
let mine: { id: string; chain_id: string; branch_id: string };

const get = async (who: string, url: string) => {
  const res = await t.as(who, { method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};

/** Every page of a list. */
async function all(who: string, url: string) {
  const items: Record<string, unknown>[] = [];
  let total = 0;
  for (let offset = 0; offset === 0 || items.length < total; offset += 200) {
    const page = await get(who, `${url}${url.includes('?') ? '&' : '?'}limit=200&offset=${offset}`);
    total = page.total;
    items.push(...page.items);
    if (page.items.length === 0) break;
  }
  return { items: items as Record<string, string>[] & { id: string }[], total };
}

beforeAll(async () => {
  t = await testApp();
  const r = await sql<typeof mine>`SELECT o.id, o.chain_id, o.branch_id FROM users u JOIN outlets o ON o.id = u.outlet_id
    WHERE u.email = ${toko}`.execute(t.handle.db);
  mine = r.rows[0] as typeof mine;
});
afterAll(() => t.close());

describe('outlet staff see their own store only', () => {
  it('signs in with the store, its branch and its chain', async () => {
    const me = await get(toko, '/api/me');
    expect(me.role).toBe('retailer');
    expect(me.chainCode).toBe('alfamart');
    expect(me.outlet.id).toBe(mine.id);
    expect(me.outlet.name).toBeTruthy();
  });

  it('lists only its store’s orders, delivery notes, receipts, stock, movements, returns and sales', async () => {
    const orders = await all(toko, '/api/operations/orders');
    expect(orders.total).toBeGreaterThan(0);
    for (const o of orders.items) {
      expect(o.deliverTo).toBe('outlet');
      expect(o.outletId).toBe(mine.id);
    }
    const notes = await all(toko, '/api/operations/delivery-notes');
    expect(notes.total).toBeGreaterThan(0);
    const orderIds = new Set(orders.items.map((o) => o.id));
    for (const n of notes.items) expect(orderIds.has(String(n.orderId))).toBe(true);
    const receipts = await all(toko, '/api/operations/receipts');
    expect(receipts.total).toBeGreaterThan(0);
    for (const r of receipts.items) expect(orderIds.has(String(r.orderId))).toBe(true);
    const stock = await all(toko, '/api/operations/stock');
    expect(stock.total).toBeGreaterThan(0);
    for (const s of stock.items) expect(s.outletId).toBe(mine.id);
    const moves = await all(toko, '/api/operations/stock/movements');
    for (const m of moves.items) expect(m.outletId).toBe(mine.id);
    const outlets = await get(toko, '/api/outlets');
    expect(outlets.items.map((o: { id: string }) => o.id)).toEqual([mine.id]);
    // The branch sees more than the store.
    expect((await get(demo('alfamart.bengkulu'), '/api/operations/orders?limit=1')).total).toBeGreaterThan(orders.total);
  });

  it('its sales summary counts its store only, and naming another store counts nothing', async () => {
    const from = '2020-01-01';
    const to = '2030-12-31';
    const own = await get(toko, `/api/sales/summary?from=${from}&to=${to}`);
    const oracle = await sql<{ lines: string; units: string | null }>`SELECT count(*) AS lines, sum(qty) AS units FROM sales_lines
      WHERE outlet_id = ${mine.id} AND sales_date BETWEEN ${from}::date AND ${to}::date`.execute(t.handle.db);
    expect(own.lines).toBe(Number(oracle.rows[0]?.lines));
    expect(own.units).toBe(Number(oracle.rows[0]?.units ?? 0));
    expect(own.lines).toBeGreaterThan(0);
    const other = await sql<{ outlet_id: string }>`SELECT DISTINCT outlet_id FROM sales_lines WHERE chain_id = ${mine.chain_id}
      AND outlet_id <> ${mine.id} LIMIT 1`.execute(t.handle.db);
    const otherId = other.rows[0]?.outlet_id as string;
    const foreign = await get(toko, `/api/sales/summary?from=${from}&to=${to}&outletId=${otherId}`);
    expect(foreign.lines).toBe(0);
  });

  it('cannot open, receive or count at another store of the same branch: the same 404 as an unknown id', async () => {
    const r = await sql<{ id: string; outlet_id: string }>`SELECT dn.id, po.outlet_id FROM delivery_notes dn
      JOIN purchase_orders po ON po.id = dn.order_id JOIN outlets o ON o.id = po.outlet_id
      WHERE po.deliver_to = 'outlet' AND po.outlet_id <> ${mine.id} AND o.branch_id = ${mine.branch_id}
      ORDER BY dn.status = 'issued' DESC, dn.number LIMIT 1`.execute(t.handle.db);
    const note = r.rows[0] as { id: string; outlet_id: string };
    expect(note).toBeTruthy();
    const unknown = crypto.randomUUID();
    const body = { lines: [{ deliveryLineId: crypto.randomUUID(), accepted: 1 }] };
    const foreignGet = await t.as(toko, { method: 'GET', url: `/api/operations/delivery-notes/${note.id}` });
    const unknownGet = await t.as(toko, { method: 'GET', url: `/api/operations/delivery-notes/${unknown}` });
    expect(foreignGet.statusCode).toBe(404);
    expect(foreignGet.json().error).toEqual(unknownGet.json().error);
    const foreign = await t.as(toko, { method: 'POST', url: `/api/operations/delivery-notes/${note.id}/receipt`, payload: body });
    const none = await t.as(toko, { method: 'POST', url: `/api/operations/delivery-notes/${unknown}/receipt`, payload: body });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error).toEqual(none.json().error);
    // The branch does see that note.
    expect((await t.as(demo('alfamart.bengkulu'), { method: 'GET', url: `/api/operations/delivery-notes/${note.id}` })).statusCode).toBe(
      200,
    );
    // A count at the other store is refused as an unknown outlet.
    const p = await sql<{ product_id: string }>`SELECT product_id FROM stock_movements WHERE outlet_id = ${note.outlet_id} LIMIT 1`.execute(
      t.handle.db,
    );
    const count = await t.as(toko, {
      method: 'POST',
      url: '/api/operations/stock-counts',
      payload: { outletId: note.outlet_id, lines: [{ productId: p.rows[0]?.product_id ?? unknown, counted: 0 }] },
    });
    expect(count.statusCode).toBe(404);
  });

  it('orders for its own store only, never to a distribution centre; does not import POS files', async () => {
    const dc = await t.as(toko, {
      method: 'POST',
      url: '/api/operations/orders',
      payload: {
        umkmId: crypto.randomUUID(),
        deliverTo: 'distribution_centre',
        deliverBy: '2030-01-01',
        lines: [{ outletId: mine.id, productId: crypto.randomUUID(), qty: 1 }],
      },
    });
    expect(dc.statusCode).toBeGreaterThanOrEqual(400);
    expect(dc.statusCode).toBeLessThan(500);
    const imp = await t.as(toko, { method: 'POST', url: '/api/sales/lines', payload: { lines: [] } });
    expect(imp.statusCode).toBe(403);
    const plans = await t.as(toko, { method: 'GET', url: '/api/placement/plans' });
    expect(plans.statusCode).toBe(403);
    const users = await t.as(toko, { method: 'GET', url: '/api/users' });
    expect(users.statusCode).toBe(403);
  });
});

describe('the administrator binds a store to a retail account of its chain or branch', () => {
  const admin = demo('admin');
  const post = (payload: Record<string, unknown>) => t.as(admin, { method: 'POST', url: '/api/users', payload });

  it('refuses a store of another chain (and a non-retail role) with a bilingual error at the field', async () => {
    const ids = await sql<{ alfa: string; indo: string; indo_outlet: string }>`SELECT
        (SELECT id FROM organizations WHERE kind = 'chain' AND chain_code = 'alfamart') AS alfa,
        (SELECT id FROM organizations WHERE kind = 'chain' AND chain_code = 'indomaret') AS indo,
        (SELECT o.id FROM outlets o JOIN organizations c ON c.id = o.chain_id WHERE c.chain_code = 'indomaret' LIMIT 1) AS indo_outlet`.execute(
      t.handle.db,
    );
    const { alfa, indo_outlet } = ids.rows[0] as { alfa: string; indo_outlet: string };
    const res = await post({
      email: 'salah.toko@example.id',
      name: 'Salah Toko',
      role: 'retailer',
      organizationId: alfa,
      outletId: indo_outlet,
    });
    expect(res.statusCode).toBe(400);
    const e = res.json().error;
    expect(e.code).toBe('outlet_not_in_organization');
    expect(e.fields).toEqual([{ field: 'outletId', message: { id: expect.stringMatching(/Toko/), en: expect.stringMatching(/store/) } }]);
    // another branch's store, for a branch account
    const other = await sql<{
      id: string;
    }>`SELECT id FROM outlets WHERE chain_id = ${mine.chain_id} AND branch_id IS DISTINCT FROM ${mine.branch_id} LIMIT 1`.execute(
      t.handle.db,
    );
    const res2 = await post({
      email: 'salah.cabang@example.id',
      name: 'Salah Cabang',
      role: 'retailer',
      organizationId: mine.branch_id,
      outletId: other.rows[0]?.id,
    });
    expect(res2.json().error.code).toBe('outlet_not_in_organization');
    const umkmOrg = await sql<{ id: string }>`SELECT id FROM organizations WHERE kind = 'umkm' LIMIT 1`.execute(t.handle.db);
    const res3 = await post({
      email: 'salah.peran@example.id',
      name: 'Salah Peran',
      role: 'umkm',
      organizationId: umkmOrg.rows[0]?.id,
      outletId: mine.id,
    });
    expect(res3.statusCode).toBe(400);
    expect(res3.json().error.code).toBe('outlet_retailer_only');
  });

  it('creates a store account of the chain; it sees that store only; leaving the chain unbinds it', async () => {
    const res = await post({
      email: 'toko.baru@example.id',
      name: 'Toko Baru',
      role: 'retailer',
      organizationId: mine.chain_id,
      outletId: mine.id,
      password: 'rahasia-toko-baru',
    });
    expect(res.statusCode, res.body).toBe(201);
    const u = res.json();
    expect(u.outlet).toMatchObject({ id: mine.id, branchId: mine.branch_id });
    expect(u.outlet.districtName).not.toMatch(/^\d/);
    const list = await get(admin, '/api/users?q=toko.baru');
    expect(list.items[0].outlet.id).toBe(mine.id);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'toko.baru@example.id', password: 'rahasia-toko-baru' },
    });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const outlets = await t.app.inject({ method: 'GET', url: '/api/outlets', headers: { cookie } });
    expect(outlets.json().items.map((o: { id: string }) => o.id)).toEqual([mine.id]);
    // Another organisation without naming a store: the binding ends.
    const patched = await t.as(admin, { method: 'PATCH', url: `/api/users/${u.id}`, payload: { organizationId: mine.branch_id } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().outlet).toBeNull();
    const rebound = await t.as(admin, { method: 'PATCH', url: `/api/users/${u.id}`, payload: { outletId: mine.id } });
    expect(rebound.statusCode, rebound.body).toBe(200);
    expect(rebound.json().outlet.id).toBe(mine.id);
  });

  it('the database refuses a store outside the account’s chain or branch, and a store on a non-retail account', async () => {
    const indoOutlet = await sql<{ id: string }>`SELECT o.id FROM outlets o JOIN organizations c ON c.id = o.chain_id
      WHERE c.chain_code = 'indomaret' LIMIT 1`.execute(t.handle.db);
    await expect(sql`UPDATE users SET outlet_id = ${indoOutlet.rows[0]?.id} WHERE email = ${toko}`.execute(t.handle.db)).rejects.toThrow(
      /outlet_id must be an outlet/,
    );
    await expect(sql`UPDATE users SET outlet_id = ${mine.id} WHERE email = ${demo('umkm')}`.execute(t.handle.db)).rejects.toThrow(
      /users_outlet_retailer_only|outlet_id must be an outlet/,
    );
  });

  it('the outlets of one organisation, with their district by name, for the form', async () => {
    const page = await all(admin, `/api/outlets?organizationId=${mine.branch_id}`);
    expect(page.total).toBe(75);
    for (const o of page.items) {
      expect(o.branchId).toBe(mine.branch_id);
      expect(o.districtName).not.toMatch(/^\d/);
    }
  });
});
