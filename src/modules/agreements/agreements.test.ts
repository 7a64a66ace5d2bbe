// Agreements through the HTTP API with the demo data: the lifecycle as guarded state changes (every
// allowed event works, every other answers a clear 4xx, a stale version cannot be signed, amendments
// keep history), the PDF of a demo PKS parsed back to text, the signing hash matching the file, tenancy,
// the rules-of-trade flags and the reminders on each party's home.
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type TestApp, testApp } from '../../../tests/app.ts';
import { pdfText } from '../../../tests/pdf.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const call = async (who: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
  const res = await t.as(who && demo(who), { method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  return {
    status: res.statusCode,
    body: String(res.headers['content-type'] ?? '').includes('json') ? res.json() : null,
    raw: res.rawPayload,
    headers: res.headers,
  };
};
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

const MOU = {
  chainCode: 'alfamidi',
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
  signatories: [
    { party: 'government', name: 'Rina Marlina (uji)', title: 'Kepala Dinas Koperasi dan UKM Kota Bengkulu' },
    { party: 'chain', name: 'Dewi Lestari (uji)', title: 'Manajer Kemitraan' },
  ],
  outletsWithCorner: 10,
  outsideSpots: 2,
  promotionEventsPerYear: 2,
  curationSupport: true,
  mentoringSupport: false,
  quota: { bp: 3000, basis: 'sku', reportEveryMonths: 6 },
  pksWitness: false,
  relaxations: [{ criterionCode: 'bpom_md', note: 'P-IRT diterima selama pendampingan' }],
};

describe('MoU lifecycle, every transition guarded', () => {
  let id: string;
  let naskah: string;

  it('the Dinas drafts an MoU with a chain: version 1, draft, numbered', async () => {
    const res = await call('pemda.bengkulu', 'POST', '/api/agreements/mou', MOU);
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({ kind: 'mou', phase: 'draft', latestVersion: 1, regionCode: '17.71', chain: { code: 'alfamidi' } });
    expect(res.body.number).toMatch(/^MOU\/17\.71\/ALFAMIDI\/2027\/\d{3}$/);
    expect(res.body.allowed).toEqual(expect.arrayContaining(['edit', 'submit', 'withdraw']));
  });

  it('refuses from draft: sign, return, terminate, amend — 409 with the reason in both languages', async () => {
    for (const [path, body] of [
      ['sign', { version: 1, documentSha256: '0'.repeat(64) }],
      ['return', { version: 1, note: 'x' }],
      ['terminate', { reason: 'x' }],
      ['amend', { changeNote: 'x' }],
    ] as const) {
      const who = path === 'sign' || path === 'return' ? 'alfamidi' : 'pemda.bengkulu';
      const res = await call(who, 'POST', `/api/agreements/${id}/${path}`, body);
      expect(res.status, path).toBe(409);
      expect(res.body.error.code, path).toBe('invalid_transition');
      expect(res.body.error.message.id).toContain('draf');
      expect(res.body.error.message.en).toContain('draft');
    }
  });

  it('only the drafting party edits and submits; a stale version number is refused', async () => {
    expect((await call('alfamidi', 'POST', `/api/agreements/${id}/submit`, { version: 1 })).status).toBe(403);
    expect((await call('alfamidi', 'PATCH', `/api/agreements/mou/${id}`, { outsideSpots: 9 })).status).toBe(403);
    const edit = await call('pemda.bengkulu', 'PATCH', `/api/agreements/mou/${id}`, { outsideSpots: 4 });
    expect(edit.status).toBe(200);
    expect(edit.body.current.mou.outsideSpots).toBe(4);
    const stale = await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/submit`, { version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
  });

  it('submitting renders and fixes the naskah; the content is then frozen', async () => {
    const res = await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/submit`, { version: 1 });
    expect(res.status).toBe(200);
    expect(res.body.phase).toBe('in_review');
    naskah = res.body.current.documentSha256;
    expect(naskah).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.current.missingParties).toEqual(['government', 'chain']);
    expect((await call('pemda.bengkulu', 'PATCH', `/api/agreements/mou/${id}`, { outsideSpots: 5 })).body.error.code).toBe(
      'invalid_transition',
    );
    expect((await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/submit`, { version: 1 })).status).toBe(409);
    const file = await call('alfamidi', 'GET', `/api/agreements/${id}/versions/1/document.pdf?copy=naskah`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(sha(file.raw)).toBe(naskah);
  });

  it('a signature must name the exact document read; a party signs once; outsiders cannot see it', async () => {
    const wrong = await call('alfamidi', 'POST', `/api/agreements/${id}/sign`, { version: 1, documentSha256: 'a'.repeat(64) });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('document_changed');
    // The signer's title is the account's: a title typed into the request is refused, not recorded.
    const forged = await call('alfamidi', 'POST', `/api/agreements/${id}/sign`, {
      version: 1,
      documentSha256: naskah,
      signerTitle: 'Bupati Serang',
    });
    expect(forged.status).toBe(400);
    expect(forged.body.error.field).toBe('signerTitle');
    const ok = await call('alfamidi', 'POST', `/api/agreements/${id}/sign`, { version: 1, documentSha256: naskah });
    expect(ok.status).toBe(200);
    expect(ok.body.current.signatures).toHaveLength(1);
    const account = await t.handle.db
      .selectFrom('users')
      .select(['name', 'title'])
      .where('email', '=', demo('alfamidi'))
      .executeTakeFirstOrThrow();
    expect(account.title).toBeTruthy();
    expect(ok.body.current.signatures[0]).toMatchObject({
      party: 'chain',
      signerName: account.name,
      signerTitle: account.title,
      signerRole: 'retailer',
      documentSha256: naskah,
    });
    expect(ok.body.current.missingParties).toEqual(['government']);
    expect((await call('alfamidi', 'POST', `/api/agreements/${id}/sign`, { version: 1, documentSha256: naskah })).body.error.code).toBe(
      'already_signed',
    );
    expect((await call('indomaret', 'POST', `/api/agreements/${id}/sign`, { version: 1, documentSha256: naskah })).status).toBe(404);
    expect((await call('pemda.serang', 'POST', `/api/agreements/${id}/sign`, { version: 1, documentSha256: naskah })).status).toBe(404);
    expect((await call('admin', 'POST', `/api/agreements/${id}/sign`, { version: 1, documentSha256: naskah })).status).toBe(403);
  });

  it('returning to draft voids the signatures; the resubmitted document needs new ones', async () => {
    const back = await call('alfamidi', 'POST', `/api/agreements/${id}/return`, { version: 1, note: 'Tambah satu tempat teras.' });
    expect(back.status).toBe(200);
    expect(back.body.phase).toBe('draft');
    expect(back.body.current.signatures).toEqual([]);
    expect(back.body.current.documentSha256).toBeNull();
    await call('pemda.bengkulu', 'PATCH', `/api/agreements/mou/${id}`, { outsideSpots: 5 });
    const again = await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/submit`, { version: 1 });
    const fresh = again.body.current.documentSha256;
    expect(fresh).not.toBe(naskah);
    const old = await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/sign`, { version: 1, documentSha256: naskah });
    expect(old.body.error.code).toBe('document_changed');
    expect((await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/sign`, { version: 1, documentSha256: fresh })).status).toBe(200);
    const done = await call('alfamidi', 'POST', `/api/agreements/${id}/sign`, { version: 1, documentSha256: fresh });
    expect(done.status).toBe(200);
    // Signed in 2026 for a period from 2027: signed, not yet in force.
    expect(done.body.current.status).toBe('signed');
    expect(done.body.phase).toBe('signed');
    expect(done.body.allowed).toEqual(expect.arrayContaining(['terminate']));
    naskah = fresh;
  });

  it('from signed: no edit, submit, sign, return or withdraw', async () => {
    expect((await call('pemda.bengkulu', 'PATCH', `/api/agreements/mou/${id}`, { outsideSpots: 6 })).status).toBe(409);
    expect((await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/submit`, { version: 1 })).status).toBe(409);
    expect((await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/withdraw`, { version: 1 })).status).toBe(409);
    expect((await call('alfamidi', 'POST', `/api/agreements/${id}/return`, { version: 1, note: 'x' })).status).toBe(409);
    expect((await call('alfamidi', 'POST', `/api/agreements/${id}/sign`, { version: 1, documentSha256: naskah })).status).toBe(409);
  });

  it('an amendment is a new version; the old stays in force until the new is signed, then is kept as superseded', async () => {
    expect((await call('alfamidi', 'POST', `/api/agreements/${id}/amend`, { changeNote: 'x' })).status).toBe(403);
    const amended = await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/amend`, { changeNote: 'Kuota naik menjadi 40%.' });
    expect(amended.status).toBe(200);
    expect(amended.body.latestVersion).toBe(2);
    expect(amended.body.versions.map((v: { status: string }) => v.status)).toEqual(['signed', 'draft']);
    expect((await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/amend`, { changeNote: 'y' })).body.error.code).toBe(
      'amendment_open',
    );
    await call('pemda.bengkulu', 'PATCH', `/api/agreements/mou/${id}`, {
      startsOn: '2027-07-01',
      quota: { bp: 4000, basis: 'sku', reportEveryMonths: 6 },
    });
    const sub = await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/submit`, { version: 2 });
    const v2 = sub.body.current.documentSha256;
    // Signing the old version is refused as stale, whatever hash is sent.
    const stale = await call('alfamidi', 'POST', `/api/agreements/${id}/sign`, { version: 1, documentSha256: naskah });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    await call('alfamidi', 'POST', `/api/agreements/${id}/sign`, { version: 2, documentSha256: v2 });
    const done = await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/sign`, { version: 2, documentSha256: v2 });
    expect(done.body.versions.map((v: { status: string }) => v.status)).toEqual(['superseded', 'signed']);
    const v1 = await call('pemda.bengkulu', 'GET', `/api/agreements/${id}/versions/1`);
    expect(v1.body).toMatchObject({ status: 'superseded', supersededOn: '2027-07-01' });
    expect(v1.body.mou.quota.bp).toBe(3000);
    expect(v1.body.signatures).toHaveLength(2);
    expect(done.body.current.mou.quota.bp).toBe(4000);
    // The first version's naskah is still downloadable and still matches its signatures.
    const file = await call('alfamidi', 'GET', `/api/agreements/${id}/versions/1/document.pdf?copy=naskah`);
    expect(sha(file.raw)).toBe(v1.body.signatures[0].documentSha256);
  });

  it('terminates with a reason from today or later; nothing moves after', async () => {
    expect(
      (await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/terminate`, { reason: 'x', effectiveOn: '2020-01-01' })).body.error.code,
    ).toBe('termination_in_past');
    const res = await call('alfamidi', 'POST', `/api/agreements/${id}/terminate`, {
      reason: 'Gerai di Kota Bengkulu ditutup.',
      effectiveOn: '2027-09-01',
    });
    expect(res.status).toBe(200);
    expect(res.body.current).toMatchObject({
      status: 'terminated',
      terminatedOn: '2027-09-01',
      terminationReason: 'Gerai di Kota Bengkulu ditutup.',
    });
    expect((await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/terminate`, { reason: 'x' })).status).toBe(409);
    expect((await call('pemda.bengkulu', 'POST', `/api/agreements/${id}/amend`, { changeNote: 'x' })).status).toBe(409);
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'agreement')
      .where('entity_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['create', 'edit', 'submit', 'sign', 'return', 'signed', 'amend', 'supersede', 'terminate']),
    );
  });

  it('a withdrawn draft is closed for good', async () => {
    const res = await call('pemda.bengkulu', 'POST', '/api/agreements/mou', { ...MOU, chainCode: 'indomaret' });
    const w = await call('pemda.bengkulu', 'POST', `/api/agreements/${res.body.id}/withdraw`, { version: 1, reason: 'Salah jaringan.' });
    expect(w.body.phase).toBe('withdrawn');
    for (const path of ['submit', 'withdraw']) {
      expect((await call('pemda.bengkulu', 'POST', `/api/agreements/${res.body.id}/${path}`, { version: 1 })).status).toBe(409);
    }
  });
});

describe('a PKS drafted by the chain from its template, read and signed by the UMKM', () => {
  it('drafts, flags, and lets the UMKM see shelf price beside its own price', async () => {
    const mous = await call('alfamart', 'GET', '/api/agreements?kind=mou&regionCode=16.02');
    const mou = mous.body.items[0];
    const me = await call('umkm', 'GET', '/api/me');
    const umkmId = me.body.organizationId;
    const tpl = await call('alfamart', 'GET', `/api/agreements/pks-template?mouId=${mou.id}&umkmId=${umkmId}`);
    expect(tpl.status).toBe(200);
    const { products, ...terms } = tpl.body;
    const created = await call('alfamart', 'POST', '/api/agreements/pks', {
      ...terms,
      otherFees: [
        { name: 'Biaya promosi', bp: 1000 },
        { name: 'Biaya distribusi', bp: 600 },
      ],
      products: products.map((p: { productId: string; supplierPrice: number; shelfPrice: number }) => ({
        productId: p.productId,
        supplierPrice: p.supplierPrice,
        shelfPrice: p.shelfPrice,
      })),
    });
    expect(created.status).toBe(201);
    expect(created.body.current.pks.witnessRequired).toBe(true);
    // The template itself complies; the fees added above 15% are a warning (Permendag 23/2021 Pasal 11).
    expect(created.body.warnings.map((w: { rule: string; severity: string }) => [w.rule, w.severity])).toEqual([
      ['permendag23_2021_p11_fee_cap', 'warning'],
    ]);
    const p = created.body.current.pks.products[0];
    expect(p.shelfPrice - p.supplierPrice).toBe(p.markup);
    // A product of another UMKM cannot be put in this PKS.
    const other = await t.handle.db.selectFrom('products').select('id').where('umkm_id', '<>', umkmId).limit(1).executeTakeFirstOrThrow();
    const bad = await call('alfamart', 'PATCH', `/api/agreements/pks/${created.body.id}`, {
      products: [{ productId: other.id, supplierPrice: 1, shelfPrice: 2 }],
    });
    expect(bad.status).toBe(404);
    expect(bad.body.error.field).toBe('products.0.productId');
    // It is the UMKM's own PKS: it reads the draft too, but only the chain submits it.
    const seen = await call('umkm', 'GET', `/api/agreements/${created.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.allowed).not.toContain('submit');
    expect(seen.body.warnings).toHaveLength(1);
    const dinas = await call('pemda.oki', 'GET', `/api/agreements/${created.body.id}`);
    expect(dinas.body.warnings).toHaveLength(1);
  });
});

describe('the PDF of a demo PKS', () => {
  it('contains the parties, the terms, the products and the signers; the naskah hash matches the signatures', async () => {
    const list = await call('umkm', 'GET', '/api/agreements?kind=pks');
    const demoPks = list.body.items.find((a: { phase: string }) => a.phase === 'active');
    expect(demoPks).toBeTruthy();
    const detail = (await call('umkm', 'GET', `/api/agreements/${demoPks.id}`)).body;
    expect(detail.current.signatures.map((s: { party: string }) => s.party).sort()).toEqual(['chain', 'government', 'umkm']);
    const naskah = await call('umkm', 'GET', `/api/agreements/${demoPks.id}/versions/1/document.pdf?copy=naskah`);
    expect(naskah.status).toBe(200);
    expect(sha(naskah.raw)).toBe(detail.current.documentSha256);
    for (const s of detail.current.signatures) expect(s.documentSha256).toBe(sha(naskah.raw));

    const signed = await call('umkm', 'GET', `/api/agreements/${demoPks.id}/versions/1/document.pdf`);
    expect(signed.headers['x-document-copy']).toBe('signed');
    const text = await pdfText(signed.raw);
    for (const expected of [
      'PERJANJIAN KERJA SAMA',
      detail.number,
      'PT Sumber Alfaria Trijaya Tbk',
      'Terasi Udang Tulung Selapan Bu Rusmini',
      'Rusmini Hasan',
      'Pemerintah Kabupaten Ogan Komering Ilir',
      'Konsinyasi (titip jual)',
      'paling lambat 30 hari setelah seluruh dokumen tagihan diterima lengkap',
      'Alasan teknis pembayaran tidak tunai',
      'bulanan',
      '20%',
      'dikembalikan kepada UMKM',
      'CATATAN KEPATUHAN',
      'Pelanggaran',
      'PP 29/2021 Pasal 95 ayat (1) huruf b',
      'Ditandatangani secara elektronik',
      'Tim Kemitraan UMKM Alfamart',
      'Budi Santoso (demo)',
      detail.current.documentSha256,
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('Rp10.000.000');
    expect(text).not.toContain('70 Tahun 2013');
    for (const p of detail.current.pks.products) {
      expect(text).toContain(p.name);
      expect(text).toContain(`Rp${new Intl.NumberFormat('id-ID').format(p.supplierPrice)}`);
      expect(text).toContain(`Rp${new Intl.NumberFormat('id-ID').format(p.shelfPrice)}`);
    }
  });
});

describe('tenancy', () => {
  let alfamartIds: string[];
  beforeAll(async () => {
    alfamartIds = (await call('alfamart', 'GET', '/api/agreements?limit=500')).body.items.map((a: { id: string }) => a.id);
  });

  it('Indomaret sees none of Alfamart’s MoUs, PKS, documents or terms: 404', async () => {
    expect(alfamartIds.length).toBeGreaterThan(10);
    const mine = (await call('indomaret', 'GET', '/api/agreements?limit=500')).body.items;
    expect(mine.every((a: { chain: { code: string } }) => a.chain.code === 'indomaret')).toBe(true);
    expect(mine.some((a: { id: string }) => alfamartIds.includes(a.id))).toBe(false);
    for (const id of alfamartIds.slice(0, 8)) {
      expect((await call('indomaret', 'GET', `/api/agreements/${id}`)).status).toBe(404);
      expect((await call('indomaret', 'GET', `/api/agreements/${id}/versions/1`)).status).toBe(404);
      expect((await call('indomaret', 'GET', `/api/agreements/${id}/versions/1/document.pdf?copy=naskah`)).status).toBe(404);
    }
    const outlet = await t.handle.db
      .selectFrom('outlets')
      .innerJoin('organizations as c', 'c.id', 'outlets.chain_id')
      .select('outlets.id')
      .where('c.chain_code', '=', 'alfamart')
      .where('outlets.district_code', 'like', '16.02.%')
      .orderBy('outlets.id')
      .executeTakeFirstOrThrow();
    const product = await t.handle.db
      .selectFrom('agreement_products as ap')
      .innerJoin('agreement_versions as v', 'v.id', 'ap.version_id')
      .innerJoin('agreements as a', 'a.id', 'v.agreement_id')
      .select('ap.product_id')
      .where('a.region_code', '=', '16.02')
      .where('v.status', '=', 'signed')
      .orderBy('ap.product_id')
      .executeTakeFirstOrThrow();
    const url = `/api/agreements/terms?productId=${product.product_id}&outletId=${outlet.id}&date=2026-11-23`;
    expect((await call('alfamart', 'GET', url)).status).toBe(200);
    expect((await call('indomaret', 'GET', url)).status).toBe(404);
    expect((await call('indomaret', 'GET', '/api/agreements/eligible-products?chainCode=alfamart&regionCode=16.02')).status).toBe(404);
  });

  it('the UMKM sees only its own PKS, and no MoU', async () => {
    const list = (await call('umkm', 'GET', '/api/agreements?limit=500')).body;
    const me = (await call('umkm', 'GET', '/api/me')).body;
    const orgId = me.organizationId;
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((a: { kind: string; umkm: { id: string } }) => a.kind === 'pks' && a.umkm.id === orgId)).toBe(true);
    const others = alfamartIds.filter((id) => !list.items.some((a: { id: string }) => a.id === id));
    for (const id of others.slice(0, 5)) expect((await call('umkm', 'GET', `/api/agreements/${id}`)).status).toBe(404);
  });

  it('a Dinas sees its region’s MoUs and PKS only; a mentor none', async () => {
    const oki = (await call('pemda.oki', 'GET', '/api/agreements?limit=500')).body.items;
    expect(oki.length).toBeGreaterThan(14);
    expect(oki.every((a: { regionCode: string }) => a.regionCode === '16.02')).toBe(true);
    const serang = (await call('pemda.serang', 'GET', '/api/agreements?limit=500')).body.items;
    expect(serang.every((a: { regionCode: string }) => a.regionCode === '36.04')).toBe(true);
    expect(serang.some((a: { kind: string }) => a.kind === 'pks')).toBe(true);
    expect((await call('pemda.serang', 'GET', `/api/agreements/${oki[0].id}`)).status).toBe(404);
    expect((await call('mentor', 'GET', '/api/agreements')).status).toBe(403);
    expect((await call('mentor', 'GET', `/api/agreements/${oki[0].id}`)).status).toBe(403);
  });
});

describe('reminders on each party’s home', () => {
  it('shows agreements ending within 30/60 days, signatures awaited, and the rules-of-trade flags', async () => {
    const alfamidi = (await call('alfamidi', 'GET', '/api/agreements/reminders?date=2026-11-23')).body;
    expect(alfamidi.expiring).toEqual([expect.objectContaining({ kind: 'mou', endsOn: '2026-12-31', daysLeft: 38, within: 60 })]);
    const soon = (await call('pemda.ambon', 'GET', '/api/agreements/reminders?date=2026-12-10')).body;
    expect(soon.expiring).toEqual([expect.objectContaining({ daysLeft: 21, within: 30 })]);
    expect((await call('indomaret', 'GET', '/api/agreements/reminders?date=2026-11-23')).body.expiring).toEqual([]);

    const indomaret = (await call('indomaret', 'GET', '/api/agreements/reminders?date=2026-11-23')).body;
    expect(indomaret.awaitingSignature).toEqual([expect.objectContaining({ kind: 'pks', missingParties: ['umkm'], mine: false })]);
    const umkm = (await call('umkm', 'GET', '/api/agreements/reminders?date=2026-11-23')).body;
    expect(umkm.flagged.length).toBeGreaterThan(0);
    expect(umkm.flagged[0].warnings.map((w: { rule: string }) => w.rule)).toContain('pp29_2021_p95_1b_payment_term');
    // The signed OKI PKS that pay after 30 days are flagged to every party and to the Dinas of the region.
    for (const who of ['pemda.oki', 'alfamart']) {
      const r = (await call(who, 'GET', '/api/agreements/reminders?date=2026-11-23')).body;
      const oki = r.flagged.filter((f: { number: string }) => f.number.includes('/16.02/'));
      expect(oki.length, who).toBeGreaterThanOrEqual(14);
      for (const f of oki) {
        expect(f.warnings[0]).toMatchObject({ rule: 'pp29_2021_p95_1b_payment_term', severity: 'blocking', field: 'paymentTermDays' });
        expect(f.warnings[0].message.id).toContain('PP 29/2021 Pasal 95 ayat (1) huruf b');
      }
    }
    expect((await call('pemda.serang', 'GET', '/api/agreements/reminders?date=2026-11-23')).body.flagged).toEqual([]);
  });
});

describe('the law in force: PP 29/2021 Pasal 95 blocks, older PKS are judged by Permendag 70/2013', () => {
  /** A PKS draft for the demo UMKM under Alfamart's OKI MoU, from the chain's template with `change`. */
  async function draft(change: Record<string, unknown>) {
    const mou = (await call('alfamart', 'GET', '/api/agreements?kind=mou&regionCode=16.02')).body.items[0];
    const umkmId = (await call('umkm', 'GET', '/api/me')).body.organizationId;
    const tpl = (await call('alfamart', 'GET', `/api/agreements/pks-template?mouId=${mou.id}&umkmId=${umkmId}`)).body;
    const { products, ...terms } = tpl;
    const res = await call('alfamart', 'POST', '/api/agreements/pks', {
      ...terms,
      ...change,
      products: products.map((p: { productId: string; supplierPrice: number; shelfPrice: number }) => ({
        productId: p.productId,
        supplierPrice: p.supplierPrice,
        shelfPrice: p.shelfPrice,
      })),
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('a draft paying 30 days after billing cannot be submitted: the error cites Pasal 95 and names the field', async () => {
    const d = await draft({ paymentTermDays: 30 });
    expect(d.warnings[0]).toMatchObject({ rule: 'pp29_2021_p95_1b_payment_term', severity: 'blocking', field: 'paymentTermDays' });
    expect(d.warnings[0].text.id).toContain('15 hari');
    const res = await call('alfamart', 'POST', `/api/agreements/${d.id}/submit`, { version: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('paymentTermDays');
    expect(res.body.error.message.id).toContain('PP 29/2021 Pasal 95');
    expect(res.body.error.message.en).toContain('PP 29/2021 Pasal 95');
    expect((await call('alfamart', 'GET', `/api/agreements/${d.id}`)).body.phase).toBe('draft');
    // Corrected, it goes.
    expect((await call('alfamart', 'PATCH', `/api/agreements/pks/${d.id}`, { paymentTermDays: 15 })).status).toBe(200);
    const sent = await call('alfamart', 'POST', `/api/agreements/${d.id}/submit`, { version: 1 });
    expect(sent.status).toBe(200);
    expect(sent.body.phase).toBe('in_review');
    await call('alfamart', 'POST', `/api/agreements/${d.id}/withdraw`, { version: 1 });
  });

  it('a listing fee in otherFees is refused the same way (Pasal 95 ayat (1) huruf a)', async () => {
    const d = await draft({ otherFees: [{ name: 'Listing fee', bp: 300 }] });
    const res = await call('alfamart', 'POST', `/api/agreements/${d.id}/submit`, { version: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('otherFees.0.name');
    expect(res.body.error.message.id).toContain('PP 29/2021 Pasal 95 ayat (1) huruf a');
    // Paying later than cash without the technical reason is refused too.
    await call('alfamart', 'PATCH', `/api/agreements/pks/${d.id}`, { otherFees: [], paymentTechnicalReason: null });
    const why = await call('alfamart', 'POST', `/api/agreements/${d.id}/submit`, { version: 1 });
    expect(why.body.error.field).toBe('paymentTechnicalReason');
    await call('alfamart', 'POST', `/api/agreements/${d.id}/withdraw`, { version: 1 });
  });

  it('a version in review that breaks Pasal 95 cannot be signed', async () => {
    const d = await draft({});
    const sent = await call('alfamart', 'POST', `/api/agreements/${d.id}/submit`, { version: 1 });
    expect(sent.status).toBe(200);
    // As if it had been sent before the rule was in the catalogue.
    await t.handle.db.updateTable('agreement_versions').set({ payment_term_days: 45 }).where('agreement_id', '=', d.id).execute();
    const res = await call('umkm', 'POST', `/api/agreements/${d.id}/sign`, {
      version: 1,
      documentSha256: sent.body.current.documentSha256,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('paymentTermDays');
    expect(res.body.error.message.id).toContain('PP 29/2021 Pasal 95');
    expect(
      (await call('umkm', 'GET', `/api/agreements/${d.id}`)).body.current.signatures.some((s: { party: string }) => s.party === 'umkm'),
    ).toBe(false);
    await call('alfamart', 'POST', `/api/agreements/${d.id}/withdraw`, { version: 1 });
  });

  it('a PKS starting 2020-06-01 is judged by Permendag 70/2013: its Rp10.000.000 threshold applies', async () => {
    const d = await draft({ startsOn: '2020-06-01', endsOn: '2020-12-31', paymentTermDays: 30, paymentTechnicalReason: null });
    expect(d.warnings.map((w: { rule: string; severity: string }) => [w.rule, w.severity])).toEqual([
      ['permendag70_small_supply_payment', 'warning'],
    ]);
    expect(d.warnings[0].message.id).toContain('Rp10.000.000');
    const pdf = await pdfText((await call('alfamart', 'GET', `/api/agreements/${d.id}/versions/1/document.pdf`)).raw);
    expect(pdf).toContain('Pembayaran tagihan s.d. Rp10.000.000');
    expect(pdf).not.toContain('PP 29/2021');
    // With its own term for small bills, 70/2013 is satisfied.
    const fixed = await call('alfamart', 'PATCH', `/api/agreements/pks/${d.id}`, { smallSupplyPaymentDays: 7 });
    expect(fixed.body.warnings).toEqual([]);
    await call('alfamart', 'POST', `/api/agreements/${d.id}/withdraw`, { version: 1 });
  });

  it('serves the catalogue of rules with their sources and dates', async () => {
    const res = await call('umkm', 'GET', '/api/agreements/rules');
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((r: { id: string }) => [r.id, r]));
    expect(byId.get('pp29_2021_p95_1b_payment_term')).toMatchObject({
      instrument: 'PP No. 29 Tahun 2021',
      article: 'Pasal 95 ayat (1) huruf b',
      from: '2021-05-01',
      until: null,
      severity: 'blocking',
    });
    expect(byId.get('permendag70_small_supply_payment')).toMatchObject({ from: null, until: '2021-04-30', severity: 'warning' });
  });

  it('no PDF, detail or reminder of a demo PKS starting after 2021-05-01 cites the Rp10.000.000 threshold', async () => {
    const all = (await call('admin', 'GET', '/api/agreements?kind=pks&limit=200')).body.items.filter(
      (a: { startsOn: string }) => a.startsOn >= '2021-05-01',
    );
    expect(all.length).toBeGreaterThan(25);
    let flagged = 0;
    for (const a of all) {
      const detail = (await call('admin', 'GET', `/api/agreements/${a.id}`)).body;
      expect(JSON.stringify(detail), a.number).not.toMatch(/Rp ?10\.000\.000|Rp10,000,000|70 Tahun 2013|70\/2013/);
      const text = await pdfText(
        (await call('admin', 'GET', `/api/agreements/${a.id}/versions/${detail.current.version}/document.pdf`)).raw,
      );
      expect(text, a.number).not.toMatch(/10\.000\.000|70 Tahun 2013|70\/2013/);
      expect(text, a.number).toContain('PP 29/2021 Pasal 95 ayat (1) huruf b');
      if (detail.warnings.some((w: { severity: string }) => w.severity === 'blocking')) flagged++;
    }
    // The OKI PKS (30 days) are the flagged ones; Serang's and Bengkulu's comply.
    expect(flagged).toBeGreaterThanOrEqual(14);
    for (const who of ['admin', 'pemda.oki', 'umkm', 'alfamart']) {
      const r = (await call(who, 'GET', '/api/agreements/reminders?date=2026-11-23')).body;
      expect(JSON.stringify(r), who).not.toMatch(/10\.000\.000|70 Tahun 2013/);
    }
  });

  it('the agreement screens carry no citation of the old threshold either', async () => {
    const fs = await import('node:fs');
    const dir = path.join(import.meta.dirname, '../../web/pages/agreements');
    for (const f of fs.readdirSync(dir)) {
      expect(fs.readFileSync(path.join(dir, f), 'utf8'), f).not.toMatch(/10\.000\.000|70 Tahun 2013|70\/2013/);
    }
  });
});

describe('agreement numbers under concurrency', () => {
  it('20 MoU drafts created at once all succeed, each with its own number', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call('pemda.bengkulu', 'POST', '/api/agreements/mou', { ...MOU, startsOn: '2029-01-01', endsOn: '2029-12-31', outsideSpots: i }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.body.number as string);
    expect(new Set(numbers).size).toBe(20);
    expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `MOU/17.71/ALFAMIDI/2029/${String(i + 1).padStart(3, '0')}`));
  });

  it('numbers continue after those written without the counter (the demo’s)', async () => {
    const umkmId = (await call('umkm', 'GET', '/api/me')).body.organizationId;
    const mou = (await call('alfamart', 'GET', '/api/agreements?kind=mou&regionCode=16.02')).body.items[0];
    const tpl = (await call('alfamart', 'GET', `/api/agreements/pks-template?mouId=${mou.id}&umkmId=${umkmId}`)).body;
    const { products, ...terms } = tpl;
    // The demo numbered its OKI PKS itself (0001…) under the prefix of their start year.
    const signed = (await call('alfamart', 'GET', '/api/agreements?kind=pks&regionCode=16.02&limit=200')).body.items.find(
      (a: { phase: string }) => a.phase === 'active',
    );
    const demoYear = signed.number.split('/')[3];
    const prefix = `PKS/ALFAMART/16.02/${demoYear}/`;
    const existing = (await call('alfamart', 'GET', '/api/agreements?kind=pks&regionCode=16.02&limit=200')).body.items
      .map((a: { number: string }) => a.number)
      .filter((n: string) => n.startsWith(prefix))
      .sort();
    expect(existing.length).toBeGreaterThan(10);
    const res = await call('alfamart', 'POST', '/api/agreements/pks', {
      ...terms,
      startsOn: `${demoYear}-12-15`,
      products: products.map((p: { productId: string; supplierPrice: number; shelfPrice: number }) => ({
        productId: p.productId,
        supplierPrice: p.supplierPrice,
        shelfPrice: p.shelfPrice,
      })),
    });
    expect(res.status).toBe(201);
    const last = Number(existing[existing.length - 1].split('/').pop());
    expect(res.body.number.startsWith(prefix)).toBe(true);
    expect(Number(res.body.number.split('/').pop())).toBeGreaterThan(last);
  });
});

describe('the buttons shown are the decisions the handlers make', () => {
  it('on a PKS in review, each actor is offered sign/return/withdraw exactly when the request would pass the policy', async () => {
    const mou = (await call('alfamart', 'GET', '/api/agreements?kind=mou&regionCode=16.02')).body.items[0];
    const umkmId = (await call('umkm', 'GET', '/api/me')).body.organizationId;
    const { products, ...terms } = (await call('alfamart', 'GET', `/api/agreements/pks-template?mouId=${mou.id}&umkmId=${umkmId}`)).body;
    const created = await call('alfamart', 'POST', '/api/agreements/pks', {
      ...terms,
      products: products.map((p: { productId: string; supplierPrice: number; shelfPrice: number }) => ({
        productId: p.productId,
        supplierPrice: p.supplierPrice,
        shelfPrice: p.shelfPrice,
      })),
    });
    const id = created.body.id;
    const sent = await call('alfamart', 'POST', `/api/agreements/${id}/submit`, { version: 1 });
    const sha = sent.body.current.documentSha256;
    const offered = async (who: string) => (await call(who, 'GET', `/api/agreements/${id}`)).body.allowed as string[];
    expect(await offered('umkm')).toEqual(expect.arrayContaining(['sign', 'return']));
    expect(await offered('umkm')).not.toContain('withdraw');
    expect(await offered('pemda.oki')).toContain('sign'); // the OKI MoU has the Dinas witness its PKS
    expect(await offered('alfamart')).toEqual(expect.arrayContaining(['sign', 'return', 'withdraw']));
    expect(await offered('admin')).not.toContain('sign');
    // What is not offered is refused by the handler: a UMKM cannot withdraw, an admin cannot sign.
    expect((await call('umkm', 'POST', `/api/agreements/${id}/withdraw`, { version: 1 })).status).toBe(403);
    expect((await call('admin', 'POST', `/api/agreements/${id}/sign`, { version: 1, documentSha256: sha })).status).toBe(403);
    // What is offered passes: the UMKM signs, and is no longer offered to sign.
    expect((await call('umkm', 'POST', `/api/agreements/${id}/sign`, { version: 1, documentSha256: sha })).status).toBe(200);
    expect(await offered('umkm')).not.toContain('sign');
    expect((await call('alfamart', 'POST', `/api/agreements/${id}/withdraw`, { version: 1 })).status).toBe(200);
  });
});

describe('ending an agreement tells the other parties', () => {
  it('a PKS Alfamart ends appears in the reminders of the Dinas and the UMKM, with who and why, not in its own', async () => {
    const list = (await call('alfamart', 'GET', '/api/agreements?kind=pks&limit=200')).body.items as {
      id: string;
      number: string;
      phase: string;
      regionCode: string;
    }[];
    const pks = list.find((a) => a.phase === 'active' && a.regionCode === '16.02');
    expect(pks).toBeTruthy();
    const ended = await call('alfamart', 'POST', `/api/agreements/${pks?.id}/terminate`, { reason: 'Gerai ditutup untuk renovasi' });
    expect(ended.status).toBe(200);
    const told = (await call('pemda.oki', 'GET', '/api/agreements/reminders')).body.terminated;
    expect(told).toEqual([
      expect.objectContaining({
        id: pks?.id,
        number: pks?.number,
        reason: 'Gerai ditutup untuk renovasi',
        byName: expect.stringContaining('Alfamart'),
      }),
    ]);
    expect((await call('alfamart', 'GET', '/api/agreements/reminders')).body.terminated).toEqual([]);
    // Another chain is never told of Alfamart's agreements.
    expect((await call('indomaret', 'GET', '/api/agreements/reminders')).body.terminated).toEqual([]);
  });
});
