// The public catalogue (C11, issue 13) as a shopper and a maker meet it: an anonymous search for "kerupuk" in
// Kota Bengkulu lists the placed kerupuk with the outlets carrying them, nearest first from where she stands;
// what a maker has not published, or no outlet carries, is not there; a maker publishes and hides her own
// products and nobody else's; the server-rendered pages say the same in HTML, with JSON-LD for search engines.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type TestApp, testApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const anon = (url: string) => t.as(null, { method: 'GET', url });
/** The text of an HTML page a reader sees: no style, script or attribute. */
const visible = (html: string) =>
  html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

async function productId(maker: string, name: string): Promise<string> {
  const r = await sql<{ id: string }>`
    SELECT p.id FROM products p JOIN organizations u ON u.id = p.umkm_id WHERE u.name = ${maker} AND p.name = ${name}`.execute(t.handle.db);
  const id = r.rows[0]?.id;
  if (!id) throw new Error(`${maker}: ${name}`);
  return id;
}

/** Great-circle distance in km, written here independently of catalogue.rules.ts. */
function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

// Simpang Lima, Kota Bengkulu: where the shopper stands.
const HERE = { lat: -3.7956, lon: 102.2592 };

describe('an anonymous shopper looking for kerupuk in Kota Bengkulu', () => {
  it('finds the placed kerupuk, each with how many outlets carry it and its shelf price', async () => {
    const res = await anon('/api/public/products?q=kerupuk&region=17.71');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const names = body.items.map((i: { maker: { name: string }; name: string }) => `${i.maker.name}: ${i.name}`).sort();
    expect(names).toEqual([
      'Kerupuk Ikan Bu Yulia: Kerupuk Ikan Tenggiri Bengkulu 250 g',
      'Kerupuk Ikan Bu Yulia: Kerupuk Udang 200 g',
      'Kerupuk Ikan Cahaya: Kerupuk Udang 200 g',
    ]);
    expect(body.total).toBe(3);
    for (const item of body.items) {
      expect(item.outlets).toBeGreaterThan(0);
      expect(item.priceMin).toBeGreaterThan(0);
      expect(Number.isInteger(item.priceMin)).toBe(true);
    }
  });

  it('an unplaced product and an unpublished one are absent, whatever the search', async () => {
    const unplaced = await productId('Kerupuk Ikan Bu Sri Wahyuni', 'Kerupuk Udang 200 g');
    const unpublished = await productId('Kerupuk Ikan Cahaya', 'Keripik Kulit Ikan 100 g');
    // The demo's facts these rest on: one is published but on no shelf, the other on shelves but not published.
    const facts = await sql<{ id: string; published: boolean; placed: boolean }>`
      SELECT p.id, p.published_at IS NOT NULL AS published,
        EXISTS (SELECT 1 FROM placements pl WHERE pl.product_id = p.id AND pl.ends_on IS NULL) AS placed
      FROM products p WHERE p.id IN (${unplaced}, ${unpublished})`.execute(t.handle.db);
    expect(facts.rows.find((r) => r.id === unplaced)).toMatchObject({ published: true, placed: false });
    expect(facts.rows.find((r) => r.id === unpublished)).toMatchObject({ published: false, placed: true });
    for (const q of ['', '?q=kerupuk', '?q=keripik', '?region=17.71', '?q=Sri%20Wahyuni', '?limit=200']) {
      const ids = (await anon(`/api/public/products${q}`)).json().items.map((i: { id: string }) => i.id);
      expect(ids, q).not.toContain(unplaced);
      expect(ids, q).not.toContain(unpublished);
    }
    for (const id of [unplaced, unpublished]) {
      expect((await anon(`/api/public/products/${id}`)).statusCode).toBe(404);
      expect((await anon(`/katalog/produk/${id}`)).statusCode).toBe(404);
    }
    // Bu Sri Wahyuni has nothing on offer: she has no public page either.
    const sri = (await sql<{ id: string }>`SELECT id FROM organizations WHERE name = 'Kerupuk Ikan Bu Sri Wahyuni'`.execute(t.handle.db))
      .rows[0]?.id;
    expect((await anon(`/api/public/makers/${sri}`)).statusCode).toBe(404);
  });

  it('a product lists the outlets carrying it, nearest first from her point, with the distance', async () => {
    const id = await productId('Kerupuk Ikan Bu Yulia', 'Kerupuk Udang 200 g');
    const res = await anon(`/api/public/products/${id}?lat=${HERE.lat}&lon=${HERE.lon}`);
    expect(res.statusCode, res.body).toBe(200);
    const offers = res.json().offers as { storeCode: string; lat: number; lon: number; distanceKm: number }[];
    // The outlets the database says carry it today (placement in force).
    const carried = await sql<{ store_code: string }>`
      SELECT o.store_code FROM placements pl JOIN outlets o ON o.id = pl.outlet_id
      WHERE pl.product_id = ${id} AND pl.ends_on IS NULL ORDER BY o.store_code`.execute(t.handle.db);
    expect(offers.map((o) => o.storeCode).sort()).toEqual(carried.rows.map((r) => r.store_code));
    expect(offers.length).toBeGreaterThan(1);
    const distances = offers.map((o) => km(HERE, o));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const [i, o] of offers.entries()) expect(o.distanceKm).toBeCloseTo(distances[i] as number, 0);
    // From the other end of town the order reverses for outlets at different distances.
    const far = { lat: -3.9, lon: 102.35 };
    const back = (await anon(`/api/public/products/${id}?lat=${far.lat}&lon=${far.lon}`)).json().offers as typeof offers;
    const d2 = back.map((o) => km(far, o));
    expect(d2).toEqual([...d2].sort((a, b) => a - b));
  });

  it('the search answers in a clear bilingual error for bad input, never a 500', async () => {
    for (const url of [
      '/api/public/products?region=bengkulu',
      '/api/public/products?limit=0',
      '/api/public/products?category=narkoba',
      '/api/public/products/not-a-uuid',
      '/api/public/products/00000000-0000-4000-8000-000000000000?lat=91&lon=0',
      '/api/public/products/00000000-0000-4000-8000-000000000000?lat=1',
    ]) {
      const res = await anon(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message.id, url).toBeTruthy();
      expect(res.json().error.message.en, url).toBeTruthy();
    }
    // A search with LIKE's own characters finds nothing rather than everything.
    expect((await anon('/api/public/products?q=%25')).json().total).toBe(0);
    expect((await anon('/api/public/products?q=_')).json().total).toBe(0);
  });
});

describe('the server-rendered pages', () => {
  it('the home lists the search results in HTML, with the outlets count, for a phone without JavaScript', async () => {
    const res = await anon('/katalog?q=kerupuk&region=17.71');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('Kerupuk Ikan Tenggiri Bengkulu 250 g');
    expect(res.body).toContain('lang="id"');
    // What the reader sees (not attribute values): no codes, no ISO dates.
    const text = visible(res.body);
    expect(text).toContain('3 produk ditemukan');
    expect(text).not.toMatch(/makanan_ringan|17\.71\.02|\b\d{4}-\d{2}-\d{2}\b/);
    const en = await anon('/katalog?q=kerupuk&region=17.71&lang=en');
    expect(en.body).toContain('lang="en"');
    expect(en.body).toContain('Dry snacks');
  });

  it('a product page carries JSON-LD: a Product whose offers are at the outlets carrying it', async () => {
    const id = await productId('Kerupuk Ikan Bu Yulia', 'Kerupuk Udang 200 g');
    const res = await anon(`/katalog/produk/${id}`);
    expect(res.statusCode).toBe(200);
    const block = res.body.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1];
    expect(block).toBeTruthy();
    const ld = JSON.parse(block as string);
    expect(ld['@type']).toBe('Product');
    expect(ld.name).toBe('Kerupuk Udang 200 g');
    expect(ld.gtin13 ?? ld.gtin).toMatch(/^\d{13}$/);
    const offers = Array.isArray(ld.offers) ? ld.offers : (ld.offers?.offers ?? [ld.offers]);
    expect(offers.length).toBeGreaterThan(0);
    for (const o of offers) {
      expect(o.priceCurrency).toBe('IDR');
      expect(Number(o.price)).toBeGreaterThan(0);
    }
    expect(JSON.stringify(ld)).toContain('Alfamart');
    // Nothing the page prints may close the data block early.
    expect(block).not.toContain('</');
  });

  it('a maker page and a region page', async () => {
    const yulia = (await sql<{ id: string }>`SELECT id FROM organizations WHERE name = 'Kerupuk Ikan Bu Yulia'`.execute(t.handle.db))
      .rows[0]?.id as string;
    const maker = await anon(`/katalog/pembuat/${yulia}`);
    expect(maker.statusCode).toBe(200);
    expect(maker.body).toContain('Pantai Malabero');
    const region = await anon('/katalog/wilayah/17.71');
    expect(region.statusCode).toBe(200);
    expect(region.body).toContain('Kota Bengkulu');
    expect((await anon('/katalog/wilayah/99.99')).statusCode).toBe(404);
    expect((await anon('/katalog/produk/xyz')).statusCode).toBe(404);
    expect((await anon('/katalog/produk/xyz')).headers['content-type']).toMatch(/text\/html/);
  });
});

describe('a maker decides what of hers is public', () => {
  it('she hides a product and it leaves the catalogue; she publishes it again and it is back', async () => {
    const umkm = demo('umkm');
    const mine = await t.as(umkm, { method: 'GET', url: '/api/catalogue/mine' });
    expect(mine.statusCode, mine.body).toBe(200);
    const product = mine.json().products.find((p: { published: boolean; outlets: number }) => p.published && p.outlets > 0);
    expect(product).toBeTruthy();
    expect((await anon(`/api/public/products/${product.id}`)).statusCode).toBe(200);

    const hide = await t.as(umkm, { method: 'PUT', url: `/api/catalogue/mine/products/${product.id}`, payload: { published: false } });
    expect(hide.statusCode, hide.body).toBe(200);
    expect(hide.json().products.find((p: { id: string }) => p.id === product.id).published).toBe(false);
    expect((await anon(`/api/public/products/${product.id}`)).statusCode).toBe(404);
    const logged = await t.handle.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_id', '=', product.id)
      .orderBy('at', 'desc')
      .executeTakeFirst();
    expect(logged?.action).toBe('hide');

    const show = await t.as(umkm, { method: 'PUT', url: `/api/catalogue/mine/products/${product.id}`, payload: { published: true } });
    expect(show.statusCode, show.body).toBe(200);
    expect((await anon(`/api/public/products/${product.id}`)).statusCode).toBe(200);
  });

  it('another maker’s product is not hers to publish: 404, and nothing changes', async () => {
    const other = await productId('Kerupuk Ikan Bu Yulia', 'Kerupuk Udang 200 g');
    const res = await t.as(demo('umkm'), { method: 'PUT', url: `/api/catalogue/mine/products/${other}`, payload: { published: false } });
    expect(res.statusCode).toBe(404);
    expect((await anon(`/api/public/products/${other}`)).statusCode).toBe(200);
  });

  it('her story and her phone appear on her public page only as she chose', async () => {
    const umkm = demo('umkm');
    const org = (await t.handle.db.selectFrom('users').select('organization_id').where('email', '=', umkm).executeTakeFirstOrThrow())
      .organization_id as string;
    const phone = (
      await t.handle.db.selectFrom('umkm_profiles').select('phone').where('organization_id', '=', org).executeTakeFirstOrThrow()
    ).phone;
    const put = (payload: object) => t.as(umkm, { method: 'PUT', url: '/api/catalogue/mine/profile', payload });
    expect((await put({ story: 'Terasi "asli" & gurih dari Tulung Selapan.', showPhone: false })).statusCode).toBe(200);
    let page = await anon(`/api/public/makers/${org}`);
    expect(page.json().story).toBe('Terasi "asli" & gurih dari Tulung Selapan.');
    expect(page.json().phone ?? null).toBeNull();
    const html = await anon(`/katalog/pembuat/${org}`);
    expect(html.body).toContain('Terasi &quot;asli&quot; &amp; gurih dari Tulung Selapan.');
    if (phone) expect(html.body).not.toContain(phone);

    expect((await put({ story: null, showPhone: true })).statusCode).toBe(200);
    page = await anon(`/api/public/makers/${org}`);
    expect(page.json().story ?? null).toBeNull();
    if (phone) expect(page.json().phone).toBe(phone);

    const bad = await put({ story: 'x'.repeat(1501), showPhone: 'ya' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['showPhone', 'story']);
    // Markup is refused, as in every text field.
    expect((await put({ story: 'Terasi <b>asli</b>', showPhone: false })).statusCode).toBe(400);
    await put({ story: null, showPhone: false });
  });
});
