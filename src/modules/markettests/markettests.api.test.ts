// Market tests through the API on the demo data: who sees which test (a competitor sees none, not even a
// count; the maker her own; her Dinas and the Dinas of the outlets' region, no other), the standing recounted
// from the raw sales lines, a campaign's weeks marked from the promotion tables, starting a test (bad input
// answered field by field; trial placements; the maker told the criteria), and decisions (refused before the
// review week; a pass keeps the shelf, a fail delists and hands the stock back; decided once; kept forever).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, TEST_NOW, type TestApp, testApp } from '../../../tests/app.ts';
import { addDays } from '../../platform/clock.ts';

let t: TestApp;
const ALFA = demo('alfamart');
const INDO = demo('indomaret');
const UMKM = demo('umkm');
const OKI = demo('pemda.oki');
const BENGKULU = demo('pemda.bengkulu');
const TODAY = TEST_NOW.toISOString().slice(0, 10);

const get = (who: string, url: string) => t.as(who, { method: 'GET', url });
const post = (who: string, url: string, payload: unknown) =>
  t.as(who, { method: 'POST', url, payload: payload as Record<string, unknown> });
const body = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;

interface Test {
  id: string;
  productId: string;
  productName: string;
  status: string;
  startsOn: string;
  outlets: number;
}
interface Detail extends Test {
  standing: {
    phase: string;
    from: string;
    to: string;
    criteria: { code: string; value: number | null; met: boolean | null; thresholdText: { id: string } }[];
    campaignWeeks: number[];
    weeks: { week: number; campaign: boolean }[];
    recommendation: string | null;
    summary: { id: string };
  };
  outletRows: { outletId: string; placementEndsOn: string | null }[];
  decisions: { decision: string; note: string | null }[];
  delisting: { outletId: string; returnNumber: string; qty: number; borneBy: string }[];
  can: { pass: boolean; extend: boolean; fail: boolean };
}

let tests: Test[];
const byName = (name: string) => {
  const x = tests.find((y) => y.productName === name);
  if (!x) throw new Error(`no test of ${name}`);
  return x;
};

beforeAll(async () => {
  t = await testApp();
  tests = body<{ items: Test[] }>(await get(ALFA, '/api/market-tests?limit=100')).items;
});
afterAll(() => t.close());

describe('who sees a market test', () => {
  it('the chain its own; a competitor nothing, not even a count', async () => {
    expect(tests.map((x) => x.status).sort()).toEqual(['failed', 'passed', 'running']);
    const indo = body<{ items: Test[]; total: number }>(await get(INDO, '/api/market-tests'));
    expect(indo).toEqual({ items: [], total: 0 });
    for (const x of tests) {
      expect((await get(INDO, `/api/market-tests/${x.id}`)).statusCode).toBe(404);
      expect((await post(INDO, `/api/market-tests/${x.id}/decisions`, { decision: 'fail', note: 'x' })).statusCode).toBe(404);
    }
  });

  it('the maker her own products’ tests with their criteria; another maker’s is a 404', async () => {
    const mine = body<{ items: Test[] }>(await get(UMKM, '/api/market-tests')).items;
    expect(mine.map((x) => x.productName).sort()).toEqual(['Terasi Blok Super 500 g', 'Terasi Udang Bakar Siap Pakai 100 g']);
    const d = body<Detail>(await get(UMKM, `/api/market-tests/${byName('Terasi Blok Super 500 g').id}`));
    expect(d.standing.criteria.map((c) => c.thresholdText.id)).toEqual([
      'paling sedikit 2 unit',
      'paling sedikit 50%',
      'paling banyak 15%',
      'paling sedikit 85%',
    ]);
    expect(d.can).toEqual({ pass: false, extend: false, fail: false });
    expect((await get(UMKM, `/api/market-tests/${byName('Beras Premium Pulen 2,5 kg').id}`)).statusCode).toBe(404);
    expect((await post(UMKM, `/api/market-tests/${byName('Terasi Blok Super 500 g').id}/decisions`, { decision: 'pass' })).statusCode).toBe(
      403,
    );
  });

  it('the Dinas of the makers’ region sees them; another region’s Dinas does not', async () => {
    expect(body<{ total: number }>(await get(OKI, '/api/market-tests')).total).toBe(3);
    expect(body<{ total: number }>(await get(BENGKULU, '/api/market-tests')).total).toBe(0);
    expect((await get(BENGKULU, `/api/market-tests/${tests[0]?.id}`)).statusCode).toBe(404);
  });
});

describe('the funnel', () => {
  it('counts uji pasar, terpajang from the shelf facts; a chain counts only its own', async () => {
    type F = { stages: { stage: string; products: number; reached: number; label: { id: string } }[] };
    const stages = async (who: string) =>
      Object.fromEntries(body<F>(await get(who, '/api/curation/funnel?regionCode=16.02')).stages.map((x) => [x.stage, x]));
    const oki = await stages(OKI);
    expect(oki.uji_pasar?.products).toBe(1);
    expect(oki.uji_pasar?.label.id).toBe('Uji pasar');
    expect(oki.terpajang?.products).toBeGreaterThan(10);
    expect(oki.terpajang?.reached).toBeGreaterThanOrEqual(oki.terpajang?.products ?? 0);
    const alfa = await stages(ALFA);
    expect(alfa.uji_pasar?.products).toBe(1);
    expect(alfa.terpajang?.products).toBe(oki.terpajang?.products);
    // Indomaret has no shelf in OKI: it learns nothing of Alfamart's tests and listings
    const indo = await stages(INDO);
    expect(indo.uji_pasar?.reached).toBe(0);
    expect(indo.terpajang?.reached).toBe(0);
  });
});

describe('a test’s standing', () => {
  it('equals a recount from the raw sales lines and stock movements of its outlets', async () => {
    const x = byName('Terasi Udang Bakar Siap Pakai 100 g');
    const d = body<Detail>(await get(ALFA, `/api/market-tests/${x.id}`));
    expect(d.standing.phase).toBe('ended');
    const raw = (
      await sql<{ sold: string; received: string }>`
        SELECT (SELECT sum(sl.qty) FROM sales_lines sl WHERE sl.product_id = ${x.productId}
                 AND sl.outlet_id IN (SELECT outlet_id FROM market_test_outlets WHERE test_id = ${x.id})
                 AND sl.sales_date BETWEEN ${d.standing.from}::date AND ${d.standing.to}::date) AS sold,
               (SELECT sum(sm.qty) FROM stock_movements sm WHERE sm.product_id = ${x.productId} AND sm.kind = 'received'
                 AND sm.outlet_id IN (SELECT outlet_id FROM market_test_outlets WHERE test_id = ${x.id})
                 AND sm.occurred_on BETWEEN ${d.standing.from}::date AND ${d.standing.to}::date) AS received`.execute(t.handle.db)
    ).rows[0]!;
    const units = d.standing.criteria.find((c) => c.code === 'units_per_store_week')!;
    expect(units.value).toBeCloseTo(Number(raw.sold) / x.outlets / 8, 9);
    expect(d.standing.criteria.find((c) => c.code === 'sell_through')?.value).toBeCloseTo(Number(raw.sold) / Number(raw.received), 9);
    expect(d.decisions.map((y) => y.decision)).toEqual(['pass']);
    expect(d.outletRows.every((o) => o.placementEndsOn === null)).toBe(true);
  });

  it('a failed test was delisted and its stock handed back as the PKS says', async () => {
    const d = body<Detail>(await get(ALFA, `/api/market-tests/${byName('Beras Premium Pulen 2,5 kg').id}`));
    expect(d.status).toBe('failed');
    expect(d.outletRows.every((o) => o.placementEndsOn === TODAY)).toBe(true);
    // every outlet that still held some got a nota retur for all of it, borne as the PKS says (on a day the
    // demo's shelves had sold out, there is nothing to hand back)
    const notes = (
      await sql<{ number: string; borne_by: string; qty: string }>`
        SELECT rn.number, rn.borne_by, sum(l.qty) AS qty FROM return_notes rn JOIN return_note_lines l ON l.note_id = rn.id
        WHERE rn.umkm_id = (SELECT umkm_id FROM market_tests WHERE id = ${d.id}) AND rn.reason = 'unsold'
          AND rn.note = 'Uji pasar gagal / market test failed'
          AND rn.outlet_id IN (SELECT outlet_id FROM market_test_outlets WHERE test_id = ${d.id})
        GROUP BY rn.number, rn.borne_by ORDER BY rn.number`.execute(t.handle.db)
    ).rows;
    expect(notes.map((n) => [n.number, n.borne_by, Number(n.qty)])).toEqual(
      [...d.delisting].sort((a, b) => a.returnNumber.localeCompare(b.returnNumber)).map((x) => [x.returnNumber, x.borneBy, x.qty]),
    );
    const unsold = (
      await sql<{ u: string }>`SELECT v.unsold_goods AS u FROM agreement_versions v JOIN market_tests mt ON mt.agreement_id = v.agreement_id
        WHERE mt.id = ${d.id} AND v.status = 'signed' ORDER BY v.version DESC LIMIT 1`.execute(t.handle.db)
    ).rows[0]?.u;
    for (const x of d.delisting) expect(x.borneBy).toBe(unsold === 'borne_by_chain' ? 'chain' : 'umkm');
    // nothing of it is left on those shelves
    const left = await sql<{ n: string }>`SELECT coalesce(sum(qty), 0) AS n FROM stock_movements WHERE product_id = ${d.productId}
      AND outlet_id IN (SELECT outlet_id FROM market_test_outlets WHERE test_id = ${d.id})`.execute(t.handle.db);
    expect(Number(left.rows[0]?.n)).toBe(0);
  });

  it('marks the weeks a campaign featured the product at its outlets', async () => {
    const x = byName('Terasi Blok Super 500 g');
    const chainId = (await sql<{ id: string }>`SELECT chain_id AS id FROM market_tests WHERE id = ${x.id}`.execute(t.handle.db)).rows[0]!
      .id;
    const outlet = (
      await sql<{
        id: string;
        d: string;
      }>`SELECT outlet_id AS id, district_code AS d FROM market_test_outlets WHERE test_id = ${x.id} LIMIT 1`.execute(t.handle.db)
    ).rows[0]!;
    const pks = (
      await sql<{ id: string; u: string }>`SELECT agreement_id AS id, umkm_id AS u FROM market_tests WHERE id = ${x.id}`.execute(
        t.handle.db,
      )
    ).rows[0]!;
    const c = (
      await sql<{ id: string }>`INSERT INTO promotion_campaigns (chain_id, region_code, province_code, name, starts_on, ends_on)
        VALUES (${chainId}, '16.02', '16', 'Pekan Terasi', ${addDays(x.startsOn, 16)}, ${addDays(x.startsOn, 22)}) RETURNING id`.execute(
        t.handle.db,
      )
    ).rows[0]!;
    await sql`INSERT INTO promotion_outlets VALUES (${c.id}, ${outlet.id}, ${outlet.d}, 'pojok_umkm')`.execute(t.handle.db);
    await sql`INSERT INTO promotion_products (campaign_id, product_id, umkm_id, agreement_id) VALUES (${c.id}, ${x.productId}, ${pks.u}, ${pks.id})`.execute(
      t.handle.db,
    );
    const d = body<Detail>(await get(UMKM, `/api/market-tests/${x.id}`));
    expect(d.standing.campaignWeeks).toEqual([3, 4]);
    expect(d.standing.weeks.filter((w) => w.campaign).map((w) => w.week)).toEqual([3, 4]);
    await sql`UPDATE promotion_campaigns SET status = 'cancelled' WHERE id = ${c.id}`.execute(t.handle.db);
    expect(body<Detail>(await get(UMKM, `/api/market-tests/${x.id}`)).standing.campaignWeeks).toEqual([]);
  });
});

describe('starting a test', () => {
  let options: {
    products: { productId: string; testing: boolean; productName: string }[];
    outlets: { outletId: string; freeSlots: number }[];
  };
  let productId: string;

  it('offers the chain’s PKS products and, for one, its outlets that can take it', async () => {
    const all = body<typeof options>(await get(ALFA, '/api/market-tests/options'));
    expect(all.products.length).toBeGreaterThan(5);
    expect(all.products.find((p) => p.productName === 'Terasi Blok Super 500 g')?.testing).toBe(true);
    for (const p of all.products.filter((q) => !q.testing)) {
      const o = body<typeof options>(await get(ALFA, `/api/market-tests/options?productId=${p.productId}`));
      if (o.outlets.filter((x) => x.freeSlots > 0).length >= 2) {
        options = o;
        productId = p.productId;
        break;
      }
    }
    expect(productId).toBeDefined();
    expect((await get(INDO, `/api/market-tests/options?productId=${productId}`)).statusCode).toBe(404);
  });

  it('answers bad input field by field and leaves nothing behind', async () => {
    const indoOutlet = (
      await sql<{
        id: string;
      }>`SELECT o.id FROM outlets o JOIN organizations c ON c.id = o.chain_id WHERE c.chain_code = 'indomaret' LIMIT 1`.execute(t.handle.db)
    ).rows[0]!.id;
    const before = await sql<{ n: string }>`SELECT count(*) AS n FROM placements`.execute(t.handle.db);
    const r = await post(ALFA, '/api/market-tests', {
      productId,
      outletIds: [options.outlets[0]?.outletId, indoOutlet],
      startsOn: addDays(TODAY, -1),
      weeks: 4,
      reviewWeek: 6,
    });
    expect(r.statusCode).toBe(400);
    const fields = (body<{ error: { fields: { field: string; message: { id: string; en: string } }[] } }>(r).error.fields ?? [])
      .map((f) => f.field)
      .sort();
    expect(fields).toEqual(['outletIds.1', 'reviewWeek', 'startsOn']);
    const schema = await post(ALFA, '/api/market-tests', {
      productId: 'x',
      outletIds: [],
      startsOn: '2026-02-30',
      minSellThroughBp: 20000,
    });
    expect(schema.statusCode).toBe(400);
    expect(schema.body).toContain('productId');
    const after = await sql<{ n: string }>`SELECT count(*) AS n FROM placements`.execute(t.handle.db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('starts: trial placements at the outlets, the maker told the criteria; a second test of it is refused', async () => {
    const outletIds = options.outlets
      .filter((o) => o.freeSlots > 0)
      .slice(0, 2)
      .map((o) => o.outletId);
    const r = await post(ALFA, '/api/market-tests', { productId, outletIds, startsOn: addDays(TODAY, 2), minUnitsPerStoreWeek: 1.5 });
    expect(r.statusCode).toBe(200);
    const d = body<Detail>(r);
    expect(d.status).toBe('running');
    expect(d.standing.phase).toBe('not_started');
    expect(d.standing.criteria.every((c) => c.value === null)).toBe(true);
    const pl = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM placements WHERE market_test_id = ${d.id} AND starts_on = ${addDays(TODAY, 2)}`.execute(t.handle.db);
    expect(Number(pl.rows[0]?.n)).toBe(2);
    const notice = await sql<{ body_id: string }>`SELECT n.body_id FROM notifications n JOIN products p ON p.umkm_id = n.organization_id
      WHERE p.id = ${productId} AND n.kind = 'market_test_started' AND n.entity_id = ${d.id}`.execute(t.handle.db);
    expect(notice.rows[0]?.body_id).toContain('paling sedikit 1,5 unit');
    const again = await post(ALFA, '/api/market-tests', { productId, outletIds, startsOn: addDays(TODAY, 2) });
    expect(again.statusCode).toBe(409);
    // before the review week: no pass, no extension; a stop needs a reason
    expect(d.can).toEqual({ pass: false, extend: false, fail: true });
    const pass = await post(ALFA, `/api/market-tests/${d.id}/decisions`, { decision: 'pass' });
    expect(pass.statusCode).toBe(400);
    expect(body<{ error: { field: string } }>(pass).error.field).toBe('decision');
    const fail = await post(ALFA, `/api/market-tests/${d.id}/decisions`, { decision: 'fail' });
    expect(body<{ error: { field: string } }>(fail).error.field).toBe('note');
    const stop = await post(ALFA, `/api/market-tests/${d.id}/decisions`, { decision: 'fail', note: 'Pemasok berhenti produksi' });
    expect(stop.statusCode).toBe(200);
    const stopped = body<Detail>(stop);
    expect(stopped.status).toBe('failed');
    expect(stopped.outletRows.every((o) => o.placementEndsOn === addDays(TODAY, 2))).toBe(true);
  });
});

describe('deciding', () => {
  it('failing a test whose criteria are met needs a reason; then it is delisted and its stock handed back, once', async () => {
    const x = byName('Terasi Blok Super 500 g');
    const onHand = async () =>
      (
        await sql<{
          outlet_id: string;
          qty: string;
        }>`SELECT outlet_id, sum(qty) AS qty FROM stock_movements WHERE product_id = ${x.productId}
          AND batch_id IS NOT NULL AND outlet_id IN (SELECT outlet_id FROM market_test_outlets WHERE test_id = ${x.id})
          GROUP BY outlet_id HAVING sum(qty) > 0 ORDER BY outlet_id`.execute(t.handle.db)
      ).rows.map((r) => [r.outlet_id, Number(r.qty)]);
    const before = await onHand();
    const bare = await post(ALFA, `/api/market-tests/${x.id}/decisions`, { decision: 'fail' });
    expect(bare.statusCode).toBe(400);
    expect(body<{ error: { field: string; message: { id: string } } }>(bare).error).toMatchObject({
      field: 'note',
      message: { id: expect.stringContaining('Syarat yang disepakati terpenuhi') },
    });
    const r = await post(ALFA, `/api/market-tests/${x.id}/decisions`, {
      decision: 'fail',
      note: 'Rak terasi dipakai untuk produk musiman',
    });
    expect(r.statusCode).toBe(200);
    const d = body<Detail>(r);
    expect(d.status).toBe('failed');
    expect(d.outletRows.every((o) => o.placementEndsOn === TODAY)).toBe(true);
    // what each outlet held is on its nota retur, and nothing is left
    expect(d.delisting.map((y) => [y.outletId, y.qty]).sort()).toEqual([...before].sort());
    expect(await onHand()).toEqual([]);
    expect((await post(ALFA, `/api/market-tests/${x.id}/decisions`, { decision: 'pass' })).statusCode).toBe(409);
    await expect(sql`UPDATE market_test_decisions SET note = 'diubah' WHERE test_id = ${x.id}`.execute(t.handle.db)).rejects.toThrow(
      /append-only/,
    );
    const mine = body<Detail>(await get(UMKM, `/api/market-tests/${x.id}`));
    expect(mine.decisions.at(-1)).toMatchObject({ decision: 'fail', note: 'Rak terasi dipakai untuk produk musiman' });
  });
});

describe('expansion', () => {
  interface Proposal {
    id: string;
    status: string;
    targetRegionName: string;
    crossProvince: boolean;
    outlets: number;
    expectedWeeklyUnits: number;
    can: { acceptForChain: boolean; acceptForGovernment: boolean; decline: boolean };
    outletRows: { placed: boolean }[];
  }
  const BRANCH = demo('alfamart.bengkulu');
  const SERANG = demo('pemda.serang');

  it('ranks candidates for a passed test from its real rate of sale; nothing for a failed one', async () => {
    const passed = byName('Terasi Udang Bakar Siap Pakai 100 g');
    const o = body<{ rate: number; groups: { regionCode: string; tier: string; withinCapacity: number; expectedWeeklyUnits: number }[] }>(
      await get(ALFA, `/api/market-tests/${passed.id}/expansion`),
    );
    const d = body<Detail>(await get(ALFA, `/api/market-tests/${passed.id}`));
    expect(o.rate).toBeCloseTo(d.standing.criteria[0]?.value ?? -1, 9);
    expect(o.groups[0]?.tier).toBe('zone');
    for (const g of o.groups) expect(g.expectedWeeklyUnits).toBeCloseTo(Math.round(o.rate * g.withinCapacity * 10) / 10, 9);
    const failed = body<{ groups: unknown[] }>(await get(ALFA, `/api/market-tests/${byName('Beras Premium Pulen 2,5 kg').id}/expansion`));
    expect(failed.groups).toEqual([]);
    expect((await get(INDO, `/api/market-tests/${passed.id}/expansion`)).statusCode).toBe(404);
  });

  it('the demo’s cross-province proposal waits for the Bengkulu Dinas and branch; others do not see it', async () => {
    const list = body<{ items: Proposal[] }>(await get(ALFA, '/api/expansion')).items;
    const p = list.find((x) => x.targetRegionName === 'Kota Bengkulu')!;
    expect(p).toMatchObject({ status: 'proposed', crossProvince: true });
    expect(p.outlets).toBeLessThanOrEqual(10);
    expect(body<{ total: number }>(await get(INDO, '/api/expansion')).total).toBe(0);
    expect((await get(INDO, `/api/expansion/${p.id}`)).statusCode).toBe(404);
    expect((await get(SERANG, `/api/expansion/${p.id}`)).statusCode).toBe(404);
    expect((await post(SERANG, `/api/expansion/${p.id}/accept`, {})).statusCode).toBe(404);
    // her own Dinas watches; the maker sees it; neither accepts
    const oki = body<Proposal>(await get(OKI, `/api/expansion/${p.id}`));
    expect(oki.can).toEqual({ acceptForChain: false, acceptForGovernment: false, decline: false });
    expect((await post(OKI, `/api/expansion/${p.id}/accept`, {})).statusCode).toBe(404);
    expect((await get(UMKM, `/api/expansion/${p.id}`)).statusCode).toBe(200);
    const bengkulu = body<Proposal>(await get(BENGKULU, `/api/expansion/${p.id}`));
    expect(bengkulu.can.acceptForGovernment).toBe(true);
    // the Dinas accepts: still waiting for the branch, nothing on the shelves yet
    const half = body<Proposal>(await post(BENGKULU, `/api/expansion/${p.id}/accept`, {}));
    expect(half.status).toBe('proposed');
    expect(half.outletRows.every((x) => !x.placed)).toBe(true);
    expect((await post(BENGKULU, `/api/expansion/${p.id}/accept`, {})).statusCode).toBe(409);
    // the branch accepts: the regular placements are made and the product counts as expanded
    const done = body<Proposal>(await post(BRANCH, `/api/expansion/${p.id}/accept`, {}));
    expect(done.status).toBe('accepted');
    expect(done.outletRows.every((x) => x.placed)).toBe(true);
    // locked: the region's next placement plan keeps them and plans the rest of the shelves around them
    const placed = await sql<{ locked: boolean }>`
      SELECT pl.locked FROM expansion_proposal_outlets epo JOIN placements pl ON pl.id = epo.placement_id
      WHERE epo.proposal_id = ${p.id}`.execute(t.handle.db);
    expect(placed.rows.length).toBe(done.outletRows.length);
    expect(placed.rows.every((r) => r.locked)).toBe(true);
    const f = body<{ stages: { stage: string; products: number }[] }>(await get(OKI, '/api/curation/funnel?regionCode=16.02'));
    expect(f.stages.find((x) => x.stage === 'ekspansi')?.products).toBe(1);
    const indoFunnel = body<{ stages: { stage: string; reached: number }[] }>(await get(INDO, '/api/curation/funnel?regionCode=16.02'));
    expect(indoFunnel.stages.find((x) => x.stage === 'ekspansi')?.reached).toBe(0);
  });

  it('the demo’s Sulbar product into Kota Makassar: the Sulsel Dinas and Alfamidi’s Makassar branch accept; Alfamart sees nothing', async () => {
    const SULSEL = demo('pemda.sulsel');
    const MIDI_BRANCH = demo('alfamidi.makassar');
    const mine = body<{ items: Proposal[] }>(await get(SULSEL, '/api/expansion')).items;
    expect(mine.map((x) => x.targetRegionName)).toEqual(['Kota Makassar']);
    const p = mine[0]!;
    expect(p).toMatchObject({ status: 'proposed', crossProvince: true });
    expect(p.outlets).toBeGreaterThan(0);
    expect(p.outlets).toBeLessThanOrEqual(10);
    // another chain: not listed, not found, not even counted
    expect(body<{ items: Proposal[] }>(await get(ALFA, '/api/expansion')).items.some((x) => x.id === p.id)).toBe(false);
    expect((await get(ALFA, `/api/expansion/${p.id}`)).statusCode).toBe(404);
    expect((await get(BENGKULU, `/api/expansion/${p.id}`)).statusCode).toBe(404);
    // the maker's Dinas (Sulbar) watches; the other region's Dinas and the branch accept
    expect(body<Proposal>(await get(demo('pemda.sulbar'), `/api/expansion/${p.id}`)).can).toEqual({
      acceptForChain: false,
      acceptForGovernment: false,
      decline: false,
    });
    expect(body<Proposal>(await get(MIDI_BRANCH, `/api/expansion/${p.id}`)).can.acceptForChain).toBe(true);
    expect(body<Proposal>(await post(SULSEL, `/api/expansion/${p.id}/accept`, {})).status).toBe('proposed');
    const done = body<Proposal>(await post(MIDI_BRANCH, `/api/expansion/${p.id}/accept`, {}));
    expect(done.status).toBe('accepted');
    expect(done.outletRows.every((x) => x.placed)).toBe(true);
  });

  it('a proposal within the province needs only the chain; a decline needs a reason', async () => {
    const passed = byName('Terasi Udang Bakar Siap Pakai 100 g');
    const bad = await post(ALFA, `/api/market-tests/${passed.id}/expansion`, { regionCode: '16.02', startsOn: addDays(TODAY, -3) });
    expect(bad.statusCode).toBe(400);
    expect(body<{ error: { field: string } }>(bad).error.field).toBe('startsOn');
    const r = await post(ALFA, `/api/market-tests/${passed.id}/expansion`, { regionCode: '16.02', startsOn: addDays(TODAY, 7) });
    expect(r.statusCode).toBe(200);
    const p = body<Proposal>(r);
    expect(p.crossProvince).toBe(false);
    expect(p.can).toEqual({ acceptForChain: true, acceptForGovernment: false, decline: true });
    expect(
      (await post(ALFA, `/api/market-tests/${passed.id}/expansion`, { regionCode: '16.02', startsOn: addDays(TODAY, 7) })).statusCode,
    ).toBe(409);
    expect((await post(ALFA, `/api/expansion/${p.id}/decline`, {})).statusCode).toBe(400);
    const declined = body<Proposal>(await post(ALFA, `/api/expansion/${p.id}/decline`, { note: 'Rak terasi penuh menjelang Natal' }));
    expect(declined.status).toBe('declined');
    expect((await post(ALFA, `/api/expansion/${p.id}/accept`, {})).statusCode).toBe(409);
  });
});
