// The lists that may hold a country's rows (UMKM, products, outlets, organisations): a deep page by cursor
// is the same page the offset gives, a total too costly to count is an estimate and says so, a search finds
// the same rows whichever way it is served, and a forged cursor is a clear 400.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXACT_TOTAL_UP_TO, SEARCH_CANDIDATES_UP_TO } from '../src/platform/paging.ts';
import { demo, type TestApp, testApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

type Page = { items: { id: string; name: string }[]; total: number; totalEstimated: boolean; nextCursor: string | null };
const get = async (who: string, url: string) => {
  const res = await t.as(demo(who), { method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};

/** Every page of a list by its cursors, `limit` at a time. */
async function walk(who: string, list: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Page = await get(who, `/api/${list}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return ids;
}

describe('deep pages by cursor', () => {
  for (const [who, list] of [
    ['admin', 'umkm'],
    ['pemda.bengkulu', 'umkm'],
    ['alfamart', 'products'],
    ['alfamart', 'outlets'],
    ['admin', 'organizations'],
  ] as const) {
    it(`${who}: ${list} walked by cursor is the list in its order, every row once`, async () => {
      const byOffset: string[] = [];
      let page: Page;
      do {
        page = await get(who, `/api/${list}?limit=500&offset=${byOffset.length}`);
        byOffset.push(...page.items.map((i) => i.id));
      } while (page.nextCursor);
      expect(page.totalEstimated).toBe(false);
      expect(byOffset).toHaveLength(page.total);
      const walked = await walk(who, list, 7);
      expect(walked).toEqual(byOffset);
    });
  }

  it('a cursor that was not made by the list, or with an offset, is a 400 at its field', async () => {
    const page = await get('admin', '/api/umkm?limit=2');
    expect(page.nextCursor).toBeTruthy();
    const forged = [
      'bm90LWpzb24', // "not-json"
      Buffer.from(JSON.stringify(['a'])).toString('base64url'), // too few keys
      Buffer.from(JSON.stringify(['a', 'not-a-uuid'])).toString('base64url'),
      Buffer.from(JSON.stringify([1, '00000000-0000-0000-0000-000000000000'])).toString('base64url'),
    ];
    for (const cursor of forged) {
      const res = await t.as(demo('admin'), { method: 'GET', url: `/api/umkm?cursor=${cursor}` });
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'cursor_invalid', field: 'cursor' });
      expect(res.json().error.message.id).toMatch(/Penanda halaman/);
    }
    const both = await t.as(demo('admin'), { method: 'GET', url: `/api/umkm?offset=20&cursor=${page.nextCursor}` });
    expect(both.statusCode).toBe(400);
    expect(both.json().error).toMatchObject({ code: 'cursor_with_offset', field: 'offset' });
    const bad = await t.as(demo('admin'), { method: 'GET', url: '/api/umkm?cursor=not%20base64!' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('cursor');
  });
});

describe('a list too long to count on every page', () => {
  const BULK = EXACT_TOTAL_UP_TO + 500;
  let village: string;
  beforeAll(async () => {
    // A region of many makers: every one a "Keripik Uji" business in one village of Kota Ambon.
    const db = t.handle.db;
    village = (
      await sql<{ code: string }>`SELECT code FROM regions WHERE level = 'village' AND code LIKE '81.71.%' ORDER BY code LIMIT 1`.execute(
        db,
      )
    ).rows[0]?.code as string;
    await sql`CREATE TEMP TABLE bulk AS SELECT g, gen_random_uuid() AS id FROM generate_series(1, ${BULK}) g`.execute(db);
    await sql`INSERT INTO organizations (id, kind, name, region_code, province_code)
      SELECT id, 'umkm', 'Keripik Uji ' || lpad(g::text, 5, '0'), ${village}, '81' FROM bulk`.execute(db);
    await sql`INSERT INTO umkm_profiles (organization_id, owner_name, address, village_code, district_code, province_code, lat, lon, weekly_capacity)
      SELECT id, 'Pemilik Uji', 'Jl. Uji', ${village}, ${village.split('.').slice(0, 3).join('.')}, '81', -3.69, 128.18, 100 FROM bulk`.execute(
      db,
    );
    await sql`ANALYZE organizations`.execute(db);
    await sql`ANALYZE umkm_profiles`.execute(db);
  });

  it('answers an estimate, marked and rounded, where counting would be costly; an exact count where it is not', async () => {
    const all = await get('admin', '/api/umkm?limit=5');
    expect(all.totalEstimated).toBe(true);
    expect(all.total).toBeGreaterThan(EXACT_TOTAL_UP_TO);
    expect(all.total % 100).toBe(0); // two significant digits: it does not pretend to be a count
    expect(all.items).toHaveLength(5);
    // Kota Bengkulu's Dinas has its few dozen makers counted, as before.
    const dinas = await get('pemda.bengkulu', '/api/umkm?limit=5');
    expect(dinas.totalEstimated).toBe(false);
    expect(dinas.total).toBeLessThan(100);
  });

  it('a search finds the same rows whether its term is rare (from its candidates) or common (in list order)', async () => {
    // Common: more candidates than SEARCH_CANDIDATES_UP_TO, found in the list's own order.
    const common = await get('alfamart', '/api/umkm?limit=20&q=keripik%20uji');
    expect(common.items.map((i) => i.name)).toEqual(Array.from({ length: 20 }, (_, i) => `Keripik Uji ${String(i + 1).padStart(5, '0')}`));
    expect(common.totalEstimated).toBe(true);
    expect(common.total).toBeGreaterThan(SEARCH_CANDIDATES_UP_TO);
    // Rare: one maker, found by its candidates and counted.
    const rare = await get('alfamart', '/api/umkm?q=uji%2010007');
    expect(rare.items.map((i) => i.name)).toEqual(['Keripik Uji 10007']);
    expect(rare).toMatchObject({ total: 1, totalEstimated: false });
    // The owner's name finds the business for whom it may be read, and nothing for a chain with no reason
    // to know it — not even as a count.
    const byOwner = await get('admin', '/api/umkm?limit=1&q=pemilik%20uji');
    expect(byOwner.total).toBeGreaterThan(SEARCH_CANDIDATES_UP_TO);
    const chain = await get('alfamart', '/api/umkm?limit=1&q=pemilik%20uji');
    expect(chain).toMatchObject({ items: [], total: 0, totalEstimated: false });
  });

  it('the region filter and the cursor work on the long list too', async () => {
    const first = await get('admin', `/api/umkm?limit=50&regionCode=${village}`);
    expect(first.totalEstimated).toBe(true);
    const next = await get('admin', `/api/umkm?limit=50&regionCode=${village}&cursor=${first.nextCursor}`);
    const byOffset = await get('admin', `/api/umkm?limit=50&regionCode=${village}&offset=50`);
    expect(next.items.map((i) => i.id)).toEqual(byOffset.items.map((i) => i.id));
    expect(next.items[0]?.name).toBe('Keripik Uji 00051');
  });
});
