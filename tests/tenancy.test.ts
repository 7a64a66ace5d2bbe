// Tenancy with the demo data: a chain never sees the other chain's outlets, a Dinas sees its region,
// a UMKM only itself, a mentor only their assignments. A foreign id answers 404, not 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type TestApp, testApp } from './app.ts';

let t: TestApp;
const get = async (who: string | null, url: string) => {
  const res = await t.as(who && demo(who), { method: 'GET', url });
  return { status: res.statusCode, body: res.json() };
};
let indomaretOutletIds: string[];
let alfamartOutletIds: string[];

beforeAll(async () => {
  t = await testApp();
  indomaretOutletIds = (await get('indomaret', '/api/outlets?regionCode=17.71&limit=500')).body.items.map((o: { id: string }) => o.id);
  alfamartOutletIds = (await get('alfamart', '/api/outlets?regionCode=17.71&limit=500')).body.items.map((o: { id: string }) => o.id);
});
afterAll(() => t.close());

describe('chains', () => {
  it('Alfamart sees its 75 outlets in Kota Bengkulu, Indomaret its 98', async () => {
    expect((await get('alfamart', '/api/outlets?regionCode=17.71')).body.total).toBe(75);
    expect((await get('indomaret', '/api/outlets?regionCode=17.71')).body.total).toBe(98);
    expect((await get('alfamart', '/api/outlets?regionCode=17')).body.total).toBe(75);
  });

  it('Alfamart cannot read, change or archive any Indomaret outlet: 404', async () => {
    expect(indomaretOutletIds).toHaveLength(98);
    for (const id of indomaretOutletIds) {
      expect((await get('alfamart', `/api/outlets/${id}`)).status).toBe(404);
    }
    const id = indomaretOutletIds[0];
    const patch = await t.as(demo('alfamart'), { method: 'PATCH', url: `/api/outlets/${id}`, payload: { localSlots: 0 } });
    expect(patch.statusCode).toBe(404);
    const archive = await t.as(demo('alfamart'), { method: 'POST', url: `/api/outlets/${id}/archive` });
    expect(archive.statusCode).toBe(404);
    expect((await get('indomaret', `/api/outlets/${id}`)).body.localSlots).toBeGreaterThan(0);
  });

  it('no Alfamart answer mentions an Indomaret outlet', async () => {
    const all = await get('alfamart', '/api/outlets?limit=500');
    expect(all.body.items.every((o: { chainCode: string }) => o.chainCode === 'alfamart')).toBe(true);
    const search = await get('alfamart', '/api/outlets?q=indomaret&limit=500');
    expect(search.body.items.every((o: { id: string }) => !indomaretOutletIds.includes(o.id))).toBe(true);
  });

  it('Indomaret cannot read an Alfamart outlet', async () => {
    expect((await get('indomaret', `/api/outlets/${alfamartOutletIds[0]}`)).status).toBe(404);
  });
});

describe('Dinas', () => {
  it('Pemkab Serang sees its 375 UMKM and none of OKI', async () => {
    expect((await get('pemda.serang', '/api/umkm?regionCode=36.04')).body.total).toBe(375);
    expect((await get('pemda.serang', '/api/umkm?regionCode=16.02')).body.total).toBe(0);
    expect((await get('pemda.serang', '/api/umkm')).body.total).toBe(375);
  });

  it('a Dinas cannot read a UMKM of another region: 404', async () => {
    const oki = (await get('admin', '/api/umkm?regionCode=16.02&limit=1')).body.items[0];
    expect((await get('pemda.serang', `/api/umkm/${oki.id}`)).status).toBe(404);
    expect((await get('pemda.bengkulu', `/api/umkm/${oki.id}`)).status).toBe(404);
  });

  it('a province sees its regencies', async () => {
    const sulbar = await get('pemda.sulbar', '/api/umkm?limit=500');
    expect(sulbar.body.total).toBeGreaterThan(0);
    expect(sulbar.body.items.every((u: { provinceCode: string }) => u.provinceCode === '76')).toBe(true);
  });
});

describe('UMKM and mentors', () => {
  it('a UMKM sees only its own business and products', async () => {
    const me = (await get('umkm', '/api/me')).body;
    const list = await get('umkm', '/api/umkm');
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].id).toBe(me.organizationId);
    const products = await get('umkm', '/api/products?limit=500');
    expect(products.body.total).toBeGreaterThan(0);
    expect(products.body.items.every((p: { umkmId: string }) => p.umkmId === me.organizationId)).toBe(true);
    const other = (await get('admin', '/api/products?regionCode=36.04&limit=1')).body.items[0];
    expect((await get('umkm', `/api/products/${other.id}`)).status).toBe(404);
    expect((await get('umkm', `/api/umkm/${other.umkmId}`)).status).toBe(404);
  });

  it('a UMKM cannot change another business', async () => {
    const other = (await get('admin', '/api/umkm?regionCode=36.04&limit=1')).body.items[0];
    const res = await t.as(demo('umkm'), { method: 'PATCH', url: `/api/umkm/${other.id}`, payload: { name: 'Diambil alih' } });
    expect(res.statusCode).toBe(404);
  });

  it('a mentor sees only the UMKM assigned to them', async () => {
    const list = await get('mentor', '/api/umkm?limit=500');
    expect(list.body.total).toBeGreaterThan(0);
    expect(list.body.total).toBeLessThan(14);
    const serang = (await get('admin', '/api/umkm?regionCode=36.04&limit=1')).body.items[0];
    expect((await get('mentor', `/api/umkm/${serang.id}`)).status).toBe(404);
    expect((await get('mentor', '/api/outlets')).status).toBe(403);
  });

  it('signed-out callers see no business data', async () => {
    for (const url of ['/api/outlets', '/api/umkm', '/api/products', '/api/organizations', '/api/me']) {
      expect((await get(null, url)).status).toBe(401);
    }
  });
});
