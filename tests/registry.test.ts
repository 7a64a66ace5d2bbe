// The registry as its users work with it: a UMKM adds a product with permits and a photo, a Dinas
// registers a business, a chain adds an outlet; every change leaves an audit row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gtin13 } from '../src/platform/identifiers.ts';
import { demo, type TestApp, testApp } from './app.ts';
import { png, uploadAs } from './files.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const upload = (who: string, content: Buffer, filename: string) => uploadAs(t, demo(who), content, filename);

describe('a UMKM and its products', () => {
  it('adds a product with a P-IRT, a halal certificate and a photo, and sees it listed', async () => {
    const photo = await upload('umkm', png(), 'nama-apa-saja.bin');
    expect(photo.statusCode).toBe(201);
    expect(photo.json()).toMatchObject({ mime: 'image/png' });
    const sha = photo.json().sha256;
    const again = await upload('umkm', png(), 'lain.png');
    expect(again.json().sha256).toBe(sha); // stored once, by content

    const res = await t.as(demo('umkm'), {
      method: 'POST',
      url: '/api/products',
      payload: {
        name: 'Terasi Bubuk Tulung Selapan',
        category: 'bumbu_sambal',
        gtin: gtin13('899777000001'),
        netContent: 100,
        netUnit: 'g',
        supplierPrice: 9000,
        retailPrice: 11500,
        shelfLifeDays: 365,
        storage: 'ambient',
        permits: [
          { type: 'pirt', number: '2.06.1602.01.0012-26', issuedOn: '2026-01-10', expiresOn: '2031-01-10' },
          { type: 'halal', number: 'ID16110000123450126', issuedOn: '2026-02-01' },
        ],
        photos: [sha],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ supplierPrice: 9000, retailPrice: 11500, perishable: false, photos: [sha] });
    expect(p.permits.map((x: { type: string; number: string }) => [x.type, x.number])).toEqual([
      ['halal', 'ID16110000123450126'],
      ['pirt', '206160201001226'],
    ]);
    const list = await t.as(demo('umkm'), { method: 'GET', url: '/api/products?q=bubuk' });
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(p.id);

    const file = await t.as(demo('umkm'), { method: 'GET', url: `/api/files/${sha}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(String(file.headers['content-security-policy'])).toContain('sandbox');
  });

  it('marks wet food perishable by itself, and refuses a second product with the same GTIN', async () => {
    const body = {
      name: 'Kue Jojorong',
      category: 'kue_basah',
      netContent: 6,
      netUnit: 'pcs',
      supplierPrice: 8000,
      retailPrice: 10000,
      shelfLifeDays: 2,
      storage: 'ambient',
      gtin: gtin13('899777000002'),
    };
    const first = await t.as(demo('umkm'), { method: 'POST', url: '/api/products', payload: body });
    expect(first.json().perishable).toBe(true);
    const dup = await t.as(demo('umkm'), { method: 'POST', url: '/api/products', payload: body });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe('gtin');
  });

  it('updates and archives a product; the archive keeps the record, and the audit log has before and after', async () => {
    const p = (await t.as(demo('umkm'), { method: 'GET', url: '/api/products?limit=1' })).json().items[0];
    const upd = await t.as(demo('umkm'), {
      method: 'PATCH',
      url: `/api/products/${p.id}`,
      payload: { retailPrice: Number(p.retailPrice) + 500 },
    });
    expect(upd.statusCode).toBe(200);
    const arch = await t.as(demo('umkm'), { method: 'POST', url: `/api/products/${p.id}/archive` });
    expect(arch.json().archived).toBe(true);
    const listed = (await t.as(demo('umkm'), { method: 'GET', url: '/api/products?limit=500' })).json().items;
    expect(listed.map((x: { id: string }) => x.id)).not.toContain(p.id);
    const withArchived = (await t.as(demo('umkm'), { method: 'GET', url: '/api/products?limit=500&includeArchived=true' })).json().items;
    expect(withArchived.map((x: { id: string }) => x.id)).toContain(p.id);
    const audit = (await t.as(demo('admin'), { method: 'GET', url: `/api/audit?entity=product&entityId=${p.id}` })).json();
    const update = audit.items.find((a: { action: string }) => a.action === 'update');
    expect(update.before.retailPrice).toBe(String(p.retailPrice));
    expect(update.after.retailPrice).toBe(String(Number(p.retailPrice) + 500));
    expect(update.actorId).toBeTruthy();
    expect(update.requestId).toBeTruthy();
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('archive');
  });
});

describe('a Dinas and a chain', () => {
  it('a Dinas registers a UMKM in its region, found by its district code', async () => {
    const pontang = (await t.app.inject({ method: 'GET', url: '/api/regions?level=district&parent=36.04&q=pontang' })).json().items[0];
    const village = (await t.app.inject({ method: 'GET', url: `/api/regions?level=village&parent=${pontang.code}&limit=1` })).json()
      .items[0];
    const res = await t.as(demo('pemda.serang'), {
      method: 'POST',
      url: '/api/umkm',
      payload: {
        name: 'Sate Bandeng Bu Romlah',
        nib: '9120305551234',
        ownerName: 'Romlah',
        phone: '+6281299887766',
        address: 'Kp. Pontang RT 02',
        villageCode: village.code,
        lat: -6.02,
        lon: 106.21,
        weeklyCapacity: 400,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ districtCode: pontang.code, provinceCode: '36', productCount: 0 });
    const found = await t.as(demo('pemda.serang'), { method: 'GET', url: `/api/umkm?regionCode=${pontang.code}&q=bandeng%20bu%20romlah` });
    expect(found.json().total).toBe(1);
  });

  it('a chain adds an outlet to its own chain whatever it claims, and sees it in its region', async () => {
    const indomaret = (await t.as(demo('admin'), { method: 'GET', url: '/api/organizations?kind=chain&chainCode=indomaret' })).json()
      .items[0];
    const district = (await t.app.inject({ method: 'GET', url: '/api/regions?level=district&parent=17.71&limit=1' })).json().items[0];
    const claim = await t.as(demo('alfamart'), {
      method: 'POST',
      url: '/api/outlets',
      payload: {
        chainId: indomaret.id,
        storeCode: 'X001',
        name: 'Alfamart Uji',
        address: 'Jl. Uji',
        districtCode: district.code,
        lat: -3.8,
        lon: 102.3,
        localSlots: 4,
        acceptsPerishable: false,
      },
    });
    expect(claim.statusCode).toBe(404);
    const res = await t.as(demo('alfamart'), {
      method: 'POST',
      url: '/api/outlets',
      payload: {
        storeCode: 'X001',
        name: 'Alfamart Uji',
        address: 'Jl. Uji',
        districtCode: district.code,
        lat: -3.8,
        lon: 102.3,
        localSlots: 4,
        acceptsPerishable: false,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().chainCode).toBe('alfamart');
    expect((await t.as(demo('alfamart'), { method: 'GET', url: '/api/outlets?regionCode=17.71' })).json().total).toBe(76);
    expect((await t.as(demo('indomaret'), { method: 'GET', url: `/api/outlets/${res.json().id}` })).statusCode).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('carries the schemas: a bad NIB is a 400 and the NIB rule is documented', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const body = doc.paths['/api/umkm'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['name', 'ownerName', 'villageCode', 'lat', 'lon']));
    expect(body.properties.nib.anyOf?.[0] ?? body.properties.nib).toMatchObject({ pattern: '^\\d{13}$' });
    expect(JSON.stringify(body.properties.nib)).toContain('Nomor Induk Berusaha');
    const bad = await t.as(demo('pemda.serang'), { method: 'POST', url: '/api/umkm', payload: { nib: '12345' } });
    expect(bad.statusCode).toBe(400);
    expect(doc.paths['/api/products'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'offset', 'q', 'regionCode']),
    );
  });
});
