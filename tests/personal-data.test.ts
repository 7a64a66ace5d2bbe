// Personal data of UMKM owners (UU 27/2022): a chain reads the owner's name, phone, NIB, street address,
// village and exact location only of businesses in one of its curation rounds or holding a PKS with it
// past the draft stage; of every other business only the name, district and products. Nor can it find a
// masked business by the owner's name, NIB or village. A Dinas reads its whole region. Uniqueness errors
// say "already registered", never whose. A business cannot move itself out of its Dinas's region.
import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../src/platform/http.ts';
import { demo, type TestApp, testApp } from './app.ts';
import { pdfText } from './pdf.ts';

let t: TestApp;
const get = async (who: string, url: string) => {
  const res = await t.as(demo(who), { method: 'GET', url });
  return { status: res.statusCode, body: res.json(), raw: res.body };
};
const send = (who: string, method: 'POST' | 'PATCH', url: string, payload: object) =>
  t.as(demo(who), { method, url, payload: payload as Record<string, unknown> });

const PERSONAL = ['nib', 'ownerName', 'phone', 'address', 'villageCode', 'lat', 'lon'] as const;

/** The UMKM a chain has a reason to know, in plain SQL: in one of its rounds, or a PKS of it past draft. */
async function reasonFor(chain: string): Promise<Set<string>> {
  const r = await sql<{ id: string }>`
    SELECT e.umkm_id AS id FROM curation_entries e JOIN curation_rounds r ON r.id = e.round_id
      JOIN organizations c ON c.id = r.chain_id WHERE c.chain_code = ${chain}
    UNION
    SELECT a.umkm_id FROM agreements a JOIN organizations c ON c.id = a.chain_id
      WHERE a.kind = 'pks' AND c.chain_code = ${chain}
        AND EXISTS (SELECT 1 FROM agreement_versions v WHERE v.agreement_id = a.id AND v.status <> 'draft' AND v.status <> 'withdrawn')`.execute(
    t.handle.db,
  );
  return new Set(r.rows.map((x) => x.id));
}

interface Owner {
  id: string;
  name: string;
  owner_name: string;
  nib: string | null;
  village_code: string;
  district_code: string;
  phone: string | null;
}
async function owners(): Promise<Owner[]> {
  return (
    await sql<Owner>`SELECT o.id, o.name, p.owner_name, p.nib, p.village_code, p.district_code, p.phone
      FROM organizations o JOIN umkm_profiles p ON p.organization_id = o.id WHERE o.archived_at IS NULL ORDER BY o.name`.execute(
      t.handle.db,
    )
  ).rows;
}

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('a chain reading UMKM', () => {
  for (const chain of ['alfamart', 'indomaret']) {
    it(`${chain}: personal data exactly for the businesses it has a reason to know, in the list and each detail`, async () => {
      const reason = await reasonFor(chain);
      const all = await owners();
      expect(reason.size).toBeGreaterThan(0);
      expect(reason.size).toBeLessThan(all.length);
      const list = await get(chain, '/api/umkm?limit=500&offset=0');
      const rest = await get(chain, '/api/umkm?limit=500&offset=500');
      const items = [...list.body.items, ...rest.body.items];
      expect(items).toHaveLength(all.length);
      for (const u of items) {
        expect(u.personalData, u.name).toBe(reason.has(u.id));
        for (const f of PERSONAL) if (!u.personalData) expect(u[f], `${u.name}.${f}`).toBeNull();
        expect(u.districtCode).toMatch(/^\d{2}\.\d{2}\.\d{2}$/);
      }
      // No owner's name of a masked business appears anywhere in the answer.
      const masked = all.filter((o) => !reason.has(o.id));
      const raw = list.raw + rest.raw;
      const knownOwners = new Set(all.filter((o) => reason.has(o.id)).map((o) => o.owner_name));
      for (const o of masked.filter((m) => !knownOwners.has(m.owner_name))) {
        expect(raw.includes(o.owner_name), o.owner_name).toBe(false);
        if (o.phone) expect(raw.includes(o.phone)).toBe(false);
      }
      const known = all.find((o) => reason.has(o.id)) as Owner;
      const open = await get(chain, `/api/umkm/${known.id}`);
      expect(open.body).toMatchObject({ personalData: true, ownerName: known.owner_name, villageCode: known.village_code });
      const hidden = masked[0] as Owner;
      const closed = await get(chain, `/api/umkm/${hidden.id}`);
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ name: hidden.name, districtCode: hidden.district_code, personalData: false });
      for (const f of PERSONAL) expect(closed.body[f]).toBeNull();
      // Its products stay readable.
      expect((await get(chain, `/api/products?umkmId=${hidden.id}`)).status).toBe(200);
    });
  }

  it('cannot find a masked business by its owner, NIB or village', async () => {
    const reason = await reasonFor('alfamart');
    const hidden = (await owners()).filter((o) => !reason.has(o.id) && o.nib);
    expect(hidden.length).toBeGreaterThan(3);
    for (const o of hidden.slice(0, 5)) {
      const byOwner = await get('alfamart', `/api/umkm?q=${encodeURIComponent(o.owner_name)}&limit=500`);
      expect(byOwner.body.items.map((u: { id: string }) => u.id)).not.toContain(o.id);
      const byNib = await get('alfamart', `/api/umkm?q=${o.nib}`);
      expect(byNib.body.total).toBe(0);
      const byVillage = await get('alfamart', `/api/umkm?regionCode=${o.village_code}&limit=500`);
      expect(byVillage.body.items.map((u: { id: string }) => u.id)).not.toContain(o.id);
      const productsInVillage = await get('alfamart', `/api/products?regionCode=${o.village_code}&limit=500`);
      expect(productsInVillage.body.items.map((p: { umkmId: string }) => p.umkmId)).not.toContain(o.id);
      const productsInDistrict = await get('alfamart', `/api/products?regionCode=${o.district_code}&limit=500`);
      expect(productsInDistrict.body.items.map((p: { umkmId: string }) => p.umkmId)).toContain(o.id);
      // The Dinas finds it every way.
      expect((await get('admin', `/api/umkm?q=${o.nib}`)).body.items[0].id).toBe(o.id);
    }
    // A business it knows is found by its owner's name.
    const known = (await owners()).find((o) => reason.has(o.id)) as Owner;
    const found = await get('alfamart', `/api/umkm?q=${encodeURIComponent(known.owner_name)}`);
    expect(found.body.items.map((u: { id: string }) => u.id)).toContain(known.id);
  });

  it('names a permit scan (a certificate with the owner’s name) only where the owner is known', async () => {
    const reason = await reasonFor('alfamart');
    const sha = 'a'.repeat(64);
    await sql`INSERT INTO files (sha256, mime, size_bytes) VALUES (${sha}, 'application/pdf', 10)`.execute(t.handle.db);
    // One permit of a business Alfamart knows and one of a business it does not get the scan.
    const pick = async (known: boolean) => {
      const r = await sql<{ id: string; product_id: string; umkm_id: string }>`
        SELECT pp.id, pp.product_id, p.umkm_id FROM product_permits pp JOIN products p ON p.id = pp.product_id
        WHERE pp.archived_at IS NULL AND p.archived_at IS NULL ORDER BY pp.id`.execute(t.handle.db);
      return r.rows.find((x) => reason.has(x.umkm_id) === known) as { id: string; product_id: string; umkm_id: string };
    };
    const known = await pick(true);
    const unknown = await pick(false);
    await sql`UPDATE product_permits SET scan_sha256 = ${sha} WHERE id IN (${known.id}, ${unknown.id})`.execute(t.handle.db);
    const scan = async (who: string, p: { id: string; product_id: string }) =>
      (await get(who, `/api/products/${p.product_id}`)).body.permits.find((x: { id: string }) => x.id === p.id);
    expect(await scan('alfamart', known)).toMatchObject({ scanSha256: sha });
    const hidden = await scan('alfamart', unknown);
    expect(hidden).toMatchObject({ scanSha256: null });
    expect(hidden.number).toBeTruthy();
    expect(await scan('admin', unknown)).toMatchObject({ scanSha256: sha });
    const listed = await get('alfamart', `/api/products?umkmId=${unknown.umkm_id}`);
    expect(listed.raw).not.toContain(sha);
  });

  it('a PKS draft the chain writes alone does not unlock a business', async () => {
    const reason = await reasonFor('alfamart');
    const mou = (await get('alfamart', '/api/agreements?kind=mou&limit=50')).body.items.find(
      (m: { regionCode: string }) => m.regionCode === '17.71',
    );
    expect(mou).toBeDefined();
    const target = (await owners()).find((o) => o.village_code.startsWith('17.71.') && !reason.has(o.id)) as Owner;
    const tpl = await get('alfamart', `/api/agreements/pks-template?mouId=${mou.id}&umkmId=${target.id}`);
    expect(tpl.status, tpl.raw).toBe(200);
    const draft = await send('alfamart', 'POST', '/api/agreements/pks', {
      ...tpl.body,
      products: tpl.body.products.map((p: { productId: string; supplierPrice: number; shelfPrice: number }) => ({
        productId: p.productId,
        supplierPrice: p.supplierPrice,
        shelfPrice: p.shelfPrice,
      })),
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const after = await get('alfamart', `/api/umkm/${target.id}`);
    expect(after.body.personalData).toBe(false);
    expect(after.body.ownerName).toBeNull();
    // Nor through the draft's PDF preview: it names the business, not its owner, NIB or address.
    const pdf = await t.as(demo('alfamart'), { method: 'GET', url: `/api/agreements/${draft.json().id}/versions/1/document.pdf` });
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(target.name);
    expect(text).not.toContain(target.owner_name);
    if (target.nib) expect(text).not.toContain(target.nib);
    // The Dinas, who may read it, sees the owner in the same preview.
    const seen = await t.as(demo('pemda.bengkulu'), { method: 'GET', url: `/api/agreements/${draft.json().id}/versions/1/document.pdf` });
    expect(seen.statusCode).toBe(200);
    expect(await pdfText(seen.rawPayload)).toContain(target.owner_name);
  });
});

describe('others reading UMKM', () => {
  it('a Dinas reads the personal data of every business in its region; a UMKM its own', async () => {
    const serang = await get('pemda.serang', '/api/umkm?limit=500');
    expect(serang.body.total).toBeGreaterThan(300);
    expect(serang.body.items.every((u: { personalData: boolean; ownerName: string }) => u.personalData && u.ownerName)).toBe(true);
    const mine = await get('umkm', '/api/umkm');
    expect(mine.body.items[0]).toMatchObject({ personalData: true });
    expect(mine.body.items[0].ownerName).toBeTruthy();
  });
});

describe('uniqueness errors', () => {
  it('a NIB or GTIN taken says "already registered", not by whom', async () => {
    const oki = (await owners()).find((o) => o.nib && o.village_code.startsWith('16.02.')) as Owner;
    const village = (
      await sql<{ code: string }>`SELECT code FROM regions WHERE code LIKE '36.04.%' AND level = 'village' LIMIT 1`.execute(t.handle.db)
    ).rows[0]?.code;
    const res = await send('pemda.serang', 'POST', '/api/umkm', {
      name: 'Usaha Baru',
      nib: oki.nib,
      ownerName: 'Siti Aminah',
      address: 'Jl. Raya 1',
      villageCode: village,
      lat: -6.1,
      lon: 106.1,
      weeklyCapacity: 10,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'nib_taken', field: 'nib', message: { id: 'NIB sudah terdaftar.' } });
    expect(res.body).not.toContain(oki.name);
    expect(res.body).not.toContain(oki.id);
    const product = (
      await sql<{ gtin: string; umkm: string; name: string }>`
      SELECT p.gtin, o.name AS umkm, p.name FROM products p JOIN organizations o ON o.id = p.umkm_id
      WHERE p.gtin IS NOT NULL AND p.archived_at IS NULL LIMIT 1`.execute(t.handle.db)
    ).rows[0];
    const me = (await get('umkm', '/api/me')).body;
    const dup = await send('umkm', 'POST', '/api/products', {
      name: 'Terasi Baru',
      category: 'bumbu_sambal',
      gtin: product?.gtin,
      netContent: 100,
      netUnit: 'g',
      supplierPrice: 8000,
      retailPrice: 10000,
      shelfLifeDays: 180,
      storage: 'ambient',
    });
    expect(dup.statusCode, dup.body).toBe(409);
    expect(dup.json().error).toMatchObject({ field: 'gtin', message: { id: 'GTIN (kode batang) sudah terdaftar.' } });
    expect(dup.body).not.toContain(product?.umkm);
    expect(dup.body).not.toContain(product?.name);
    expect(me.organizationId).toBeTruthy();
  });

  it('five Dinas staff registering the same NIB at once: one wins, the others hear "already registered" on nib', async () => {
    const village = (
      await sql<{ code: string }>`SELECT code FROM regions WHERE code LIKE '36.04.%' AND level = 'village' LIMIT 1`.execute(t.handle.db)
    ).rows[0]?.code;
    const create = (i: number) =>
      send('pemda.serang', 'POST', '/api/umkm', {
        name: `Usaha Kembar ${i}`,
        nib: '9120000000001',
        ownerName: 'Rahmat Hidayat',
        address: 'Jl. Raya 2',
        villageCode: village,
        lat: -6.1,
        lon: 106.1,
        weeklyCapacity: 10,
      });
    const answers = await Promise.all([0, 1, 2, 3, 4].map(create));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) {
      expect(a.json().error).toMatchObject({ field: 'nib', message: { id: 'NIB sudah terdaftar.' } });
      expect(a.body).not.toMatch(/_key|umkm_profiles|Usaha Kembar/);
    }
  });

  it('a duplicate caught by the database (two requests racing) names the field, never the constraint', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    const pgError = (constraint: string) => Object.assign(new Error('duplicate key'), { code: '23505', constraint });
    app.get('/nib', async () => {
      throw pgError('umkm_profiles_nib_key');
    });
    app.get('/number', async () => {
      throw pgError('agreements_number_key');
    });
    app.get('/other', async () => {
      throw pgError('some_future_idx');
    });
    const nib = await app.inject({ url: '/nib' });
    expect(nib.statusCode).toBe(409);
    expect(nib.json().error).toMatchObject({
      code: 'duplicate',
      field: 'nib',
      message: { id: 'NIB sudah terdaftar.', en: 'NIB is already registered.' },
    });
    const num = await app.inject({ url: '/number' });
    expect(num.json().error.field).toBe('number');
    const other = await app.inject({ url: '/other' });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.field).toBeUndefined();
    for (const r of [nib, num, other]) expect(r.body).not.toMatch(/_key|_idx|umkm_profiles|agreements_/);
    await app.close();
  });
});

describe('moving a UMKM to another village', () => {
  it('the business itself is refused (its Dinas records a move); its own village unchanged is fine', async () => {
    const me = (await get('umkm', '/api/me')).body;
    const u = (await get('umkm', `/api/umkm/${me.organizationId}`)).body;
    const elsewhere = (
      await sql<{ code: string }>`SELECT code FROM regions WHERE code LIKE '36.04.%' AND level = 'village' LIMIT 1`.execute(t.handle.db)
    ).rows[0]?.code;
    const move = await send('umkm', 'PATCH', `/api/umkm/${u.id}`, { villageCode: elsewhere });
    expect(move.statusCode).toBe(403);
    expect(move.json().error).toMatchObject({ code: 'move_needs_dinas', field: 'villageCode' });
    expect(move.json().error.message.id).toContain('Dinas');
    expect(move.json().error.message.en).toContain('Dinas');
    expect((await get('umkm', `/api/umkm/${u.id}`)).body.villageCode).toBe(u.villageCode);
    // Still in its Dinas's view.
    expect((await get('pemda.oki', `/api/umkm/${u.id}`)).status).toBe(200);
    const same = await send('umkm', 'PATCH', `/api/umkm/${u.id}`, { villageCode: u.villageCode, phone: '081234567890' });
    expect(same.statusCode, same.body).toBe(200);
  });

  it('its Dinas moves it inside the region, not out of it; an admin anywhere', async () => {
    const me = (await get('umkm', '/api/me')).body;
    const u = (await get('umkm', `/api/umkm/${me.organizationId}`)).body;
    const village = async (prefix: string) =>
      (
        await sql<{
          code: string;
        }>`SELECT code FROM regions WHERE code LIKE ${`${prefix}.%`} AND level = 'village' AND code <> ${u.villageCode}
          ORDER BY code LIMIT 1`.execute(t.handle.db)
      ).rows[0]?.code as string;
    const inOki = await village('16.02');
    const ok = await send('pemda.oki', 'PATCH', `/api/umkm/${u.id}`, { villageCode: inOki });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().villageCode).toBe(inOki);
    const out = await send('pemda.oki', 'PATCH', `/api/umkm/${u.id}`, { villageCode: await village('36.04') });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.field).toBe('villageCode');
    const back = await send('admin', 'PATCH', `/api/umkm/${u.id}`, { villageCode: u.villageCode });
    expect(back.statusCode).toBe(200);
  });
});
