// The queries other capabilities read, on edge dates: a PKS binds from its start day through its end
// day; an amendment takes over on its start day (a product it drops stops being eligible that day); a
// termination stops it on its effective day. MoU relaxations follow the MoU's region, chain and period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type TestApp, testApp } from '../../../tests/app.ts';
import { activePks, eligibleProducts, mouRelaxations, termsInForce } from './agreements.queries.ts';

let t: TestApp;
let pksId: string;
let umkmId: string;
let kept: string;
let dropped: string;
let outletId: string;
let okiVillage: string;

const call = async (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
  const res = await t.as(demo(who), { method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.json() };
};
const eligible = async (date: string, chainCode: 'alfamart' | 'indomaret' = 'alfamart', regionCode = '16.02') =>
  (await eligibleProducts(t.handle.db, { chainCode, regionCode, date })).map((e) => e.productId);

beforeAll(async () => {
  t = await testApp();
  const me = (await call('umkm', 'GET', '/api/me')).body;
  umkmId = me.organizationId;
  const list = (await call('umkm', 'GET', '/api/agreements?kind=pks')).body.items;
  pksId = list[0].id;
  const detail = (await call('umkm', 'GET', `/api/agreements/${pksId}`)).body;
  [kept, dropped] = detail.current.pks.products.map((p: { productId: string }) => p.productId);
  const outlet = await t.handle.db
    .selectFrom('outlets')
    .innerJoin('organizations as c', 'c.id', 'outlets.chain_id')
    .select('outlets.id')
    .where('c.chain_code', '=', 'alfamart')
    .where('outlets.district_code', 'like', '16.02.%')
    .orderBy('outlets.id')
    .executeTakeFirstOrThrow();
  outletId = outlet.id;
  const p = await t.handle.db
    .selectFrom('umkm_profiles')
    .select('village_code')
    .where('organization_id', '=', umkmId)
    .executeTakeFirstOrThrow();
  okiVillage = p.village_code;
});
afterAll(() => t.close());

describe('start and end days of the demo OKI PKS (2026-02-01 → 2027-12-31)', () => {
  it('is eligible from the start day through the end day, not a day outside', async () => {
    expect(dropped).toBeTruthy();
    expect(await eligible('2026-01-31')).not.toContain(kept);
    expect(await eligible('2026-02-01')).toEqual(expect.arrayContaining([kept, dropped]));
    expect(await eligible('2027-12-31')).toEqual(expect.arrayContaining([kept, dropped]));
    expect(await eligible('2028-01-01')).toEqual([]);
    // The OKI products are Alfamart's only, and only in OKI (a village or district code works as the region).
    expect(await eligible('2026-06-01', 'indomaret')).toEqual([]);
    expect(await eligible('2026-06-01', 'alfamart', '36.04')).not.toContain(kept);
    expect(await eligible('2026-06-01', 'alfamart', okiVillage)).toEqual(expect.arrayContaining([kept, dropped]));
    expect((await eligible('2026-06-01')).length).toBeGreaterThanOrEqual(14);
  });

  it('finds the active PKS and the terms at an OKI outlet of the chain', async () => {
    expect(await activePks(t.handle.db, { umkmId, chainCode: 'alfamart', date: '2026-01-31' })).toBeNull();
    expect(await activePks(t.handle.db, { umkmId, chainCode: 'alfamart', date: '2026-02-01' })).toMatchObject({
      agreementId: pksId,
      version: 1,
    });
    expect(await activePks(t.handle.db, { umkmId, chainCode: 'indomaret', date: '2026-06-01' })).toBeNull();
    const terms = await termsInForce(t.handle.db, { productId: kept, outletId, date: '2026-06-01' });
    expect(terms).toMatchObject({
      agreementId: pksId,
      tradeModel: 'konsinyasi',
      paymentTermDays: 30,
      settlementPeriod: 'monthly',
      marginBp: 2000,
    });
    expect(terms && terms.shelfPrice >= terms.supplierPrice).toBe(true);
    const indomaretOutlet = await t.handle.db
      .selectFrom('outlets')
      .innerJoin('organizations as c', 'c.id', 'outlets.chain_id')
      .select('outlets.id')
      .where('c.chain_code', '=', 'indomaret')
      .where('outlets.district_code', 'like', '16.02.%')
      .executeTakeFirstOrThrow();
    expect(await termsInForce(t.handle.db, { productId: kept, outletId: indomaretOutlet.id, date: '2026-06-01' })).toBeNull();
  });
});

describe('amended and terminated', () => {
  it('an amendment from 2027-01-01 dropping a product and raising a price takes over on its start day', async () => {
    const amend = await call('alfamart', 'POST', `/api/agreements/${pksId}/amend`, { changeNote: 'Satu produk saja; harga pemasok naik.' });
    expect(amend.status).toBe(200);
    const v1 = amend.body.versions[0];
    const before = (await call('alfamart', 'GET', `/api/agreements/${pksId}/versions/1`)).body.pks.products.find(
      (p: { productId: string }) => p.productId === kept,
    );
    const patch = await call('alfamart', 'PATCH', `/api/agreements/pks/${pksId}`, {
      startsOn: '2027-01-01',
      paymentTermDays: 14,
      products: [{ productId: kept, supplierPrice: before.supplierPrice + 1000, shelfPrice: before.shelfPrice + 1000 }],
    });
    expect(patch.status).toBe(200);
    const sub = await call('alfamart', 'POST', `/api/agreements/${pksId}/submit`, { version: 2 });
    const sha = sub.body.current.documentSha256;
    for (const who of ['alfamart', 'umkm', 'pemda.oki']) {
      expect((await call(who, 'POST', `/api/agreements/${pksId}/sign`, { version: 2, documentSha256: sha })).status, who).toBe(200);
    }
    expect(v1.status).toBe('signed');

    expect(await eligible('2026-12-31')).toEqual(expect.arrayContaining([kept, dropped]));
    const after = await eligible('2027-01-01');
    expect(after).toContain(kept);
    expect(after).not.toContain(dropped);
    const old = await termsInForce(t.handle.db, { productId: kept, outletId, date: '2026-12-31' });
    const now = await termsInForce(t.handle.db, { productId: kept, outletId, date: '2027-01-01' });
    expect(old).toMatchObject({ version: 1, paymentTermDays: 30 });
    expect(now).toMatchObject({ version: 2, paymentTermDays: 14 });
    expect(now?.supplierPrice).toBe((old?.supplierPrice ?? 0n) + 1000n);
    expect(await termsInForce(t.handle.db, { productId: dropped, outletId, date: '2027-01-01' })).toBeNull();
    expect(await activePks(t.handle.db, { umkmId, chainCode: 'alfamart', date: '2027-01-01' })).toMatchObject({ version: 2 });
  });

  it('a termination effective 2027-06-01 ends eligibility that day', async () => {
    const res = await call('umkm', 'POST', `/api/agreements/${pksId}/terminate`, {
      reason: 'Produksi berhenti sementara.',
      effectiveOn: '2027-06-01',
    });
    expect(res.status).toBe(200);
    expect(await eligible('2027-05-31')).toContain(kept);
    expect(await eligible('2027-06-01')).not.toContain(kept);
    expect(await activePks(t.handle.db, { umkmId, chainCode: 'alfamart', date: '2027-06-01' })).toBeNull();
    expect(await termsInForce(t.handle.db, { productId: kept, outletId, date: '2027-06-01' })).toBeNull();
    // The other OKI UMKM keep their PKS.
    expect((await eligible('2027-06-01')).length).toBeGreaterThanOrEqual(13);
  });

  it('the eligibility endpoint answers the chain for its own chain only', async () => {
    const res = await call('alfamart', 'GET', '/api/agreements/eligible-products?regionCode=16.02&date=2027-05-31');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { productId: string }) => i.productId)).toContain(kept);
    expect((await call('pemda.serang', 'GET', '/api/agreements/eligible-products?chainCode=alfamart&regionCode=16.02')).status).toBe(404);
  });
});

describe('MoU relaxations', () => {
  it('apply to the region and everything below it, for the MoU’s chain, within its period', async () => {
    const codes = async (regionCode: string, chainCode: 'alfamart' | 'indomaret', date: string) =>
      (await mouRelaxations(t.handle.db, { regionCode, chainCode, date })).map((r) => r.criterionCode);
    expect(await codes(okiVillage, 'alfamart', '2026-11-23')).toEqual(['barcode', 'masa_simpan']);
    expect(await codes('16.02', 'alfamart', '2026-01-01')).toEqual(['barcode', 'masa_simpan']);
    expect(await codes('16.02', 'alfamart', '2025-12-31')).toEqual([]);
    expect(await codes('16.02', 'alfamart', '2028-01-01')).toEqual([]);
    expect(await codes('16.02', 'indomaret', '2026-11-23')).toEqual([]);
    expect(await codes('17.71', 'alfamart', '2026-11-23')).toEqual([]);
    const [r] = await mouRelaxations(t.handle.db, { regionCode: '16.02', chainCode: 'alfamart', date: '2026-11-23' });
    expect(r?.mouNumber).toMatch(/^MOU\/16\.02\/ALFAMART\//);
  });
});
