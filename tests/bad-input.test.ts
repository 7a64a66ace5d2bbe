// Bad input gets a clear 4xx naming the field, in Indonesian and English, and changes nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gtin13 } from '../src/platform/identifiers.ts';
import { demo, type TestApp, testApp } from './app.ts';

let t: TestApp;
let ownProduct: string;
let otherUmkm: string;
let indomaretOutlet: string;
let bengkuluVillage: string;
let serangVillage: string;
let serangDistrict: string;

const TABLES = [
  'organizations',
  'umkm_profiles',
  'outlets',
  'products',
  'product_permits',
  'product_photos',
  'users',
  'mentor_assignments',
  'files',
  'audit_log',
] as const;

async function digest() {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const r = await sql<{
      d: string | null;
    }>`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM ${sql.table(table)} x`.execute(t.handle.db);
    out[table] = r.rows[0]?.d ?? '';
  }
  return out;
}

const goodProduct = () => ({
  name: 'Terasi Udang Super',
  category: 'bumbu_sambal',
  gtin: gtin13('899000000123'),
  netContent: 250,
  netUnit: 'g',
  supplierPrice: 12000,
  retailPrice: 15500,
  shelfLifeDays: 180,
  storage: 'ambient',
});
const goodUmkm = () => ({
  name: 'Kue Jojorong Ibu Ani',
  nib: '1234567890123',
  ownerName: 'Ani Suryani',
  phone: '081234567890',
  address: 'Jl. Raya Pontang No. 1',
  villageCode: serangVillage,
  lat: -6.03,
  lon: 106.2,
  weeklyCapacity: 300,
});
const goodOutlet = () => ({
  storeCode: 'ZZ01',
  name: 'Alfamart Uji',
  address: 'Jl. Uji 1',
  districtCode: serangDistrict,
  lat: -6.1,
  lon: 106.1,
  localSlots: 4,
  acceptsPerishable: false,
});

interface Case {
  name: string;
  who: string | null;
  method: 'GET' | 'POST' | 'PATCH';
  url: () => string;
  payload?: () => unknown;
  raw?: { body: string | Buffer; contentType: string };
  field: string;
  status?: number;
}

const product = (patch: Record<string, unknown>) => () => ({ ...goodProduct(), ...patch });
const umkm = (patch: Record<string, unknown>) => () => ({ ...goodUmkm(), ...patch });
const outlet = (patch: Record<string, unknown>) => () => ({ ...goodOutlet(), ...patch });
const permit = (p: Record<string, unknown>) =>
  product({ permits: [{ type: 'pirt', number: '123456789012345', issuedOn: '2024-01-10', expiresOn: '2029-01-10', ...p }] });

function multipart(content: Buffer, filename: string, mime: string) {
  const boundary = '----etalase-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

const U = 'umkm';
const P = 'pemda.serang';
const A = 'alfamart';
const cases: Case[] = [
  {
    name: 'GTIN with a wrong check digit',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ gtin: '8990000001230' }),
    field: 'gtin',
  },
  {
    name: 'GTIN of 12 digits',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ gtin: '899000000123' }),
    field: 'gtin',
  },
  {
    name: 'GTIN with letters',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ gtin: '899ABC0001234' }),
    field: 'gtin',
  },
  {
    name: 'GTIN as a number',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ gtin: 8990000001236 }),
    field: 'gtin',
  },
  {
    name: 'price as a string',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ supplierPrice: '12000' }),
    field: 'supplierPrice',
  },
  {
    name: 'price with a fraction',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ supplierPrice: 12000.5 }),
    field: 'supplierPrice',
  },
  {
    name: 'negative price',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ retailPrice: -1 }),
    field: 'retailPrice',
  },
  {
    name: 'missing retail price',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ retailPrice: undefined }),
    field: 'retailPrice',
  },
  { name: 'missing name', who: U, method: 'POST', url: () => '/api/products', payload: product({ name: undefined }), field: 'name' },
  {
    name: 'HTML in a name',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ name: '<script>alert(1)</script>' }),
    field: 'name',
  },
  {
    name: 'unknown category',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ category: 'senjata' }),
    field: 'category',
  },
  { name: 'unknown unit', who: U, method: 'POST', url: () => '/api/products', payload: product({ netUnit: 'liter' }), field: 'netUnit' },
  {
    name: 'zero shelf life',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ shelfLifeDays: 0 }),
    field: 'shelfLifeDays',
  },
  { name: 'unknown storage', who: U, method: 'POST', url: () => '/api/products', payload: product({ storage: 'panas' }), field: 'storage' },
  {
    name: 'supplier price above retail',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ supplierPrice: 20000 }),
    field: 'supplierPrice',
  },
  {
    name: 'P-IRT of 14 digits',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: permit({ number: '12345678901234' }),
    field: 'permits.0.number',
  },
  {
    name: 'BPOM MD too short',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: permit({ type: 'bpom_md', number: 'MD12345' }),
    field: 'permits.0.number',
  },
  {
    name: 'halal number malformed',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: permit({ type: 'halal', number: 'HALAL-OK' }),
    field: 'permits.0.number',
  },
  {
    name: 'impossible permit date',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: permit({ issuedOn: '2024-13-45' }),
    field: 'permits.0.issuedOn',
  },
  {
    name: 'expiry before issue',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: permit({ expiresOn: '2020-01-01' }),
    field: 'permits.0.expiresOn',
  },
  { name: 'unknown field', who: U, method: 'POST', url: () => '/api/products', payload: product({ isAdmin: true }), field: 'isAdmin' },
  {
    name: 'photo that was never uploaded',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ photos: ['a'.repeat(64)] }),
    field: 'photos.0',
    status: 404,
  },
  {
    name: "another tenant's UMKM id",
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: () => ({ ...goodProduct(), umkmId: otherUmkm }),
    field: 'umkmId',
    status: 404,
  },
  {
    name: '__proto__ key',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    raw: { body: `{"name":"x","__proto__":{"isAdmin":true}}`, contentType: 'application/json' },
    field: 'body',
  },
  {
    name: 'constructor.prototype key',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    raw: { body: `{"name":"x","constructor":{"prototype":{"isAdmin":true}}}`, contentType: 'application/json' },
    field: 'body',
  },
  {
    name: 'broken JSON',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    raw: { body: '{"name": "x",', contentType: 'application/json' },
    field: 'body',
  },
  { name: 'NIB of 12 digits', who: P, method: 'POST', url: () => '/api/umkm', payload: umkm({ nib: '123456789012' }), field: 'nib' },
  { name: 'NIB with letters', who: P, method: 'POST', url: () => '/api/umkm', payload: umkm({ nib: 'abcdefghijklm' }), field: 'nib' },
  { name: 'latitude outside Indonesia', who: P, method: 'POST', url: () => '/api/umkm', payload: umkm({ lat: 10 }), field: 'lat' },
  { name: 'longitude outside Indonesia', who: P, method: 'POST', url: () => '/api/umkm', payload: umkm({ lon: 20 }), field: 'lon' },
  { name: 'latitude as text', who: P, method: 'POST', url: () => '/api/umkm', payload: umkm({ lat: '-6.03' }), field: 'lat' },
  {
    name: 'village outside the Dinas region',
    who: P,
    method: 'POST',
    url: () => '/api/umkm',
    payload: () => ({ ...goodUmkm(), villageCode: bengkuluVillage }),
    field: 'villageCode',
  },
  {
    name: 'village that does not exist',
    who: P,
    method: 'POST',
    url: () => '/api/umkm',
    payload: umkm({ villageCode: '36.04.99.9999' }),
    field: 'villageCode',
    status: 404,
  },
  {
    name: 'SQL injection as a village code',
    who: P,
    method: 'POST',
    url: () => '/api/umkm',
    payload: umkm({ villageCode: "36.04'; DROP TABLE umkm_profiles;--" }),
    field: 'villageCode',
  },
  {
    name: 'phone that is not a phone',
    who: P,
    method: 'POST',
    url: () => '/api/umkm',
    payload: umkm({ phone: 'tanya tetangga' }),
    field: 'phone',
  },
  {
    name: 'negative capacity',
    who: P,
    method: 'POST',
    url: () => '/api/umkm',
    payload: umkm({ weeklyCapacity: -1 }),
    field: 'weeklyCapacity',
  },
  { name: 'empty body', who: P, method: 'POST', url: () => '/api/umkm', payload: () => ({}), field: 'name' },
  {
    name: 'outlet district unknown',
    who: A,
    method: 'POST',
    url: () => '/api/outlets',
    payload: outlet({ districtCode: '36.04.99' }),
    field: 'districtCode',
    status: 404,
  },
  {
    name: 'outlet slots as text',
    who: A,
    method: 'POST',
    url: () => '/api/outlets',
    payload: outlet({ localSlots: 'banyak' }),
    field: 'localSlots',
  },
  {
    name: 'SQL injection as a store code',
    who: A,
    method: 'POST',
    url: () => '/api/outlets',
    payload: outlet({ storeCode: "'; DROP TABLE outlets;--" }),
    field: 'storeCode',
  },
  {
    name: "other chain's outlet",
    who: A,
    method: 'PATCH',
    url: () => `/api/outlets/${indomaretOutlet}`,
    payload: () => ({ localSlots: 1 }),
    field: 'id',
    status: 404,
  },
  { name: 'id that is not a uuid', who: U, method: 'GET', url: () => '/api/products/not-a-uuid', field: 'id' },
  { name: 'limit too large', who: U, method: 'GET', url: () => '/api/products?limit=100000', field: 'limit' },
  { name: 'region code malformed', who: P, method: 'GET', url: () => '/api/umkm?regionCode=abc', field: 'regionCode' },
  { name: 'unknown list filter', who: P, method: 'GET', url: () => '/api/umkm?drop=table', field: 'drop' },
  {
    name: 'PATCH with a bad GTIN',
    who: U,
    method: 'PATCH',
    url: () => `/api/products/${ownProduct}`,
    payload: () => ({ gtin: '1234' }),
    field: 'gtin',
  },
  {
    name: 'permit of an unknown type',
    who: U,
    method: 'POST',
    url: () => `/api/products/${ownProduct}/permits`,
    payload: () => ({ type: 'sni', number: '1', issuedOn: '2024-01-01' }),
    field: 'type',
  },
  {
    name: 'text file disguised as JPEG',
    who: U,
    method: 'POST',
    url: () => '/api/files',
    raw: multipart(Buffer.from('this is not a picture at all, just text'), 'foto.jpg', 'image/jpeg'),
    field: 'file',
    status: 415,
  },
  {
    name: 'HTML disguised as PDF',
    who: U,
    method: 'POST',
    url: () => '/api/files',
    raw: multipart(Buffer.from('<html><script>alert(1)</script></html>'), 'izin.pdf', 'application/pdf'),
    field: 'file',
    status: 415,
  },
  {
    name: 'oversize upload',
    who: U,
    method: 'POST',
    url: () => '/api/files',
    raw: multipart(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(6 * 1024 * 1024, 1)]), 'besar.jpg', 'image/jpeg'),
    field: 'file',
    status: 413,
  },
  {
    name: 'upload of exactly 5 MiB + 1 byte',
    who: U,
    method: 'POST',
    url: () => '/api/files',
    raw: multipart(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5 * 1024 * 1024 - 3, 2)]), 'pas.jpg', 'image/jpeg'),
    field: 'file',
    status: 413,
  },
  {
    name: 'multipart body cut off mid-file',
    who: U,
    method: 'POST',
    url: () => '/api/files',
    raw: (() => {
      const m = multipart(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 3)]), 'putus.jpg', 'image/jpeg');
      return { ...m, body: m.body.subarray(0, 2000) };
    })(),
    field: 'file',
    status: 400,
  },
  { name: 'NUL byte in an anonymous search', who: null, method: 'GET', url: () => '/api/regions?q=%00', field: 'q' },
  {
    name: 'NUL byte in a product name',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    payload: product({ name: 'Terasi\u0000' }),
    field: 'name',
  },
  {
    name: 'invalid UTF-8 in a JSON body',
    who: U,
    method: 'POST',
    url: () => '/api/products',
    raw: {
      body: Buffer.concat([Buffer.from('{"name":"Terasi '), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
      contentType: 'application/json',
    },
    field: 'body',
  },
  {
    name: 'upload that is not multipart',
    who: U,
    method: 'POST',
    url: () => '/api/files',
    payload: () => ({ file: 'abc' }),
    field: 'file',
    status: 415,
  },
  {
    name: 'login with a non-email',
    who: null,
    method: 'POST',
    url: () => '/api/auth/login',
    payload: () => ({ email: 'bukan-email', password: 'x' }),
    field: 'email',
  },
  {
    name: 'user with an unknown role',
    who: 'admin',
    method: 'POST',
    url: () => '/api/users',
    payload: () => ({ email: 'x@y.id', name: 'X', password: 'panjang-sekali', role: 'superuser' }),
    field: 'role',
  },
  {
    name: 'organisation of kind umkm',
    who: 'admin',
    method: 'POST',
    url: () => '/api/organizations',
    payload: () => ({ kind: 'umkm', name: 'X' }),
    field: 'kind',
  },
];

beforeAll(async () => {
  t = await testApp();
  const j = async (who: string, url: string) => (await t.as(demo(who), { method: 'GET', url })).json();
  ownProduct = (await j('umkm', '/api/products?limit=1')).items[0].id;
  otherUmkm = (await j('admin', '/api/umkm?regionCode=36.04&limit=1')).items[0].id;
  indomaretOutlet = (await j('indomaret', '/api/outlets?limit=1')).items[0].id;
  bengkuluVillage = (await j('admin', '/api/regions?level=village&regionCode=17.71&limit=1')).items[0].code;
  const pontang = (await j('admin', '/api/regions?level=district&parent=36.04&q=pontang')).items[0].code;
  serangDistrict = pontang;
  serangVillage = (await j('admin', `/api/regions?level=village&parent=${pontang}&limit=1`)).items[0].code;
  for (const who of ['umkm', 'pemda.serang', 'alfamart', 'admin']) await t.cookie(demo(who));
});
afterAll(() => t.close());

describe('bad input', () => {
  it(`has at least 40 cases (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it('answers every case with a 4xx naming the field, in both languages, and changes no table', async () => {
    const before = await digest();
    const wrong: string[] = [];
    for (const c of cases) {
      const headers: Record<string, string> = c.who ? { cookie: await t.cookie(c.who === 'admin' ? demo('admin') : demo(c.who)) } : {};
      const res = await t.app.inject({
        method: c.method,
        url: c.url(),
        ...(c.raw ? { payload: c.raw.body, headers: { ...headers, 'content-type': c.raw.contentType } } : { headers }),
        ...(c.payload ? { payload: c.payload() as object } : {}),
      });
      const body = res.json();
      const okStatus = c.status ? res.statusCode === c.status : res.statusCode >= 400 && res.statusCode < 500;
      if (!okStatus || body?.error?.field !== c.field || !body.error.message?.id || !body.error.message?.en) {
        wrong.push(`${c.name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await digest()).toEqual(before);
  });

  it('a good request after all that still works (the case list is not simply broken)', async () => {
    const res = await t.as(demo('umkm'), { method: 'POST', url: '/api/products', payload: goodProduct() });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Terasi Udang Super', supplierPrice: 12000, retailPrice: 15500 });
  });
});
