// The private-field scan of issue 13: everything the public can reach without signing in — every public API
// route, every server-rendered catalogue page (crawled from the home by its own links, in both languages) —
// is read, and none of it may hold what is not public: a maker's NIB, her name as a person, her home's
// coordinates or address, her phone unless she chose to show it, supplier prices, people's emails, or the
// ids of agreements, plans, placements, curation records, users and outlets. The private values are read
// from the database, so the scan fails on a leak of any of them, not only of the ones imagined here.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** `value` occurs in `body` as a whole token: a coordinate -6.175 is not found inside -6.1751. */
const holds = (body: string, value: string) =>
  body.includes(value) && new RegExp(`(?<![\\w.])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`).test(body);

interface Fetched {
  url: string;
  body: string;
}

/** Every public page and JSON answer, reached the way a crawler would: the home, then each link it finds. */
async function crawl(): Promise<Fetched[]> {
  const seen = new Set<string>();
  const out: Fetched[] = [];
  const queue = ['/katalog', '/katalog?lang=en', '/api/public/products?limit=200', '/api/public/regions/17.71'];
  // Every feed of every region with outlets (the demo's four regencies).
  for (const code of ['17.71', '16.02', '36.04', '76.04'])
    for (const file of ['merchant.tsv', 'local-inventory.tsv', 'marketplace.csv', 'products.json'])
      queue.push(`/api/public/feeds/${code}/${file}`);
  while (queue.length > 0 && out.length < 2000) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await t.as(null, { method: 'GET', url });
    expect(res.statusCode, url).toBeLessThan(500);
    if (res.statusCode !== 200) continue;
    out.push({ url, body: res.body });
    const type = String(res.headers['content-type'] ?? '');
    if (type.includes('html')) {
      for (const m of res.body.matchAll(/(?:href|src)="(\/[^"#]*)"/g)) {
        const link = (m[1] as string).replace(/&amp;/g, '&');
        if (link.startsWith('/katalog')) queue.push(link);
      }
    } else if (type.includes('json') && url.startsWith('/api/public/') && !url.startsWith('/api/public/feeds/')) {
      // The JSON twins of what the pages show.
      const json = JSON.parse(res.body);
      for (const item of json.items ?? []) {
        queue.push(`/api/public/products/${item.id}`, `/api/public/makers/${item.maker.id}`);
        queue.push(`/api/public/products/${item.id}?lat=-3.8&lon=102.27`);
      }
      for (const p of json.madeIn ?? []) queue.push(`/api/public/regions/${p.code}`);
    }
  }
  return out;
}

describe('nothing private reaches the public catalogue', () => {
  it('crawls every kind of public page and answer', async () => {
    const pages = await crawl();
    const kinds = (re: RegExp) => pages.filter((p) => re.test(p.url)).length;
    expect(kinds(/^\/katalog(\?|$)/)).toBeGreaterThan(0);
    expect(kinds(/^\/katalog\/produk\//)).toBeGreaterThan(20);
    expect(kinds(/^\/katalog\/pembuat\//)).toBeGreaterThan(5);
    expect(kinds(/^\/katalog\/wilayah\//)).toBeGreaterThan(0);
    expect(kinds(/^\/katalog\/lokasi\.js/)).toBe(1);
    expect(kinds(/^\/api\/public\/products\?/)).toBeGreaterThan(0);
    expect(kinds(/^\/api\/public\/products\/[^?]+$/)).toBeGreaterThan(20);
    expect(kinds(/^\/api\/public\/makers\//)).toBeGreaterThan(5);
    expect(kinds(/^\/api\/public\/regions\//)).toBeGreaterThan(0);
    expect(kinds(/^\/api\/public\/feeds\//)).toBe(16);
    // Every public API route was read (the route table is the app's own).
    const publicRoutes = [...t.app.routePolicies.entries()]
      .filter(([k, a]) => a === 'catalogue.read' && k.startsWith('GET '))
      .map(([k]) => k);
    expect(publicRoutes.sort()).toEqual([
      'GET /api/public/feeds/:code/:file',
      'GET /api/public/makers/:id',
      'GET /api/public/photos/:sha256/:size',
      'GET /api/public/products',
      'GET /api/public/products/:id',
      'GET /api/public/regions/:code',
    ]);

    const db = t.handle.db;
    const secrets: { what: string; value: string }[] = [];
    const add = (what: string, values: (string | null | undefined)[]) => {
      for (const v of values) if (v && v.length >= 4) secrets.push({ what, value: v });
    };
    const makers = await db
      .selectFrom('umkm_profiles')
      .select(['nib', 'owner_name', 'phone', 'show_phone', 'address', 'lat', 'lon'])
      .execute();
    add(
      'NIB',
      makers.map((m) => m.nib),
    );
    add(
      "owner's name",
      makers.map((m) => m.owner_name),
    );
    add(
      'home address',
      makers.map((m) => m.address),
    );
    add(
      'phone not shown',
      makers.filter((m) => !m.show_phone).map((m) => m.phone),
    );
    add(
      'home coordinates',
      makers.flatMap((m) => [String(m.lat), String(m.lon)]),
    );
    add(
      'email',
      (await db.selectFrom('users').select('email').execute()).map((u) => u.email),
    );
    for (const [what, table] of [
      ['user id', 'users'],
      ['agreement id', 'agreements'],
      ['agreement version id', 'agreement_versions'],
      ['placement id', 'placements'],
      ['placement plan id', 'placement_plans'],
      ['curation round id', 'curation_rounds'],
      ['curation entry id', 'curation_entries'],
      ['outlet id', 'outlets'],
      ['purchase order id', 'purchase_orders'],
      ['statement id', 'settlement_statements'],
    ] as const) {
      add(
        what,
        (await sql<{ id: string }>`SELECT id::text AS id FROM ${sql.table(table)}`.execute(db)).rows.map((r) => r.id),
      );
    }
    expect(secrets.length).toBeGreaterThan(1000);

    const leaks: string[] = [];
    for (const page of pages) {
      for (const s of secrets) if (holds(page.body, s.value)) leaks.push(`${page.url}: ${s.what} ${s.value}`);
      // No field of a private kind, whatever its value.
      if (/"(supplierPrice|supplier_price|nib|ownerName|owner_name|email|phone_hidden|umkmLat|umkmLon)"/.test(page.body))
        leaks.push(`${page.url}: a private field name`);
    }
    expect(leaks.slice(0, 20)).toEqual([]);

    // Supplier prices: a product's page never states the price its maker sells to the chain at (unless it
    // happens to equal a shelf price the page shows).
    const products = await db.selectFrom('products').select(['id', 'supplier_price', 'retail_price']).execute();
    const wrong: string[] = [];
    for (const p of products) {
      const page = pages.find((x) => x.url === `/api/public/products/${p.id}`);
      if (!page) continue;
      const answer = JSON.parse(page.body) as { offers: { shelfPrice: number }[] };
      const shelf = new Set(answer.offers.map((o) => o.shelfPrice));
      const supplier = Number(p.supplier_price);
      if (shelf.has(supplier)) continue;
      if (page.body.includes(`:${supplier},`) || page.body.includes(`:${supplier}}`)) wrong.push(`${p.id} json`);
      const html = pages.find((x) => x.url === `/katalog/produk/${p.id}`);
      const rupiah = `Rp${supplier.toLocaleString('id-ID')}`;
      if (html?.body.includes(rupiah)) wrong.push(`${p.id} html ${rupiah}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a maker who shows her phone has it on her page; nobody else’s is there', async () => {
    const shown = await sql<{ id: string; phone: string }>`
      SELECT organization_id AS id, phone FROM umkm_profiles WHERE show_phone AND phone IS NOT NULL`.execute(t.handle.db);
    expect(shown.rows.length).toBeGreaterThan(0);
    for (const m of shown.rows) {
      const res = await t.as(null, { method: 'GET', url: `/api/public/makers/${m.id}` });
      expect(res.json().phone).toBe(m.phone);
    }
  });

  it('public answers are kept by shared caches only when nothing personal is in them', async () => {
    const res = await t.as(null, { method: 'GET', url: '/api/public/products' });
    expect(res.headers['cache-control']).toMatch(/public/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
