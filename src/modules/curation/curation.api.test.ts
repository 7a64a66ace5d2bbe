// Curation and mentoring through the API with the demo data: bottlenecks and their exports for Sulbar,
// the demo UMKM's gap list, the wall between chains, a round run end to end with history kept, and a
// mentoring program from invitation to before/after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type TestApp, testApp } from '../../../tests/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const get = (who: string, url: string) => t.as(demo(who), { method: 'GET', url });
const send = (who: string, method: 'POST' | 'PATCH', url: string, payload: unknown) =>
  t.as(demo(who), { method, url, payload: payload as Record<string, unknown> });

describe('bottlenecks', () => {
  it('shows pemda.sulbar the table for Sulawesi Barat and Alfamidi, with a greedy relaxation set', async () => {
    const res = await get('pemda.sulbar', '/api/curation/bottlenecks?regionCode=76&chainCode=alfamidi&target=10');
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.products).toBeGreaterThan(150);
    expect(b.umkm).toBeGreaterThan(60);
    expect(b.criteria.length).toBeGreaterThanOrEqual(10);
    const halal = b.criteria.find((c: { code: string }) => c.code === 'halal');
    expect(halal.failingProducts).toBeGreaterThan(0);
    expect(halal.label.id).toContain('halal');
    expect(halal.label.en).toContain('halal');
    // Sorted by how many products each blocks.
    const fails = b.criteria.map((c: { failingProducts: number }) => c.failingProducts);
    expect(fails).toEqual([...fails].sort((x: number, y: number) => y - x));
    expect(b.greedy.method).toBe('greedy');
    expect(b.greedy.steps.length).toBeGreaterThan(0);
  });

  it('exports the table as CSV and XLSX', async () => {
    const csv = await get('pemda.sulbar', '/api/curation/bottlenecks/export?regionCode=76&chainCode=alfamidi&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('hambatan-kurasi-76-alfamidi.csv');
    expect(csv.body).toContain('Kode kriteria,Kriteria,Produk tidak lolos');
    expect(csv.body).toContain('halal,');
    const xlsx = await get('pemda.sulbar', '/api/curation/bottlenecks/export?regionCode=76&chainCode=alfamidi&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('keeps a chain to its own analytics and a Dinas to its own region', async () => {
    expect((await get('alfamart', '/api/curation/bottlenecks?regionCode=76&chainCode=alfamidi')).statusCode).toBe(404);
    const serang = (await get('pemda.serang', '/api/curation/bottlenecks?regionCode=76&chainCode=alfamidi')).json();
    expect(serang.products).toBe(0);
  });
});

describe('the demo UMKM', () => {
  it('sees its gap list in Indonesian, without the curators’ notes', async () => {
    const res = await get('umkm', '/api/curation/gap-lists');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    expect(list.items.length).toBeGreaterThan(0);
    const withGaps = list.items.filter((i: { gaps: unknown[] }) => i.gaps.length > 0);
    expect(withGaps.length).toBeGreaterThan(0);
    const gap = withGaps[0].gaps[0];
    expect(gap.remedy.id.length).toBeGreaterThan(20);
    expect(`${gap.label.id} ${gap.detail.id} ${gap.remedy.id}`).toMatch(/Belum|belum|Cantumkan|kurator|Daftar/);
    // ... and in English for the English screen.
    expect(gap.remedy.en).not.toBe(gap.remedy.id);
    expect(gap.detail.en).not.toBe(gap.detail.id);
    // Only its own products.
    expect(new Set(list.items.map((i: { umkmId: string }) => i.umkmId)).size).toBe(1);
    const entry = (await get('umkm', `/api/curation/entries/${withGaps[0].entryId}`)).json();
    expect(entry.notes).toBeNull();
    expect(entry.gaps.length).toBeGreaterThan(0);
  });

  it('sees its mentoring invitation and can accept it', async () => {
    const programs = (await get('umkm', '/api/mentoring/programs')).json();
    const invitation = programs.items.find((p: { myStatus: string }) => p.myStatus === 'invited');
    expect(invitation).toBeDefined();
    const accepted = await send('umkm', 'POST', `/api/mentoring/programs/${invitation.id}/respond`, { accept: true });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().enrolments).toEqual([expect.objectContaining({ status: 'enrolled' })]);
    expect((await send('umkm', 'POST', `/api/mentoring/programs/${invitation.id}/respond`, { accept: true })).statusCode).toBe(409);
  });
});

describe('the wall between chains', () => {
  it('hides Indomaret’s requirement drafts, rounds, results and notes from Alfamart (404)', async () => {
    const drafts = (await get('indomaret', '/api/curation/requirement-sets?status=draft')).json();
    expect(drafts.items.length).toBeGreaterThan(0);
    const draft = drafts.items[0];
    expect(draft.chainCode).toBe('indomaret');
    expect((await get('alfamart', `/api/curation/requirement-sets/${draft.id}`)).statusCode).toBe(404);
    const seen = (await get('alfamart', '/api/curation/requirement-sets?limit=500')).json();
    expect(seen.items.some((s: { chainCode: string; status: string }) => s.chainCode === 'indomaret' && s.status === 'draft')).toBe(false);
    expect(seen.items.some((s: { chainCode: string; status: string }) => s.chainCode === 'indomaret' && s.status === 'published')).toBe(
      true,
    );
    expect((await send('alfamart', 'PATCH', `/api/curation/requirement-sets/${draft.id}`, { name: 'x' })).statusCode).toBe(404);

    const round = (await get('indomaret', '/api/curation/rounds')).json().items[0];
    expect(round.chainCode).toBe('indomaret');
    expect((await get('alfamart', `/api/curation/rounds/${round.id}`)).statusCode).toBe(404);
    expect((await get('alfamart', `/api/curation/rounds/${round.id}/entries`)).statusCode).toBe(404);
    const entry = (await get('indomaret', `/api/curation/rounds/${round.id}/entries?limit=1`)).json().items[0];
    expect((await get('alfamart', `/api/curation/entries/${entry.id}`)).statusCode).toBe(404);
    expect(
      (await get('alfamart', '/api/curation/rounds?limit=500'))
        .json()
        .items.every((r: { chainCode: string }) => r.chainCode === 'alfamart'),
    ).toBe(true);
  });
});

describe('a round end to end', () => {
  it('evaluates on adding, records scores as new evaluations, closes, and keeps the history', async () => {
    const created = await send('pemda.oki', 'POST', '/api/curation/rounds', {
      name: 'Kurasi Uji OKI — Indomaret',
      chainCode: 'indomaret',
      regionCode: '16.02',
      curationDate: '2026-11-20',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const added = await send('pemda.oki', 'POST', `/api/curation/rounds/${id}/products`, { allInRegion: true });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().added).toBeGreaterThan(20);
    const entries = (await get('pemda.oki', `/api/curation/rounds/${id}/entries?limit=500`)).json();
    expect(entries.items.every((e: { outcome: string | null }) => e.outcome !== null)).toBe(true);
    const first = entries.items[0];
    const bad = await send('pemda.oki', 'PATCH', `/api/curation/entries/${first.id}`, { scores: { halal: 3 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('scores.halal');
    const scored = await send('pemda.oki', 'PATCH', `/api/curation/entries/${first.id}`, {
      scores: { kemasan: 5, rasa: 5 },
      attestations: { label_komposisi: true },
      notes: 'Kemasan rapi.',
    });
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json().history.length).toBe(2);
    expect(scored.json().notes).toBe('Kemasan rapi.');
    const closed = await send('pemda.oki', 'POST', `/api/curation/rounds/${id}/close`, {});
    expect(closed.statusCode).toBe(200);
    expect(closed.json().menunggu).toBe(0);
    const after = (await get('pemda.oki', `/api/curation/entries/${first.id}`)).json();
    expect(after.history.length).toBe(3);
    expect((await send('pemda.oki', 'PATCH', `/api/curation/entries/${first.id}`, { notes: 'x' })).statusCode).toBe(409);
    // A Dinas cannot open a round outside its region.
    const outside = await send('pemda.oki', 'POST', '/api/curation/rounds', {
      name: 'x',
      chainCode: 'indomaret',
      regionCode: '36.04',
      curationDate: '2026-11-20',
    });
    expect(outside.statusCode).toBe(400);
  });

  it('lets a chain publish a new version; the old one is retired, not changed', async () => {
    const created = await send('alfamart', 'POST', '/api/curation/requirement-sets', {
      category: 'kopi_teh',
      name: 'Persyaratan Kopi dan Teh',
      criteria: [{ code: 'nib', kind: 'identifier', identifier: 'nib', label: 'NIB', remedy: 'Daftar di OSS.' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ version: 1, status: 'draft', chainCode: 'alfamart' });
    const published = await send('alfamart', 'POST', `/api/curation/requirement-sets/${created.json().id}/publish`, {});
    expect(published.json().status).toBe('published');
    expect((await send('alfamart', 'PATCH', `/api/curation/requirement-sets/${created.json().id}`, { name: 'y' })).statusCode).toBe(409);
    const dup = await send('alfamart', 'POST', '/api/curation/requirement-sets', {
      category: null,
      name: 'x',
      criteria: [
        { code: 'nib', kind: 'attestation', label: 'a', remedy: 'b' },
        { code: 'nib', kind: 'attestation', label: 'a', remedy: 'b' },
      ],
    });
    expect(dup.statusCode).toBe(400);
  });
});

describe('mentoring', () => {
  it('shows the mentor their program with sessions, attendance and notes, and the before/after of re-curation', async () => {
    const programs = (await get('mentor', '/api/mentoring/programs')).json();
    expect(programs.items.length).toBe(1);
    const p = (await get('mentor', `/api/mentoring/programs/${programs.items[0].id}`)).json();
    expect(p.sessions.length).toBe(3);
    expect(p.sessions[0].notes).toBeTruthy();
    expect(p.sessions[0].attendance.length).toBe(5);
    const outcome = (await get('mentor', `/api/mentoring/programs/${p.id}/outcome`)).json();
    expect(outcome.items.length).toBeGreaterThan(5);
    expect(outcome.summary.gapsClosed).toBeGreaterThan(5);
    expect(outcome.summary.lolosAfter).toBeGreaterThanOrEqual(outcome.summary.lolosBefore);
  });

  it('suggests participants from gaps and records a session by the Dinas', async () => {
    const programs = (await get('pemda.oki', '/api/mentoring/programs')).json();
    const halal = programs.items.find((x: { topic: string }) => x.topic === 'halal');
    const s = (await get('pemda.oki', `/api/mentoring/programs/${halal.id}/suggestions`)).json();
    expect(s.items.length).toBeGreaterThan(0);
    expect(s.items[0].gaps.length).toBeGreaterThan(0);
    const detail = (await get('pemda.oki', `/api/mentoring/programs/${halal.id}`)).json();
    const enrolled = detail.enrolments.find((e: { status: string }) => e.status === 'enrolled');
    const session = await send('pemda.oki', 'POST', `/api/mentoring/programs/${halal.id}/sessions`, {
      heldOn: '2026-12-07',
      topic: 'Pengisian berkas SEHATI',
      attendance: [{ umkmId: enrolled.umkmId, present: true }],
    });
    expect(session.statusCode, session.body).toBe(201);
    const stranger = detail.enrolments.find((e: { status: string }) => e.status === 'invited');
    const refused = await send('pemda.oki', 'POST', `/api/mentoring/programs/${halal.id}/sessions`, {
      heldOn: '2026-12-08',
      topic: 'x',
      attendance: [{ umkmId: stranger.umkmId, present: true }],
    });
    expect(refused.statusCode).toBe(400);
    expect((await get('pemda.sulbar', `/api/mentoring/programs/${halal.id}`)).statusCode).toBe(404);
  });
});

describe('funnel', () => {
  it('counts products per stage for Sulbar, derived from curation facts', async () => {
    const f = (await get('pemda.sulbar', '/api/curation/funnel?regionCode=76')).json();
    const by = Object.fromEntries(f.stages.map((s: { stage: string; reached: number }) => [s.stage, s.reached]));
    expect(by.terdaftar).toBeGreaterThan(150);
    expect(by.dikurasi).toBe(by.terdaftar);
    expect(by.lolos_kurasi).toBeGreaterThan(0);
    expect(by.lolos_kurasi).toBeLessThan(by.dikurasi);
    expect(f.byRegion.length).toBe(6);
  });

  it('gives the demo UMKM’s product its stage and history', async () => {
    const gaps = (await get('umkm', '/api/curation/gap-lists')).json();
    const status = (await get('umkm', `/api/curation/products/${gaps.items[0].productId}/status`)).json();
    // her curated product is on Alfamart's shelves in OKI: under a market test, or listed after one
    const tests = (await get('umkm', `/api/market-tests?productId=${gaps.items[0].productId}`)).json();
    expect(status.stage).toBe(tests.items[0]?.status === 'running' ? 'uji_pasar' : tests.items[0] ? 'terpajang' : 'dikurasi');
    expect(status.label.id).toBe(status.stage === 'uji_pasar' ? 'Uji pasar' : status.label.id);
    expect(status.history.length).toBeGreaterThanOrEqual(2);
    const other = (await get('pemda.serang', '/api/products?limit=1')).json().items[0];
    expect((await get('umkm', `/api/curation/products/${other.id}/status`)).statusCode).toBe(404);
  });
});
