// The operations demo tells a story the product itself would have recorded: umkm@demo has an order waiting
// for her today and sales yesterday, every batch's stock stays at or above zero apart from the one sale of
// a product that never arrived (a flagged variance), and the POS sales were drawn from the batches exactly as
// the operations module's own import would draw them (applySalesToStock on the same rows gives the same); the
// last HUT Kota Bengkulu's season sold before the eight weeks, and left nothing on any shelf.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../../tests/app.ts';
import { testDb } from '../../tests/db.ts';
import type { DbHandle } from '../db/client.ts';
import { applySalesToStock } from '../modules/operations/operations.stock.ts';
import { addDays, localDate } from '../platform/clock.ts';
import { pastAnniversary } from './promotions.ts';

let h: DbHandle;
beforeAll(async () => {
  h = await testDb();
});
afterAll(() => h.close());

const today = localDate('16.02', TEST_NOW);

describe('operations demo', () => {
  it('has an order waiting for umkm@demo today and her POS sales of yesterday', async () => {
    const me = await h.db
      .selectFrom('users')
      .select('organization_id')
      .where('email', '=', 'umkm@demo.etalase.id')
      .executeTakeFirstOrThrow();
    const waiting = await h.db
      .selectFrom('purchase_orders')
      .select(['status', 'ordered_on'])
      .where('umkm_id', '=', me.organization_id as string)
      .where('status', '=', 'sent')
      .execute();
    expect(waiting).toEqual([{ status: 'sent', ordered_on: today }]);
    const yesterday = await h.db
      .selectFrom('sales_lines')
      .select((eb) => eb.fn.sum<string>('qty').as('units'))
      .where('umkm_id', '=', me.organization_id as string)
      .where('sales_date', '=', addDays(today, -1))
      .executeTakeFirstOrThrow();
    expect(Number(yesterday.units)).toBeGreaterThan(0);
    // Eight weeks of history: delivered orders, receipts (some short or damaged), returns and write-offs.
    const counts = await sql<{ delivered: number; short: number; rejected: number; returns: number; expired: number }>`
      SELECT (SELECT count(*)::int FROM purchase_orders WHERE status = 'delivered') AS delivered,
        (SELECT count(*)::int FROM goods_receipt_lines rl JOIN delivery_note_lines dl ON dl.id = rl.delivery_line_id
          WHERE rl.qty_accepted + rl.qty_rejected < dl.qty) AS short,
        (SELECT count(*)::int FROM goods_receipt_lines WHERE qty_rejected > 0) AS rejected,
        (SELECT count(*)::int FROM return_notes) AS returns,
        (SELECT count(*)::int FROM stock_movements WHERE kind = 'expired') AS expired`.execute(h.db);
    const c = counts.rows[0]!;
    expect(c.delivered).toBeGreaterThan(50);
    expect(c.short + c.rejected).toBeGreaterThan(0);
    expect(c.returns).toBeGreaterThan(0);
    expect(c.expired).toBeGreaterThan(0);
    const first = await h.db
      .selectFrom('sales_lines')
      .select((eb) => eb.fn.min('sales_date').as('d'))
      .where('sales_date', '>=', addDays(today, -59))
      .executeTakeFirstOrThrow();
    expect(first.d).toBe(addDays(today, -56));
  });

  it('sold at the last HUT Kota Bengkulu in a season of its own, whose shelves were cleared before the eight weeks', async () => {
    const hut = pastAnniversary(today);
    expect(hut.date.slice(5)).toBe('03-17');
    expect(hut.clearedOn < addDays(today, -59)).toBe(true);
    const season = await sql<{ placements: number; open: number; first: string; last: string; units: number }>`
      SELECT (SELECT count(*)::int FROM placements WHERE starts_on = ${hut.placedOn}::date AND ends_on = ${hut.clearedOn}::date) AS placements,
        (SELECT count(*)::int FROM placements WHERE district_code LIKE '17.71.%' AND starts_on < ${hut.clearedOn}::date AND ends_on IS NULL) AS open,
        (SELECT min(sales_date)::text FROM sales_lines WHERE sales_date < ${hut.clearedOn}::date) AS first,
        (SELECT max(sales_date)::text FROM sales_lines WHERE sales_date < ${hut.clearedOn}::date) AS last,
        (SELECT coalesce(sum(qty), 0)::int FROM sales_lines WHERE sales_date BETWEEN ${hut.startsOn}::date AND ${hut.endsOn}::date) AS units`.execute(
      h.db,
    );
    const s = season.rows[0]!;
    expect(s.placements).toBeGreaterThan(4);
    expect(s.open).toBe(0);
    expect(s.first >= hut.start && s.last <= hut.lastDay).toBe(true);
    expect(s.units).toBeGreaterThan(0);
    // Nothing of it left on any shelf: what did not sell went back on nota retur, picked up the next morning.
    const left = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM stock_movements sm JOIN stock_batches b ON b.id = sm.batch_id
        WHERE b.produced_on < ${hut.clearedOn}::date GROUP BY sm.outlet_id, sm.batch_id HAVING sum(sm.qty) <> 0) x`.execute(h.db);
    expect(left.rows[0]?.n).toBe(0);
    const cleared = await sql<{ n: number; picked: number; due: number }>`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE picked_up_at::date = ${hut.clearedOn}::date)::int AS picked,
        count(*) FILTER (WHERE picked_up_at > pickup_due_at)::int AS due
      FROM return_notes WHERE reason = 'unsold' AND returned_on = ${hut.lastDay}::date`.execute(h.db);
    expect(cleared.rows[0]?.n).toBeGreaterThan(0);
    expect(cleared.rows[0]).toMatchObject({ picked: cleared.rows[0]?.n, due: 0 });
    // Its orders were all delivered (or declined) before the shelves were cleared.
    const open = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM purchase_orders WHERE ordered_on < ${hut.clearedOn}::date AND status NOT IN ('delivered', 'declined')`.execute(
      h.db,
    );
    expect(open.rows[0]?.n).toBe(0);
    // Numbered before the eight weeks, from the same counters: no number twice.
    const dup = await sql<{ n: number }>`
      SELECT (SELECT count(*) - count(DISTINCT number) FROM purchase_orders)::int + (SELECT count(*) - count(DISTINCT number) FROM delivery_notes)::int AS n`.execute(
      h.db,
    );
    expect(dup.rows[0]?.n).toBe(0);
  });

  it("sent the tills' daily batches before the day it is seeded for, each with the result a user can open", async () => {
    // Seeded just after midnight, a batch stamped later "today" would sort above the files a user uploads.
    const batches = await sql<{ late: number; bare: number; n: number }>`
      SELECT count(*) FILTER (WHERE created_at >= ${`${today}T00:00:00+07:00`}::timestamptz)::int AS late,
        count(*) FILTER (WHERE summary IS NULL OR (summary->>'imported')::int <> imported)::int AS bare,
        count(*)::int AS n
      FROM sales_imports WHERE status = 'done'`.execute(h.db);
    expect(batches.rows[0]).toEqual({ late: 0, bare: 0, n: expect.any(Number) });
    expect(batches.rows[0]!.n).toBeGreaterThan(50);
  });

  it('never drives a batch below zero; the one sale that found no batch is a flagged variance', async () => {
    const negative = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM stock_movements WHERE batch_id IS NOT NULL
        GROUP BY outlet_id, product_id, batch_id HAVING sum(qty) < 0) x`.execute(h.db);
    expect(negative.rows[0]?.n).toBe(0);
    const variances = await h.db.selectFrom('stock_movements').select(['kind', 'qty', 'batch_id']).where('variance', '=', true).execute();
    expect(variances).toEqual([{ kind: 'sold', qty: -2, batch_id: null }]);
  });

  it("draws the last day's sales exactly as applySalesToStock does", async () => {
    const last = await h.db.selectFrom('sales_imports').select('id').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
    const rows = (db: typeof h.db) =>
      db
        .selectFrom('stock_movements')
        .select(['outlet_id', 'product_id', 'batch_id', 'qty', 'variance', 'occurred_on'])
        .where('source', '=', 'sales')
        .where('source_id', '=', last.id)
        .orderBy('outlet_id')
        .orderBy('product_id')
        .orderBy('batch_id')
        .execute();
    const seeded = await rows(h.db);
    expect(seeded.length).toBeGreaterThan(5);
    await h.db
      .transaction()
      .execute(async (trx) => {
        // Inside a transaction that is rolled back: the ledger is append-only for everyone else.
        await sql`ALTER TABLE stock_movements DISABLE TRIGGER stock_movements_append_only`.execute(trx);
        await trx.deleteFrom('stock_movements').where('source', '=', 'sales').where('source_id', '=', last.id).execute();
        await applySalesToStock(trx, last.id);
        expect(await rows(trx)).toEqual(seeded);
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
  });
});

describe('operations demo: where its sales are kept', () => {
  it('puts every sales line in its month partition, none in the default one', async () => {
    const stray = await sql<{ n: number }>`SELECT count(*)::int AS n FROM sales_lines_default`.execute(h.db);
    expect(stray.rows[0]?.n).toBe(0);
  });
});
