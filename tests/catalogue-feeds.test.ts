// Product feeds of a region (issue 13), read back the way their consumers read them: the Google Merchant
// Center primary feed parsed as the tab-separated text feed it is and checked against the attributes the
// product data specification requires; the local inventory feed listing the store codes of the outlets that
// carry each product (against the placements in the database); the marketplace CSV with dot-decimal prices;
// JSON; a poller's If-None-Match answered 304; a client asking too often refused with a clear message.
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type TestApp, testApp } from './app.ts';
import { png, uploadAs } from './files.ts';

let t: TestApp;
let withPhoto: string;
beforeAll(async () => {
  t = await testApp();
  // The demo OKI terasi maker photographs one of her products on her phone.
  const mine = (await t.as(demo('umkm'), { method: 'GET', url: '/api/catalogue/mine' })).json();
  withPhoto = mine.products.find((p: { published: boolean; outlets: number }) => p.published && p.outlets > 0).id;
  const file = await uploadAs(t, demo('umkm'), png(), 'terasi.png');
  expect(file.statusCode, file.body).toBe(201);
  const added = await t.as(demo('umkm'), {
    method: 'POST',
    url: `/api/products/${withPhoto}/photos`,
    payload: { sha256: file.json().sha256 },
  });
  expect(added.statusCode, added.body).toBe(201);
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.as(null, { method: 'GET', url, headers });
const tsv = (body: string) => parse(body, { columns: true, delimiter: '\t', relax_quotes: false }) as Record<string, string>[];

/** Offers in force in OKI (16.02), from the database: product → store codes. */
async function carriedInOki(): Promise<Map<string, string[]>> {
  const r = await sql<{ product_id: string; store_code: string }>`
    SELECT pl.product_id, o.store_code FROM placements pl JOIN outlets o ON o.id = pl.outlet_id
    JOIN products p ON p.id = pl.product_id
    WHERE pl.ends_on IS NULL AND o.district_code LIKE '16.02.%' AND p.published_at IS NOT NULL AND o.archived_at IS NULL
    ORDER BY o.store_code`.execute(t.handle.db);
  const out = new Map<string, string[]>();
  for (const row of r.rows) out.set(row.product_id, [...(out.get(row.product_id) ?? []), row.store_code]);
  return out;
}

describe('the Google Merchant Center primary feed', () => {
  it('has every required attribute, well formed, for each item it lists; items without a photo are left out', async () => {
    const res = await get('/api/public/feeds/16.02/merchant.tsv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/tab-separated-values/);
    const rows = tsv(res.body);
    expect(rows.map((r) => r.id)).toEqual([withPhoto]);
    const carried = await carriedInOki();
    expect(Number(res.headers['x-items-without-photo'])).toBe(carried.size - 1);
    for (const row of rows) {
      // Required by the product data specification (answer 7052112), in its own formats.
      expect(row.id?.length).toBeLessThanOrEqual(50);
      expect(row.title?.length).toBeGreaterThan(0);
      expect(row.title?.length).toBeLessThanOrEqual(150);
      expect(row.description?.length).toBeGreaterThan(0);
      expect(row.description?.length).toBeLessThanOrEqual(5000);
      expect(row.link).toMatch(new RegExp(`^https?://[^/]+/katalog/produk/${row.id}$`));
      expect(row.image_link).toMatch(/^https?:\/\/[^/]+\/api\/public\/photos\/[0-9a-f]{64}\/w640\.jpg$/);
      expect(['in_stock', 'out_of_stock', 'preorder', 'backorder']).toContain(row.availability);
      expect(row.price).toMatch(/^\d+ IDR$/);
      expect(row.brand?.length).toBeGreaterThan(0);
      expect(row.condition).toBe('new');
      if (row.identifier_exists === 'yes') expect(row.gtin).toMatch(/^\d{13}$/);
      else expect(row.identifier_exists).toBe('no');
      // The image it names is served to anyone, as Google fetches it.
      const image = await get(new URL(row.image_link as string).pathname);
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/jpeg');
    }
    // The price is the shelf price of the PKS in force, as the product page shows it.
    const page = (await get(`/api/public/products/${withPhoto}`)).json();
    expect(rows[0]?.price).toBe(`${page.priceMin} IDR`);
  });

  it('the photo of a product hidden from the catalogue is no longer served', async () => {
    const row = tsv((await get('/api/public/feeds/16.02/merchant.tsv')).body)[0] as Record<string, string>;
    const path = new URL(row.image_link as string).pathname;
    const hide = (published: boolean) =>
      t.as(demo('umkm'), { method: 'PUT', url: `/api/catalogue/mine/products/${withPhoto}`, payload: { published } });
    expect((await hide(false)).statusCode).toBe(200);
    expect((await get(path)).statusCode).toBe(404);
    expect(tsv((await get('/api/public/feeds/16.02/merchant.tsv')).body)).toEqual([]);
    expect((await hide(true)).statusCode).toBe(200);
    expect((await get(path)).statusCode).toBe(200);
  });
});

describe('the local inventory feed', () => {
  it('lists, for each product, the store codes of the outlets carrying it in the region', async () => {
    const res = await get('/api/public/feeds/16.02/local-inventory.tsv');
    expect(res.statusCode).toBe(200);
    const rows = tsv(res.body);
    expect(Object.keys(rows[0] ?? {})).toEqual(['store_code', 'id', 'availability', 'price']);
    const got = new Map<string, string[]>();
    for (const r of rows) got.set(r.id as string, [...(got.get(r.id as string) ?? []), r.store_code as string].sort());
    const want = await carriedInOki();
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [id, codes] of want) expect(got.get(id), id).toEqual([...codes].sort());
    for (const r of rows) {
      expect(['in_stock', 'limited_availability', 'out_of_stock']).toContain(r.availability);
      expect(r.price).toMatch(/^\d+ IDR$/);
    }
    // Another region's stores are not in it.
    const serang = tsv((await get('/api/public/feeds/36.04/local-inventory.tsv')).body).map((r) => r.store_code);
    expect(serang.length).toBeGreaterThan(0);
    expect(serang.filter((c) => rows.some((r) => r.store_code === c))).toEqual([]);
  });
});

describe('the marketplace sheet and the JSON feed', () => {
  it('CSV prices have a dot decimal and no thousands separator; JSON holds the same items with their stores', async () => {
    const csv = await get('/api/public/feeds/17.71/marketplace.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(r.price).toMatch(/^\d+\.00$/);
      expect(r.currency).toBe('IDR');
      expect(r.category).not.toMatch(/_/);
    }
    const kerupuk = rows.filter((r) => /kerupuk/i.test(r.name as string)).map((r) => `${r.brand}: ${r.name}`);
    expect(kerupuk.sort()).toEqual([
      'Kerupuk Ikan Bu Yulia: Kerupuk Ikan Tenggiri Bengkulu 250 g',
      'Kerupuk Ikan Bu Yulia: Kerupuk Udang 200 g',
      'Kerupuk Ikan Cahaya: Kerupuk Udang 200 g',
    ]);
    const json = (await get('/api/public/feeds/17.71/products.json')).json();
    expect(json.region).toEqual({ code: '17.71', name: 'Kota Bengkulu' });
    expect(json.items.map((i: { id: string }) => i.id).sort()).toEqual(rows.map((r) => r.sku).sort());
    for (const i of json.items) {
      expect(i.stores.length).toBeGreaterThan(0);
      expect(Number.isInteger(i.price)).toBe(true);
    }
  });
});

describe('serving feeds to pollers', () => {
  it('answers 304 to If-None-Match with the ETag it gave', async () => {
    const first = await get('/api/public/feeds/17.71/products.json');
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    expect(first.headers['cache-control']).toMatch(/^public/);
    const again = await get('/api/public/feeds/17.71/products.json', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('bad requests are 4xx with a bilingual message', async () => {
    for (const [url, status] of [
      ['/api/public/feeds/17.71/semua.xlsx', 400],
      ['/api/public/feeds/kota/products.json', 400],
      ['/api/public/feeds/99.99/products.json', 404],
      ['/api/public/photos/abc/w640.webp', 400],
      [`/api/public/photos/${'0'.repeat(64)}/w640.webp`, 404],
      [`/api/public/photos/${'0'.repeat(64)}/original`, 400],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.json().error.message.id, url).toBeTruthy();
      expect(res.json().error.message.en, url).toBeTruthy();
      // An error is nobody's to keep: a cache would go on answering it after the cause is gone.
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('a client asking too often is told to wait', async () => {
    const from = { remoteAddress: '10.20.30.40' };
    let last = await t.app.inject({ method: 'GET', url: '/api/public/feeds/76.04/products.json', ...from });
    for (let i = 0; i < 25 && last.statusCode === 200; i++) {
      last = await t.app.inject({ method: 'GET', url: '/api/public/feeds/76.04/products.json', ...from });
    }
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.json().error.message.id).toBeTruthy();
    expect(last.json().error.message.en).toBeTruthy();
    // Someone else is still served.
    expect((await get('/api/public/feeds/76.04/products.json')).statusCode).toBe(200);
  });
});
