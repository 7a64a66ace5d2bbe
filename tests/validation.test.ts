// Validation as a person filling a form meets it: every problem of a submit answered at once, each at
// its field and named as people call the field, in both languages; dates that make sense on today's
// date (permits not issued in the future, agreement periods not wholly past, a PKS not back-dated); and
// a warning, not a block, when a business already has a PKS in force with the chain for a product.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/platform/clock.ts';
import { demo, TEST_NOW, type TestApp, testApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const TODAY = TEST_NOW.toISOString().slice(0, 10); // 10.00 WIB: the same date in every zone
type Problem = { field: string; message: { id: string; en: string } };

const post = (who: string, url: string, payload: object) => t.as(demo(who), { method: 'POST', url, payload });
const patch = (who: string, url: string, payload: object) => t.as(demo(who), { method: 'PATCH', url, payload });

const PRODUCT = {
  name: 'Kerupuk Ikan Belida',
  category: 'makanan_ringan',
  netContent: 250,
  netUnit: 'g',
  supplierPrice: 18000,
  retailPrice: 22000,
  shelfLifeDays: 180,
  storage: 'ambient',
};

const MOU = {
  chainCode: 'alfamidi',
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
  signatories: [
    { party: 'government', name: 'Rina Marlina (uji)', title: 'Kepala Dinas' },
    { party: 'chain', name: 'Dewi Lestari (uji)', title: 'Manajer Kemitraan' },
  ],
  outletsWithCorner: 10,
  outsideSpots: 2,
  promotionEventsPerYear: 2,
  curationSupport: true,
  mentoringSupport: false,
  pksWitness: false,
};

/** No message of a field may name it by its code or a date by its format. */
function readable(p: Problem) {
  for (const text of [p.message.id, p.message.en]) {
    expect(text, p.field).not.toMatch(/[a-z][A-Z]|\.\d+\.|YYYY|_/);
  }
}

describe('every validation issue at once', () => {
  it('a product with four wrong fields: four problems, each at its path, in both languages', async () => {
    const res = await post('umkm', '/api/products', {
      ...PRODUCT,
      name: '',
      shelfLifeDays: 0,
      address: undefined,
      netContent: -1,
      gtin: '12',
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.fields.map((f: Problem) => f.field)).toEqual(['name', 'gtin', 'netContent', 'shelfLifeDays']);
    const by = new Map<string, Problem>(error.fields.map((f: Problem) => [f.field, f]));
    expect(by.get('name')?.message).toEqual({ id: 'Nama wajib diisi.', en: 'Name is required.' });
    expect(by.get('shelfLifeDays')?.message).toEqual({
      id: 'Masa simpan terlalu kecil (paling sedikit 1).',
      en: 'Shelf life is too small (at least 1).',
    });
    expect(by.get('netContent')?.message.id).toBe('Isi bersih harus lebih dari 0.');
    for (const f of error.fields) readable(f);
    // The first is also where one-field clients look.
    expect(error.field).toBe('name');
    expect(error.message).toEqual(error.fields[0].message);
  });

  it('exactly three wrong product fields answer exactly three entries', async () => {
    const res = await post('umkm', '/api/products', { ...PRODUCT, name: 'x'.repeat(161), shelfLifeDays: 5000, storage: 'cold' });
    expect(res.statusCode).toBe(400);
    const fields: Problem[] = res.json().error.fields;
    expect(fields).toHaveLength(3);
    expect(fields.map((f) => [f.field, f.message.id])).toEqual([
      ['name', 'Nama terlalu panjang (paling banyak 160 karakter).'],
      ['shelfLifeDays', 'Masa simpan terlalu besar (paling banyak 3.650).'],
      ['storage', 'Penyimpanan: pilih salah satu pilihan yang tersedia.'],
    ]);
    expect(fields.map((f) => f.message.en)).toEqual([
      'Name is too long (at most 160 characters).',
      'Shelf life is too large (at most 3,650).',
      'Storage: choose one of the options offered.',
    ]);
  });

  it('an MoU with three wrong fields: three problems, the signatory named by its number', async () => {
    const res = await post('pemda.bengkulu', '/api/agreements/mou', {
      ...MOU,
      endsOn: '2026-12-31',
      signatories: [MOU.signatories[0], { party: 'chain', name: 'Dewi', title: '' }],
      outletsWithCorner: -3,
    });
    expect(res.statusCode).toBe(400);
    const fields: Problem[] = res.json().error.fields;
    expect(fields.map((f) => f.field)).toEqual(['signatories.1.title', 'outletsWithCorner', 'endsOn']);
    expect(fields.map((f) => f.message)).toEqual([
      { id: 'Jabatan penanda tangan 2 wajib diisi.', en: 'Title of signatory 2 is required.' },
      { id: 'Gerai dengan pojok UMKM tidak boleh negatif.', en: 'Outlets with a UMKM corner must not be negative.' },
      { id: 'Tanggal berakhir harus setelah tanggal mulai.', en: 'The end date must be after the start date.' },
    ]);
  });

  it('a text too long names the field and its bound', async () => {
    const umkm = await t.as(demo('umkm'), { method: 'GET', url: '/api/me' });
    const res = await patch('umkm', `/api/umkm/${umkm.json().organizationId}`, { address: 'J'.repeat(301) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      {
        field: 'address',
        message: { id: 'Alamat terlalu panjang (paling banyak 300 karakter).', en: 'Address is too long (at most 300 characters).' },
      },
    ]);
  });

  it('an expiry before the issue date says so (not "must be YYYY-MM-DD"), beside the permit number', async () => {
    const res = await post('umkm', '/api/products', {
      ...PRODUCT,
      permits: [{ type: 'pirt', number: '123', issuedOn: '2026-03-01', expiresOn: '2026-02-01' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { field: 'permits.0.number', message: expect.objectContaining({ id: expect.stringContaining('Nomor izin') }) },
      {
        field: 'permits.0.expiresOn',
        message: { id: 'Tanggal kedaluwarsa harus setelah tanggal terbit.', en: 'The expiry date must be after the issue date.' },
      },
    ]);
    const malformed = await post('umkm', '/api/products', {
      ...PRODUCT,
      permits: [{ type: 'halal', number: 'ID16110000123450126', issuedOn: '2026-02-30' }],
    });
    expect(malformed.json().error.fields).toEqual([
      {
        field: 'permits.0.issuedOn',
        message: { id: 'Tanggal terbit izin 1 bukan tanggal yang valid.', en: 'Issue date of permit 1 is not a valid date.' },
      },
    ]);
  });

  it('a domain check over several fields answers each of them too', async () => {
    const res = await post('umkm', '/api/products', {
      ...PRODUCT,
      supplierPrice: 30000,
      permits: [
        { type: 'halal', number: 'ID16110000123450126', issuedOn: addDays(TODAY, 180) },
        { type: 'pirt', number: '206160201001226', issuedOn: '2026-01-10' },
        { type: 'bpom_md', number: 'MD 224510001234', issuedOn: addDays(TODAY, 1) },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: Problem) => f.field)).toEqual(['supplierPrice', 'permits.0.issuedOn', 'permits.2.issuedOn']);
  });
});

describe('permits issued no later than today', () => {
  it('a halal certificate issued six months ahead is refused at its field; one issued today is taken', async () => {
    const future = await post('umkm', '/api/products', {
      ...PRODUCT,
      permits: [{ type: 'halal', number: 'ID16110000123450126', issuedOn: addDays(TODAY, 182) }],
    });
    expect(future.statusCode).toBe(400);
    const [problem] = future.json().error.fields;
    expect(problem.field).toBe('permits.0.issuedOn');
    expect(problem.message.id).toContain('tidak boleh setelah hari ini');
    expect(problem.message.en).toContain('cannot be after today');

    const ok = await post('umkm', '/api/products', {
      ...PRODUCT,
      permits: [{ type: 'halal', number: 'ID16110000123450126', issuedOn: TODAY }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().permits[0].standing).toBe('valid');

    const added = await post('umkm', `/api/products/${ok.json().id}/permits`, {
      type: 'pirt',
      number: '206160201001226',
      issuedOn: addDays(TODAY, 1),
    });
    expect(added.statusCode).toBe(400);
    expect(added.json().error.field).toBe('issuedOn');
  });

  it('a permit stored with a future issue date is shown not yet valid, an old one expired', async () => {
    const p = (await post('umkm', '/api/products', { ...PRODUCT, name: 'Kemplang Panggang' })).json();
    await t.handle.db
      .insertInto('product_permits')
      .values([
        {
          product_id: p.id,
          type: 'halal',
          number: 'ID16110000123450127',
          issued_on: addDays(TODAY, 182),
          expires_on: null,
          scan_sha256: null,
        },
        { product_id: p.id, type: 'pirt', number: '206160201001227', issued_on: '2019-01-01', expires_on: '2024-01-01', scan_sha256: null },
      ])
      .execute();
    const got = (await t.as(demo('umkm'), { method: 'GET', url: `/api/products/${p.id}` })).json();
    const standing = Object.fromEntries(got.permits.map((x: { type: string; standing: string }) => [x.type, x.standing]));
    expect(standing).toEqual({ halal: 'not_yet_valid', pirt: 'expired' });
  });
});

describe('agreement periods that make sense', () => {
  const fieldsOf = (res: { json(): { error: { fields: Problem[] } } }) => res.json().error.fields.map((f) => f.field);

  it('an MoU for a year wholly past is refused at endsOn, naming today', async () => {
    const res = await post('pemda.bengkulu', '/api/agreements/mou', { ...MOU, startsOn: '2025-01-01', endsOn: '2025-12-31' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['endsOn']);
    expect(res.json().error.message.id).toContain('23 November 2026');
    expect(res.json().error.message.en).toContain('23 November 2026');
    expect(res.json().error.message.id).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // Running until today is still a period in force.
    expect((await post('pemda.bengkulu', '/api/agreements/mou', { ...MOU, startsOn: '2025-01-01', endsOn: TODAY })).statusCode).toBe(201);
  });

  it('an edit into the past is refused; submitting or signing a period that has passed meanwhile is refused', async () => {
    const mou = (await post('pemda.bengkulu', '/api/agreements/mou', MOU)).json();
    const edit = await patch('pemda.bengkulu', `/api/agreements/mou/${mou.id}`, { startsOn: '2025-01-01', endsOn: '2025-06-30' });
    expect(edit.statusCode).toBe(400);
    expect(fieldsOf(edit)).toEqual(['endsOn']);
    const sameDay = await patch('pemda.bengkulu', `/api/agreements/mou/${mou.id}`, { endsOn: '2027-01-01' });
    expect(fieldsOf(sameDay)).toEqual(['endsOn']);

    const versions = () => t.handle.db.updateTable('agreement_versions').where('agreement_id', '=', mou.id);
    await versions().set({ starts_on: '2025-01-01', ends_on: '2025-12-31' }).execute();
    const submit = await post('pemda.bengkulu', `/api/agreements/${mou.id}/submit`, { version: 1 });
    expect(submit.statusCode).toBe(400);
    expect(fieldsOf(submit)).toEqual(['endsOn']);

    await versions().set({ starts_on: '2027-01-01', ends_on: '2027-12-31' }).execute();
    const sent = await post('pemda.bengkulu', `/api/agreements/${mou.id}/submit`, { version: 1 });
    expect(sent.statusCode, sent.body).toBe(200);
    await versions().set({ starts_on: '2025-01-01', ends_on: '2025-12-31' }).execute();
    const sign = await post('alfamidi', `/api/agreements/${mou.id}/sign`, {
      version: 1,
      documentSha256: sent.json().current.documentSha256,
    });
    expect(sign.statusCode).toBe(400);
    expect(fieldsOf(sign)).toEqual(['endsOn']);
  });

  async function pksBody(change: Record<string, unknown> = {}) {
    const mou = (await t.as(demo('alfamart'), { method: 'GET', url: '/api/agreements?kind=mou&regionCode=16.02' })).json().items[0];
    const umkmId = (await t.as(demo('umkm'), { method: 'GET', url: '/api/me' })).json().organizationId;
    const { products, ...terms } = (
      await t.as(demo('alfamart'), { method: 'GET', url: `/api/agreements/pks-template?mouId=${mou.id}&umkmId=${umkmId}` })
    ).json();
    return {
      ...terms,
      products: products.map((p: { productId: string; supplierPrice: number; shelfPrice: number }) => ({
        productId: p.productId,
        supplierPrice: p.supplierPrice,
        shelfPrice: p.shelfPrice,
      })),
      ...change,
    };
  }

  it('a PKS starting more than 30 days back is refused at startsOn, naming the earliest start; 30 days back is taken', async () => {
    const elevenMonths = await post('alfamart', '/api/agreements/pks', await pksBody({ startsOn: addDays(TODAY, -330) }));
    expect(elevenMonths.statusCode).toBe(400);
    expect(fieldsOf(elevenMonths)).toEqual(['startsOn']);
    expect(elevenMonths.json().error.message.id).toBe(
      'PKS tidak boleh mulai lebih dari 30 hari sebelum hari ini: paling awal 24 Oktober 2026.',
    );
    expect(elevenMonths.json().error.message.en).toBe(
      'A PKS cannot start more than 30 days before today: 24 October 2026 at the earliest.',
    );
    const month = await post('alfamart', '/api/agreements/pks', await pksBody({ startsOn: addDays(TODAY, -30) }));
    expect(month.statusCode, month.body).toBe(201);
    await post('alfamart', `/api/agreements/${month.json().id}/withdraw`, { version: 1 });
  });

  it('a second PKS with the same chain for a product already under one in force is a warning, in both languages', async () => {
    const res = await post('alfamart', '/api/agreements/pks', await pksBody());
    expect(res.statusCode, res.body).toBe(201);
    const dup = res.json().warnings.find((w: { rule: string }) => w.rule === 'pks_already_in_force');
    expect(dup).toMatchObject({ severity: 'warning', field: expect.stringMatching(/^products\.\d+\.productId$/) });
    expect(dup.message.id).toContain('sudah memiliki PKS yang berlaku dengan');
    expect(dup.message.en).toContain('already has a PKS in force with');
    expect(dup.reference).toMatch(/^PKS\/ALFAMART\//);
    expect(res.json().current.warnings).toContainEqual(dup);
    // The UMKM sees the same warning on its copy; it does not stop submitting.
    const mine = (await t.as(demo('umkm'), { method: 'GET', url: `/api/agreements/${res.json().id}` })).json();
    expect(mine.warnings.map((w: { rule: string }) => w.rule)).toContain('pks_already_in_force');
    const sent = await post('alfamart', `/api/agreements/${res.json().id}/submit`, { version: 1 });
    expect(sent.statusCode, sent.body).toBe(200);
    await post('alfamart', `/api/agreements/${res.json().id}/withdraw`, { version: 1 });
  });
});

describe('a photo of the wrong kind', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const upload = (content: Buffer, purpose?: string) => {
    const boundary = '----etalase';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="foto.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.as(demo('umkm'), {
      method: 'POST',
      url: `/api/files${purpose ? `?purpose=${purpose}` : ''}`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  };

  it('is refused as a photo without mentioning PDF; a permit scan may be a PDF', async () => {
    const asPhoto = await upload(PDF, 'photo');
    expect(asPhoto.statusCode).toBe(415);
    expect(asPhoto.json().error.message.id).toContain('Foto harus berupa gambar JPEG, PNG atau WebP');
    expect(asPhoto.json().error.message.id).not.toContain('PDF');
    expect(asPhoto.json().error.message.en).not.toContain('PDF');

    const scan = await upload(PDF);
    expect(scan.statusCode, scan.body).toBe(201);
    expect(scan.json().mime).toBe('application/pdf');
    // The same PDF attached as a product photo: the same words, at the photo's field.
    const p = (await post('umkm', '/api/products', { ...PRODUCT, name: 'Kerupuk Udang' })).json();
    const photo = await post('umkm', `/api/products/${p.id}/photos`, { sha256: scan.json().sha256 });
    expect(photo.statusCode).toBe(400);
    expect(photo.json().error.field).toBe('sha256');
    expect(photo.json().error.message.en).toBe('A photo must be a JPEG, PNG or WebP image (judged by content, not by name).');
  });
});
