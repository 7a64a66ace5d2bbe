// applySalesToStock at scale: one import of OPS_SCALE_LINES sales lines (default 100,000; the brief's case
// is 1,000,000 lines in ~200,000 outlet × product × day groups — run with OPS_SCALE_LINES=1000000 on
// PostgreSQL) over every demo outlet × product, half of the pairs holding stock in two batches. It is
// set-based, so the time grows with the data, not with a statement per line; checked against a
// per-group recount of what it posted.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../tests/app.ts';
import { addDays, localDate } from '../../platform/clock.ts';
import { applySalesToStock } from './operations.stock.ts';

const LINES = Number(process.env.OPS_SCALE_LINES ?? 100_000);
const LINES_PER_GROUP = 5;

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

it(`posts ${LINES.toLocaleString('en')} sales lines set-wise, FEFO, with variances where no stock is`, async () => {
  const db = t.handle.db;
  const day = localDate('31', TEST_NOW);
  const groups = Math.ceil(LINES / LINES_PER_GROUP);
  const chain = (await sql<{ id: string }>`SELECT id FROM organizations WHERE kind = 'chain' ORDER BY name LIMIT 1`.execute(db)).rows[0]!
    .id;
  const nOutlets = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM outlets`.execute(db)).rows[0]!.n);
  const nProducts = Math.ceil(groups / nOutlets);
  // Pairs: every outlet × the first nProducts products (by id) that have no stock anywhere yet (the demo's
  // have), numbered; the first `groups` of them sell.
  await sql`CREATE TEMP TABLE scale_pairs AS
    SELECT row_number() OVER (ORDER BY o.id, p.id) AS n, o.id AS outlet_id, p.id AS product_id, p.umkm_id, o.district_code, o.province_code
    FROM outlets o CROSS JOIN (SELECT id, umkm_id FROM products pr
      WHERE NOT EXISTS (SELECT 1 FROM stock_movements m WHERE m.product_id = pr.id) ORDER BY id LIMIT ${nProducts}) p`.execute(db);
  await sql`DELETE FROM scale_pairs WHERE n > ${groups}`.execute(db);
  await sql`ANALYZE scale_pairs`.execute(db);
  // Two batches per product; the even pairs hold 3 + 2 units (the earlier-expiring batch first).
  await sql`INSERT INTO stock_batches (product_id, umkm_id, batch_code, produced_on, expires_on)
    SELECT DISTINCT product_id, umkm_id, 'SCALE-' || k, ${addDays(day, -5)}::date, ${addDays(day, 10)}::date + k
    FROM scale_pairs CROSS JOIN (VALUES (1), (2)) v(k)`.execute(db);
  await sql`INSERT INTO stock_movements (outlet_id, product_id, batch_id, umkm_id, chain_id, province_code, district_code, kind, qty, occurred_on, source, source_id)
    SELECT sp.outlet_id, sp.product_id, sb.id, sp.umkm_id, ${chain}, sp.province_code, sp.district_code, 'received',
      CASE WHEN sb.batch_code = 'SCALE-1' THEN 3 ELSE 2 END, ${addDays(day, -1)}::date, 'receipt', 'scale'
    FROM scale_pairs sp JOIN stock_batches sb ON sb.product_id = sp.product_id AND sb.batch_code LIKE 'SCALE-%'
    WHERE sp.n % 2 = 0`.execute(db);
  // Each group sells LINES_PER_GROUP lines of one unit: 5 units against 5 in stock (even pairs) or none (odd).
  const importId = crypto.randomUUID();
  await sql`INSERT INTO sales_lines (sales_date, chain_id, outlet_id, receipt, line, gtin, product_id, umkm_id, agreement_id,
      province_code, district_code, qty, unit_price, amount, import_id)
    SELECT ${day}::date, ${chain}, sp.outlet_id, 'R' || sp.n, l, '0000000000000', sp.product_id, sp.umkm_id, ${importId}::uuid,
      sp.province_code, sp.district_code, 1, 1000, 1000, ${importId}::uuid
    FROM scale_pairs sp CROSS JOIN generate_series(1, ${LINES_PER_GROUP}) l`.execute(db);
  const t0 = performance.now();
  const out = await applySalesToStock(db, importId);
  const ms = performance.now() - t0;
  console.log(`applySalesToStock: ${LINES.toLocaleString('en')} lines, ${groups.toLocaleString('en')} groups in ${Math.round(ms)} ms`);
  const odd = Math.floor(groups / 2) + (groups % 2);
  expect(out.variances).toBe(odd);
  const posted = await sql<{ kind: string; n: string; units: string }>`
    SELECT CASE WHEN variance THEN 'variance' ELSE 'drawn' END AS kind, count(*) AS n, -sum(qty) AS units
    FROM stock_movements WHERE source = 'sales' AND source_id = ${importId} GROUP BY 1 ORDER BY 1`.execute(db);
  const even = groups - odd;
  expect(posted.rows.map((r) => [r.kind, Number(r.n), Number(r.units)])).toEqual([
    ['drawn', even * 2, even * 5],
    ['variance', odd, odd * 5],
  ]);
  // Nothing left of the stock, no batch below zero.
  const negative = await sql<{ n: string }>`SELECT count(*) AS n FROM (SELECT 1 FROM stock_movements WHERE batch_id IS NOT NULL
    GROUP BY outlet_id, product_id, batch_id HAVING sum(qty) < 0) x`.execute(db);
  expect(Number(negative.rows[0]!.n)).toBe(0);
}, 600_000);
