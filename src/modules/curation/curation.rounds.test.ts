// Round detail through the API (issue 9): the entries of the 949-product Serang × Indomaret round paged to
// the last one with the same total on every page, filtered by outcome, failed criterion and district, and
// sorted; its facets; the products a round could still take; a round opened against one requirement set.
// Tenancy: a chain never reaches another chain's round, entries, facets or candidates (404, no counts).
import { sql } from 'kysely';
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

interface EntryPage {
  items: {
    id: string;
    productName: string;
    umkmName: string;
    outcome: string | null;
    failed: string[];
    failedLabels: { id: string; en: string }[];
    districtCode: string;
    districtName: string;
    evaluatedAt: string | null;
  }[];
  total: number;
}

async function serangRound() {
  const rounds = (await get('indomaret', '/api/curation/rounds?regionCode=36.04&limit=50')).json();
  const r = rounds.items.find((x: { products: number }) => x.products > 900);
  expect(r).toBeDefined();
  return r as { id: string; products: number; lolos: number; belumLolos: number };
}

describe('round entries: pages, filters, sorting', () => {
  it('pages the 949 products to the last one, the total the same on every page', async () => {
    const r = await serangRound();
    expect(r.products).toBe(949);
    const ids = new Set<string>();
    for (let offset = 0; offset < r.products; offset += 200) {
      const page: EntryPage = (await get('indomaret', `/api/curation/rounds/${r.id}/entries?limit=200&offset=${offset}`)).json();
      expect(page.total).toBe(949);
      for (const e of page.items) ids.add(e.id);
    }
    expect(ids.size).toBe(949);
    const last: EntryPage = (await get('indomaret', `/api/curation/rounds/${r.id}/entries?limit=20&offset=940`)).json();
    expect(last.items).toHaveLength(9);
  });

  it('filters by outcome, failed criterion and district, with totals that agree with the round', async () => {
    const r = await serangRound();
    const lolos: EntryPage = (await get('indomaret', `/api/curation/rounds/${r.id}/entries?outcome=lolos&limit=500`)).json();
    expect(lolos.total).toBe(r.lolos);
    expect(lolos.items.every((e) => e.outcome === 'lolos')).toBe(true);
    const belum: EntryPage = (await get('indomaret', `/api/curation/rounds/${r.id}/entries?outcome=belum_lolos&limit=1`)).json();
    expect(belum.total).toBe(r.belumLolos);

    const facets = (await get('indomaret', `/api/curation/rounds/${r.id}/facets`)).json();
    expect(facets.districts.reduce((s: number, d: { entries: number }) => s + d.entries, 0)).toBe(949);
    const halal = facets.criteria.find((c: { code: string }) => c.code === 'halal');
    expect(halal.label.id).toContain('halal');
    const failingHalal: EntryPage = (await get('indomaret', `/api/curation/rounds/${r.id}/entries?criterion=halal&limit=500`)).json();
    expect(failingHalal.total).toBe(halal.failing);
    expect(failingHalal.items.every((e) => e.failed.includes('halal'))).toBe(true);
    const label = failingHalal.items[0]?.failedLabels[failingHalal.items[0].failed.indexOf('halal')];
    expect(label?.id).toMatch(/halal/i);

    const d = facets.districts[0];
    const inDistrict: EntryPage = (await get('indomaret', `/api/curation/rounds/${r.id}/entries?districtCode=${d.code}&limit=500`)).json();
    expect(inDistrict.total).toBe(d.entries);
    expect(inDistrict.items.every((e) => e.districtCode === d.code && e.districtName === d.name)).toBe(true);
  });

  it('sorts by product name, UMKM, outcome and latest evaluation, both ways', async () => {
    const r = await serangRound();
    const page = async (q: string): Promise<EntryPage> =>
      (await get('indomaret', `/api/curation/rounds/${r.id}/entries?limit=500&${q}`)).json();
    const collate = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    // One way is the other reversed (names compared, so ties do not matter; the database's collation decides).
    for (const [sort, key] of [
      ['product', 'productName'],
      ['umkm', 'umkmName'],
    ] as const) {
      const asc = (await page(`sort=${sort}&outcome=lolos`)).items.map((e) => e[key]);
      const desc = (await page(`sort=${sort}&dir=desc&outcome=lolos`)).items.map((e) => e[key]);
      expect(asc.length).toBe(r.lolos);
      expect(desc).toEqual([...asc].reverse());
      expect(asc[0]).not.toBe(desc[0]);
    }
    const outcomes = (await page('sort=outcome')).items.map((e) => e.outcome ?? 'menunggu');
    expect(outcomes).toEqual([...outcomes].sort(collate));
    const evaluated = (await page('sort=evaluated&dir=desc')).items.map((e) => e.evaluatedAt ?? '');
    expect(evaluated).toEqual([...evaluated].sort(collate).reverse());
    expect((await get('indomaret', `/api/curation/rounds/${r.id}/entries?sort=price`)).statusCode).toBe(400);
  });
});

describe('tenancy of the new routes and filters', () => {
  it('Alfamart reaches nothing of the Indomaret round: 404 everywhere and no counts', async () => {
    const r = await serangRound();
    for (const url of [
      `/api/curation/rounds/${r.id}`,
      `/api/curation/rounds/${r.id}/entries?criterion=halal`,
      `/api/curation/rounds/${r.id}/entries?districtCode=36.04&outcome=lolos`,
      `/api/curation/rounds/${r.id}/facets`,
      `/api/curation/rounds/${r.id}/candidates`,
    ]) {
      const res = await get('alfamart', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toMatch(/"total"|"entries"|"failing"/);
    }
    // Its own round list, filtered by that region, holds none of them.
    const own = (await get('alfamart', '/api/curation/rounds?regionCode=36.04&limit=100')).json();
    expect(own.items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    expect(own.total).toBe(0);
    // Bottlenecks: the chains with data it is told of are its own only.
    const b = (await get('alfamart', '/api/curation/bottlenecks?regionCode=36.04')).json();
    expect(b.chainCode).toBe('alfamart');
    expect(b.chainsWithData.every((c: { chainCode: string }) => c.chainCode === 'alfamart')).toBe(true);
    expect(b.products).toBe(0);
  });

  it('a UMKM sees in a round only its own entries, and cannot list candidates', async () => {
    const gaps = (await get('umkm', '/api/curation/gap-lists')).json();
    const entry = (await get('umkm', `/api/curation/entries/${gaps.items[0].entryId}`)).json();
    const page: EntryPage = (await get('umkm', `/api/curation/rounds/${entry.roundId}/entries?limit=500`)).json();
    expect(page.total).toBe(page.items.length);
    expect(new Set(page.items.map((e) => e.umkmName)).size).toBe(1);
    expect((await get('umkm', `/api/curation/rounds/${entry.roundId}/candidates`)).statusCode).toBe(403);
  });
});

describe('a round opened against one requirement set, filled from the candidates', () => {
  it('Dinas OKI opens an Alfamart round, finds products, adds all eligible; a curator assesses; it closes', async () => {
    const sets = (await get('pemda.oki', '/api/curation/requirement-sets?chainCode=alfamart&status=published')).json();
    const set = sets.items.find((s: { category: string | null }) => s.category === null);
    expect(set).toBeDefined();
    // Another chain's set is refused.
    const other = (await get('pemda.oki', '/api/curation/requirement-sets?chainCode=indomaret&status=published')).json().items[0];
    const refused = await send('pemda.oki', 'POST', '/api/curation/rounds', {
      name: 'Kurasi uji',
      chainCode: 'alfamart',
      regionCode: '16.02.13',
      curationDate: '2026-12-01',
      requirementSetId: other.id,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('requirementSetId');

    const created = await send('pemda.oki', 'POST', '/api/curation/rounds', {
      name: 'Kurasi uji kecamatan',
      chainCode: 'alfamart',
      regionCode: '16.02.13',
      curationDate: '2026-12-01',
      requirementSetId: set.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const round = created.json();
    expect(round.requirementSet).toMatchObject({ id: set.id, version: set.version });

    const all = (await get('pemda.oki', `/api/curation/rounds/${round.id}/candidates?limit=500`)).json();
    expect(all.total).toBeGreaterThan(0);
    // The candidates against an SQL oracle: the active products of active businesses in the district (the
    // set is for all categories), for the Dinas and for the chain's curator alike.
    const oracle = await sql<{ id: string }>`SELECT p.id FROM products p
      JOIN umkm_profiles up ON up.organization_id = p.umkm_id JOIN organizations u ON u.id = p.umkm_id
      WHERE p.archived_at IS NULL AND u.archived_at IS NULL AND up.village_code LIKE '16.02.13.%'`.execute(t.handle.db);
    const want = oracle.rows.map((r) => r.id).sort();
    expect(all.items.map((p: { id: string }) => p.id).sort()).toEqual(want);
    const byChain = (await get('alfamart', `/api/curation/rounds/${round.id}/candidates?limit=500`)).json();
    expect(byChain.items.map((p: { id: string }) => p.id).sort()).toEqual(want);
    expect((await get('indomaret', `/api/curation/rounds/${round.id}/candidates`)).statusCode).toBe(404);
    const first = all.items[0];
    const found = (await get('pemda.oki', `/api/curation/rounds/${round.id}/candidates?q=${encodeURIComponent(first.productName)}`)).json();
    expect(found.items.map((p: { id: string }) => p.id)).toContain(first.id);

    const one = (await send('pemda.oki', 'POST', `/api/curation/rounds/${round.id}/products`, { productIds: [first.id] })).json();
    expect(one.added).toBe(1);
    const rest = (await send('pemda.oki', 'POST', `/api/curation/rounds/${round.id}/products`, { allInRegion: true })).json();
    expect(rest.added).toBe(all.total - 1);
    expect((await get('pemda.oki', `/api/curation/rounds/${round.id}/candidates`)).json().total).toBe(0);

    // The curator works through the queue: each entry shows its product, permits and criteria, and
    // points to the next one awaiting assessment.
    let queue: EntryPage = (await get('alfamart', `/api/curation/rounds/${round.id}/entries?pending=true&limit=500`)).json();
    expect(queue.total).toBe(all.total);
    expect((await get('alfamart', `/api/curation/rounds/${round.id}`)).json().awaitingAssessment).toBe(all.total);
    let id: string | null = queue.items[0]?.id ?? null;
    let steps = 0;
    while (id && steps < 500) {
      const e = (await get('alfamart', `/api/curation/entries/${id}`)).json();
      expect(e.can.assess).toBe(true);
      expect(e.requirementSetId).toBe(set.id);
      expect(e.product.retailPrice).toBeGreaterThan(0);
      expect(e.criteria.length).toBe(set.criteria.length);
      const attestations = Object.fromEntries(
        e.criteria.filter((c: { kind: string }) => c.kind === 'attestation').map((c: { code: string }) => [c.code, true]),
      );
      const scores = Object.fromEntries(
        e.criteria.filter((c: { kind: string }) => c.kind === 'score').map((c: { code: string }) => [c.code, 4]),
      );
      const saved = await send('alfamart', 'PATCH', `/api/curation/entries/${id}`, { attestations, scores, notes: 'Diperiksa.' });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().outcome).not.toBe('menunggu');
      expect(saved.json().awaitingAssessment).toBe(false);
      id = saved.json().nextPendingId;
      steps++;
    }
    expect(steps).toBe(all.total);
    queue = (await get('alfamart', `/api/curation/rounds/${round.id}/entries?pending=true`)).json();
    expect(queue.total).toBe(0);
    const closed = await send('alfamart', 'POST', `/api/curation/rounds/${round.id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
  });
});
