// The audit log as an administrator reads it: each filter (actor, record kind, action, days in the
// reader's zone) narrows the list to exactly the matching rows, and every entry comes with its actor's
// name, a sentence and the changed fields written out — labels and values, not codes and JSON.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type TestApp, testApp } from './app.ts';

let t: TestApp;
let productId: string;
let umkmUser: string;
let userId: string;

interface Entry {
  id: string;
  at: string;
  actorId: string | null;
  actor: { name: string; email: string } | null;
  action: string;
  entity: string;
  entityName: string | null;
  actionLabel: { id: string; en: string };
  entityLabel: { id: string; en: string };
  summary: { id: string; en: string };
  changes: {
    field: string;
    label: { id: string; en: string };
    before: { id: string; en: string } | null;
    after: { id: string; en: string } | null;
  }[];
}

const get = async (qs: string) => {
  const res = await t.as(demo('admin'), { method: 'GET', url: `/api/audit?${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Entry[]; total: number };
};
const count = async (where: ReturnType<typeof sql<boolean>>) =>
  Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`.execute(t.handle.db)).rows[0]?.n);

beforeAll(async () => {
  t = await testApp();
  // Some history: the business changes a price, the admin creates an account, and two entries from
  // January either side of midnight WIB.
  const p = (await t.as(demo('umkm'), { method: 'GET', url: '/api/products?limit=1' })).json().items[0];
  productId = p.id;
  const upd = await t.as(demo('umkm'), {
    method: 'PATCH',
    url: `/api/products/${p.id}`,
    payload: { retailPrice: Number(p.retailPrice) + 1500 },
  });
  expect(upd.statusCode, upd.body).toBe(200);
  umkmUser = (await t.as(demo('umkm'), { method: 'GET', url: '/api/me' })).json().id;
  const u = await t.as(demo('admin'), {
    method: 'POST',
    url: '/api/users',
    payload: { email: 'audit.uji@uji.etalase.id', name: 'Audit Uji', role: 'mentor' },
  });
  expect(u.statusCode, u.body).toBe(201);
  userId = u.json().id;
  await sql`INSERT INTO audit_log (at, actor_id, action, entity, entity_id, after) VALUES
    ('2026-01-10T16:30:00Z', ${umkmUser}, 'update', 'product', ${productId}, '{"shelfLifeDays": 30}'),
    ('2026-01-10T17:30:00Z', ${umkmUser}, 'update', 'product', ${productId}, '{"shelfLifeDays": 45}')`.execute(t.handle.db);
});
afterAll(() => t.close());

describe('filters, each against the table', () => {
  it('by actor, shown by name', async () => {
    const all = await get('limit=1');
    expect(all.total).toBe(await count(sql`true`));
    const mine = await get(`actorId=${umkmUser}&limit=100`);
    expect(mine.total).toBe(await count(sql`actor_id = ${umkmUser}`));
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(all.total);
    expect(new Set(mine.items.map((e) => e.actor?.email))).toEqual(new Set([demo('umkm')]));
    expect(mine.items[0]?.actor?.name).toBeTruthy();
  });

  it('by kind of record', async () => {
    const all = await get('limit=1');
    const products = await get('entity=product&limit=100');
    expect(products.total).toBe(await count(sql`entity = 'product'`));
    expect(products.total).toBeLessThan(all.total);
    expect(products.items.every((e) => e.entity === 'product' && e.entityLabel.id === 'Produk' && e.entityLabel.en === 'Product')).toBe(
      true,
    );
  });

  it('by action', async () => {
    const all = await get('limit=1');
    const creates = await get('action=create&limit=100');
    expect(creates.total).toBe(await count(sql`action = 'create'`));
    expect(creates.total).toBeGreaterThan(0);
    expect(creates.total).toBeLessThan(all.total);
    expect(creates.items.every((e) => e.actionLabel.id === 'Membuat')).toBe(true);
  });

  it('by days, counted in the reader’s zone (WIB for an administrator): 23.30 WIB is that day, 00.30 WIB the next', async () => {
    const tenth = await get('from=2026-01-10&to=2026-01-10');
    expect(tenth.total).toBe(1);
    expect(tenth.items[0]?.at).toBe('2026-01-10T16:30:00.000Z');
    const eleventh = await get('from=2026-01-11&to=2026-01-11');
    expect(eleventh.total).toBe(1);
    expect(eleventh.items[0]?.at).toBe('2026-01-10T17:30:00.000Z');
    const january = await get('from=2026-01-01&to=2026-01-31');
    expect(january.total).toBe(2);
    const before = await get('to=2026-01-10');
    expect(before.total).toBe(await count(sql`at < '2026-01-10T17:00:00Z'`));
    const since = await get('from=2026-01-11');
    expect(since.total).toBe(await count(sql`at >= '2026-01-10T17:00:00Z'`));
    expect(before.total + since.total).toBe((await get('limit=1')).total);
  });

  it('filters combine, and an end before the start is refused at its field', async () => {
    const both = await get(`entity=product&action=update&actorId=${umkmUser}&from=2026-01-11`);
    expect(both.total).toBe(
      await count(sql`entity = 'product' AND action = 'update' AND actor_id = ${umkmUser} AND at >= '2026-01-10T17:00:00Z'`),
    );
    const bad = await t.as(demo('admin'), { method: 'GET', url: '/api/audit?from=2026-02-01&to=2026-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'date_range', field: 'to' });
  });

  it('pages keep the total', async () => {
    const first = await get('limit=2&offset=0');
    const second = await get('limit=2&offset=2');
    expect(second.total).toBe(first.total);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
  });
});

describe('entries written for people', () => {
  it('a change reads as a sentence with the record’s name, and its fields as label, before, after', async () => {
    const e = (await get(`entity=product&entityId=${productId}&action=update&from=2026-06-01`)).items[0] as Entry;
    expect(e.summary.id).toMatch(/^Mengubah produk “.+”$/);
    expect(e.summary.en).toMatch(/^Changed product “.+”$/);
    const price = e.changes.find((c) => c.field === 'retailPrice');
    expect(price?.label).toEqual({ id: 'Harga eceran', en: 'Retail price' });
    expect(price?.before?.id).toMatch(/^Rp\d{1,3}(\.\d{3})*$/);
    expect(price?.after?.id).toMatch(/^Rp\d{1,3}(\.\d{3})*$/);
    expect(price?.before?.id).not.toBe(price?.after?.id);
    // Only what changed.
    expect(e.changes.map((c) => c.field)).not.toContain('name');
  });

  it('a new account shows its filled fields, role by its label; flags as yes/no; no codes, ids or raw dates', async () => {
    const e = (await get(`entity=user&entityId=${userId}`)).items[0] as Entry;
    expect(e.summary).toEqual({ id: 'Membuat pengguna “Audit Uji”', en: 'Created user “Audit Uji”' });
    expect(e.actor?.email).toBe(demo('admin'));
    const byField = Object.fromEntries(e.changes.map((c) => [c.field, c]));
    expect(byField.role?.after).toEqual({ id: 'Pendamping', en: 'Mentor' });
    expect(byField.disabled?.after).toEqual({ id: 'Tidak', en: 'No' });
    expect(byField.role?.before).toBeNull();
    const text = JSON.stringify(e.changes);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('a sign-in reads as one', async () => {
    const e = (await get(`entity=session&action=login&actorId=${umkmUser}`)).items[0] as Entry;
    expect(e.summary).toEqual({ id: 'Masuk ke aplikasi', en: 'Signed in' });
    const until = e.changes.find((c) => c.field === 'expiresAt');
    expect(until?.after?.id).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4} \d{2}\.\d{2} WIB$/);
  });

  it('nobody but an administrator reads the log', async () => {
    for (const who of ['pemda.serang', 'alfamart', 'umkm', 'mentor']) {
      expect((await t.as(demo(who), { method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
    }
  });
});
