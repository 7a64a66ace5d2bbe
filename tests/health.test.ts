import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('the platform answers', () => {
  it('reports health and the database kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('has every Kemendagri province, regency/city, district and village of the source package', async () => {
    const totals: Record<string, number> = {};
    for (const level of ['province', 'regency', 'district', 'village']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/regions?level=${level}&limit=1` });
      totals[level] = res.json().total;
    }
    expect(totals).toEqual({ province: 38, regency: 514, district: 7277, village: 83763 });
  });

  it('finds Kota Bengkulu by name and by code, with its time zone', async () => {
    const byName = await t.app.inject({ method: 'GET', url: '/api/regions?q=kota%20bengkulu&level=regency' });
    expect(byName.json().items).toEqual([
      { code: '17.71', name: 'Kota Bengkulu', level: 'regency', parentCode: '17', timeZone: 'Asia/Jakarta' },
    ]);
    const ambon = await t.app.inject({ method: 'GET', url: '/api/regions/81.71' });
    expect(ambon.json()).toMatchObject({ name: 'Kota Ambon', timeZone: 'Asia/Jayapura' });
    const oki = await t.app.inject({ method: 'GET', url: '/api/regions?parent=16.02&limit=100' });
    expect(oki.json().total).toBe(18);
  });

  it('serves an OpenAPI 3.1 document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/products');
  });
});
