// Curation analytics between competitors: a chain's funnel, bottlenecks and a product's curation status
// are built from its own rounds only. Alfamart curated nothing in Kabupaten Serang (Indomaret did, 949
// products), Indomaret nothing in OKI (Alfamart did): each must see nothing of the other's results there,
// while the Dinas of the region sees every chain's.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type TestApp, testApp } from './app.ts';

let t: TestApp;
const get = async (who: string, url: string) => {
  const res = await t.as(demo(who), { method: 'GET', url });
  return { status: res.statusCode, body: res.json() };
};

/** Products of a region that a chain's finished rounds curated, by plain SQL (no policy code). */
async function curatedBy(chain: string, region: string) {
  const r = await sql<{ product_id: string }>`
    SELECT DISTINCT e.product_id FROM curation_entries e
    JOIN curation_rounds r ON r.id = e.round_id JOIN organizations c ON c.id = r.chain_id
    JOIN curation_evaluations ev ON ev.entry_id = e.id
    WHERE c.chain_code = ${chain} AND r.status = 'closed' AND e.village_code LIKE ${`${region}.%`}
    ORDER BY 1`.execute(t.handle.db);
  return r.rows.map((x) => x.product_id);
}

const stage = (funnel: { stages: { stage: string; reached: number }[] }, s: string) => funnel.stages.find((x) => x.stage === s)?.reached;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const CASES = [
  { who: 'alfamart', other: 'indomaret', region: '36.04', dinas: 'pemda.serang' },
  { who: 'indomaret', other: 'alfamart', region: '16.02', dinas: 'pemda.oki' },
] as const;

for (const c of CASES) {
  describe(`${c.who} in ${c.region}, where only ${c.other} curated`, () => {
    it(`the demo has ${c.other}'s results there and none of ${c.who}'s`, async () => {
      expect((await curatedBy(c.other, c.region)).length).toBeGreaterThan(10);
      expect(await curatedBy(c.who, c.region)).toEqual([]);
    });

    it('the funnel counts no product as curated or passed; the Dinas sees every chain', async () => {
      const mine = await get(c.who, `/api/curation/funnel?regionCode=${c.region}`);
      expect(mine.status).toBe(200);
      expect(stage(mine.body, 'terdaftar')).toBeGreaterThan(0);
      expect(stage(mine.body, 'dikurasi')).toBe(0);
      expect(stage(mine.body, 'pendampingan')).toBe(0);
      expect(stage(mine.body, 'lolos_kurasi')).toBe(0);
      // nothing stands in a curation stage; what is not registered-only stands on its own PKS or shelves
      for (const r of mine.body.byRegion) {
        expect(r.counts.dikurasi + r.counts.pendampingan + r.counts.lolos_kurasi).toBe(0);
        expect(r.counts.terdaftar + r.counts.pks_aktif + r.counts.uji_pasar + r.counts.terpajang + r.counts.ekspansi).toBe(r.total);
      }
      const dinas = await get(c.dinas, `/api/curation/funnel?regionCode=${c.region}`);
      expect(stage(dinas.body, 'dikurasi')).toBe((await curatedBy(c.other, c.region)).length);
      // Nationwide too: no stage beyond "registered" comes from the other chain's rounds anywhere.
      const all = await get(c.who, '/api/curation/funnel');
      const own = await sql<{ n: number }>`
        SELECT count(DISTINCT e.product_id)::int AS n FROM curation_entries e JOIN curation_rounds r ON r.id = e.round_id
        JOIN organizations c ON c.id = r.chain_id JOIN products p ON p.id = e.product_id
        JOIN curation_evaluations ev ON ev.entry_id = e.id
        WHERE c.chain_code = ${c.who} AND r.status = 'closed' AND p.archived_at IS NULL`.execute(t.handle.db);
      expect(stage(all.body, 'dikurasi')).toBe(own.rows[0]?.n);
    });

    it(`a product's status tells nothing of ${c.other}'s curation`, async () => {
      const products = await curatedBy(c.other, c.region);
      for (const id of products) {
        const res = await get(c.who, `/api/curation/products/${id}/status`);
        expect(res.status).toBe(200);
        // no curation stage (its own PKS or shelves may put it further: those are its own facts)
        expect(['dikurasi', 'pendampingan', 'lolos_kurasi'], id).not.toContain(res.body.stage);
        expect(res.body.history).toEqual([]);
      }
      // The chain that curated it does see its result.
      const theirs = await get(c.other, `/api/curation/products/${products[0]}/status`);
      expect(theirs.body.stage).not.toBe('terdaftar');
      expect(theirs.body.history.length).toBeGreaterThan(0);
    });

    it('bottlenecks: its own chain shows no product there, the other chain is not its to ask for', async () => {
      const mine = await get(c.who, `/api/curation/bottlenecks?regionCode=${c.region}&chainCode=${c.who}`);
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ products: 0, umkm: 0, passing: 0, criteria: [] });
      const theirs = await get(c.who, `/api/curation/bottlenecks?regionCode=${c.region}&chainCode=${c.other}`);
      expect(theirs.status).toBe(404);
      const dinas = await get(c.dinas, `/api/curation/bottlenecks?regionCode=${c.region}&chainCode=${c.other}`);
      expect(dinas.body.products).toBe((await curatedBy(c.other, c.region)).length);
    });
  });
}

describe('a UMKM', () => {
  it('sees its own products’ results in the funnel and nobody else’s', async () => {
    const me = (await get('umkm', '/api/me')).body;
    const funnel = await get('umkm', '/api/curation/funnel');
    const own = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM products WHERE umkm_id = ${me.organizationId} AND archived_at IS NULL`.execute(t.handle.db);
    expect(stage(funnel.body, 'terdaftar')).toBe(own.rows[0]?.n);
  });
});
