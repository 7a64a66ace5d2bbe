// Computing statements (C8), set-wise in SQL so that a national day of sales settles in one pass:
//   1. goods per PKS × period × outlet × product × kind, from the facts of operations —
//      consignment: POS sell-out net of till returns, at the PKS supplier price in force on the sales day;
//      outright purchase (beli putus): accepted goods receipts at the order's price;
//      consignment goods lost at the store and borne by the chain (damaged returns, write-offs the PKS
//      puts on the chain) are owed to the UMKM; for an outright purchase, returns and expired goods the
//      PKS puts on the UMKM are deducted;
//   2. one statement per PKS and closed period that has none (or the correction of a disputed one);
//   3. each PKS fee (basis points of the billed goods, rounded half up) on its own lines, split over the
//      outlets by the largest-remainder rule so that the fee lines always sum to the fee;
//   4. lines numbered; the statement's net is checked against its lines by the database at commit.
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import { inForceSql } from '../agreements/agreements.queries.ts';

export interface ComputeTarget {
  /** Only these PKS (null: every PKS with activity in the window). */
  agreementIds: string[] | null;
  /** Periods lying wholly inside [from, through] are computed. */
  from: string;
  through: string;
  /** A correction: the statement it replaces (the same PKS and period), issued at once. */
  corrects?: { id: string; agreementId: string; periodStart: string; revision: number; number: string } | null;
  /** Adjustment lines of a correction: signed rupiah, with the reason and the disputed line. */
  adjustments?: { amount: bigint; note: string; correctsLine: number | null }[];
  at: Date;
  userId: string | null;
}

/** Computes statements; returns the ids written. The staging tables live until the transaction commits,
 *  so the work always runs inside one (the caller's, or its own). */
export async function computeStatements(db: Database, t: ComputeTarget): Promise<string[]> {
  return db.isTransaction ? computeIn(db, t) : db.transaction().execute((tx) => computeIn(tx, t));
}

async function computeIn(db: Database, t: ComputeTarget): Promise<string[]> {
  const ids = t.agreementIds;
  const only = (col: string) => (ids === null ? sql`true` : sql`${sql.ref(col)} = ANY(${ids}::uuid[])`);
  const from = sql`${t.from}::date`;
  const through = sql`${t.through}::date`;
  await sql`CREATE TEMP TABLE IF NOT EXISTS settle_goods (
      agreement_id uuid, version_id uuid, version integer, period_kind text, period_start date, period_end date,
      kind text, outlet_id uuid, product_id uuid, qty bigint, amount bigint) ON COMMIT DELETE ROWS`.execute(db);
  await sql`TRUNCATE settle_goods`.execute(db);

  // Consignment sell-out: lines aggregated per day first (1M lines → the day's groups), priced per day.
  await sql`INSERT INTO settle_goods
    SELECT s.agreement_id, v.id, v.version, v.settlement_period,
      settlement_period_start(v.settlement_period, s.sales_date), settlement_period_end(v.settlement_period, s.sales_date),
      'sale', s.outlet_id, s.product_id, s.qty, s.qty * ap.supplier_price
    FROM (SELECT agreement_id, outlet_id, product_id, sales_date, sum(qty) AS qty
          FROM sales_lines WHERE sales_date BETWEEN ${from} AND ${through} AND ${only('agreement_id')}
          GROUP BY agreement_id, outlet_id, product_id, sales_date) s
    JOIN agreement_versions v ON v.agreement_id = s.agreement_id AND ${inForceSql('v', sql<string>`s.sales_date`)} AND v.trade_model = 'konsinyasi'
    JOIN agreement_products ap ON ap.version_id = v.id AND ap.product_id = s.product_id
    WHERE s.qty <> 0`.execute(db);

  // Outright purchase: what the store accepted, at the order's price, on the day it arrived.
  await sql`INSERT INTO settle_goods
    SELECT po.agreement_id, v.id, v.version, v.settlement_period,
      settlement_period_start(v.settlement_period, gr.received_on), settlement_period_end(v.settlement_period, gr.received_on),
      'receipt', dl.outlet_id, dl.product_id, grl.qty_accepted, grl.qty_accepted * pol.unit_price
    FROM goods_receipts gr
    JOIN goods_receipt_lines grl ON grl.receipt_id = gr.id
    JOIN delivery_note_lines dl ON dl.id = grl.delivery_line_id
    JOIN purchase_order_lines pol ON pol.id = dl.order_line_id
    JOIN purchase_orders po ON po.id = pol.order_id
    JOIN agreement_versions v ON v.agreement_id = po.agreement_id AND ${inForceSql('v', sql<string>`gr.received_on`)} AND v.trade_model = 'beli_putus'
    WHERE gr.received_on BETWEEN ${from} AND ${through} AND grl.qty_accepted > 0 AND ${only('po.agreement_id')}`.execute(db);

  // Returns (nota retur): consignment goods the chain bears are owed; outright goods the UMKM bears are deducted.
  await sql`INSERT INTO settle_goods
    SELECT rn.agreement_id, v.id, v.version, v.settlement_period,
      settlement_period_start(v.settlement_period, rn.returned_on), settlement_period_end(v.settlement_period, rn.returned_on),
      CASE WHEN v.trade_model = 'konsinyasi' THEN 'loss_chain' ELSE 'return_umkm' END,
      rn.outlet_id, rl.product_id, rl.qty,
      CASE WHEN v.trade_model = 'konsinyasi' THEN 1 ELSE -1 END * rl.qty * ap.supplier_price
    FROM return_notes rn
    JOIN return_note_lines rl ON rl.note_id = rn.id
    JOIN agreement_versions v ON v.agreement_id = rn.agreement_id AND ${inForceSql('v', sql<string>`rn.returned_on`)}
    JOIN agreement_products ap ON ap.version_id = v.id AND ap.product_id = rl.product_id
    WHERE rn.returned_on BETWEEN ${from} AND ${through} AND ${only('rn.agreement_id')}
      AND ((v.trade_model = 'konsinyasi' AND rn.borne_by = 'chain') OR (v.trade_model = 'beli_putus' AND rn.borne_by = 'umkm'))`.execute(
    db,
  );

  // Expiry write-offs: the bearer is the PKS's (expired goods borne by; the UMKM when it says nothing).
  await sql`INSERT INTO settle_goods
    SELECT w.agreement_id, w.version_id, w.version, w.settlement_period,
      settlement_period_start(w.settlement_period, w.occurred_on), settlement_period_end(w.settlement_period, w.occurred_on),
      CASE WHEN w.trade_model = 'konsinyasi' THEN 'expired_chain' ELSE 'expired_umkm' END,
      w.outlet_id, w.product_id, w.qty, CASE WHEN w.trade_model = 'konsinyasi' THEN 1 ELSE -1 END * w.qty * w.supplier_price
    FROM (SELECT DISTINCT ON (sm.id) a.id AS agreement_id, v.id AS version_id, v.version, v.settlement_period, v.trade_model,
            coalesce(v.expired_goods_borne_by, 'umkm') AS bearer, sm.occurred_on, sm.outlet_id, sm.product_id, -sm.qty AS qty, ap.supplier_price
          FROM stock_movements sm
          JOIN outlets o ON o.id = sm.outlet_id
          JOIN agreements a ON a.kind = 'pks' AND a.chain_id = sm.chain_id AND a.umkm_id = sm.umkm_id
            AND (a.branch_id IS NULL OR a.branch_id = o.branch_id)
          JOIN agreement_versions v ON v.agreement_id = a.id AND ${inForceSql('v', sql<string>`sm.occurred_on`)}
          JOIN agreement_products ap ON ap.version_id = v.id AND ap.product_id = sm.product_id
          WHERE sm.kind = 'expired' AND sm.source = 'expiry' AND sm.occurred_on BETWEEN ${from} AND ${through} AND ${only('a.id')}
          ORDER BY sm.id, a.branch_id NULLS LAST) w
    WHERE (w.trade_model = 'konsinyasi' AND w.bearer = 'chain') OR (w.trade_model = 'beli_putus' AND w.bearer = 'umkm')`.execute(db);

  // A temporary table has no statistics until it is analysed: planned as a few hundred rows, a month's
  // million goods rows were sorted on disk and merge-joined (3.8 s for the lines below; 1.6 s analysed).
  await sql`ANALYZE settle_goods`.execute(db);

  // The statements to write: closed periods wholly in the window, without a live statement (or the one
  // being corrected).
  const c = t.corrects ?? null;
  await sql`CREATE TEMP TABLE IF NOT EXISTS settle_heads (
      id uuid, agreement_id uuid, version_id uuid, period_kind text, period_start date, period_end date,
      goods bigint, base bigint) ON COMMIT DELETE ROWS`.execute(db);
  await sql`TRUNCATE settle_heads`.execute(db);
  await sql`INSERT INTO settle_heads
    SELECT gen_random_uuid(), g.agreement_id,
      (array_agg(g.version_id ORDER BY g.version DESC))[1], (array_agg(g.period_kind ORDER BY g.version DESC))[1],
      g.period_start, min(g.period_end), sum(g.amount), coalesce(sum(g.base), 0)
    FROM (
      -- per version first (a hash aggregate of the goods), so that only these few rows are sorted for the
      -- version in force last
      SELECT agreement_id, period_start, version_id, version, period_kind, min(period_end) AS period_end, sum(amount) AS amount,
        sum(amount) FILTER (WHERE kind IN ('sale', 'receipt')) AS base
      FROM settle_goods
      WHERE period_start >= ${from} AND period_end <= ${through}
        ${c ? sql`AND agreement_id = ${c.agreementId} AND period_start = ${c.periodStart}::date` : sql``}
      GROUP BY agreement_id, period_start, version_id, version, period_kind) g
    ${
      c
        ? sql``
        : sql`WHERE NOT EXISTS (SELECT 1 FROM settlement_statements x
            WHERE x.agreement_id = g.agreement_id AND x.period_start = g.period_start AND x.status <> 'superseded')`
    }
    GROUP BY g.agreement_id, g.period_start`.execute(db);
  await sql`ANALYZE settle_heads`.execute(db);
  if (c) {
    // A correction with nothing left to settle still replaces the disputed statement.
    await sql`INSERT INTO settle_heads
      SELECT gen_random_uuid(), s.agreement_id, s.version_id, s.period_kind, s.period_start, s.period_end, 0, 0
      FROM settlement_statements s WHERE s.id = ${c.id} AND NOT EXISTS (SELECT 1 FROM settle_heads)`.execute(db);
  }

  // Lines: goods per outlet × product × kind, then fees per outlet, then adjustments.
  await sql`CREATE TEMP TABLE IF NOT EXISTS settle_lines (
      statement_id uuid, ord integer, kind text, outlet_id uuid, product_id uuid, qty bigint, amount bigint,
      fee_name text, fee_bp integer, note text, corrects_line integer) ON COMMIT DELETE ROWS`.execute(db);
  await sql`TRUNCATE settle_lines`.execute(db);
  await sql`INSERT INTO settle_lines
    SELECT h.id, CASE g.kind WHEN 'sale' THEN 1 WHEN 'receipt' THEN 1 WHEN 'loss_chain' THEN 2 WHEN 'expired_chain' THEN 3
      WHEN 'return_umkm' THEN 4 ELSE 5 END, g.kind, g.outlet_id, g.product_id, sum(g.qty), sum(g.amount), NULL, NULL, NULL, NULL
    FROM settle_goods g JOIN settle_heads h ON h.agreement_id = g.agreement_id AND h.period_start = g.period_start
    GROUP BY h.id, g.kind, g.outlet_id, g.product_id`.execute(db);
  // Fees: total = base × bp / 10 000 rounded half up; each outlet its floor share of the total by its
  // billed goods, and the rupiah left over go one each to the outlets with the largest remainders.
  await sql`INSERT INTO settle_lines
    WITH fee AS (
      SELECT h.id, f.ordinality AS n, f.value->>'name' AS name, (f.value->>'bp')::int AS bp, h.base,
        (h.base * (f.value->>'bp')::int + 5000) / 10000 AS total
      FROM settle_heads h JOIN agreement_versions v ON v.id = h.version_id
      CROSS JOIN LATERAL jsonb_array_elements(v.other_fees) WITH ORDINALITY f
      WHERE h.base > 0 AND (f.value->>'bp')::int > 0),
    per_outlet AS (
      SELECT l.statement_id, l.outlet_id, sum(l.amount) AS billed FROM settle_lines l
      WHERE l.kind IN ('sale', 'receipt') GROUP BY l.statement_id, l.outlet_id HAVING sum(l.amount) > 0),
    share AS (
      SELECT fee.id, fee.n, fee.name, fee.bp, fee.total, p.outlet_id,
        -- numeric (a sum of bigint), wide enough for total × billed; div() is its whole quotient
        div(fee.total * p.billed, fee.base) AS floor_share, mod(fee.total * p.billed, fee.base) AS remainder
      FROM fee JOIN per_outlet p ON p.statement_id = fee.id),
    ranked AS (
      SELECT s.*, row_number() OVER (PARTITION BY s.id, s.n ORDER BY s.remainder DESC, s.outlet_id) AS rank,
        s.total - sum(s.floor_share) OVER (PARTITION BY s.id, s.n) AS left_over
      FROM share s)
    SELECT id, 10 + n::int, 'fee', outlet_id, NULL::uuid, 0, -(floor_share + CASE WHEN rank <= left_over THEN 1 ELSE 0 END),
      name, bp, NULL, NULL
    FROM ranked WHERE floor_share + CASE WHEN rank <= left_over THEN 1 ELSE 0 END > 0`.execute(db);
  if (c && t.adjustments?.length) {
    await sql`INSERT INTO settle_lines
      SELECT h.id, 100, 'adjustment', NULL, NULL, 0, a.amount, NULL, NULL, a.note, a.corrects_line
      FROM settle_heads h CROSS JOIN jsonb_to_recordset(${JSON.stringify(
        t.adjustments.map((a) => ({ amount: a.amount.toString(), note: a.note, corrects_line: a.correctsLine })),
      )}::jsonb) AS a(amount bigint, note text, corrects_line integer)`.execute(db);
  }

  // Numbers: a block per chain and year, in one upsert (a correction keeps its number, suffixed K1, K2…).
  await sql`CREATE TEMP TABLE IF NOT EXISTS settle_numbers (id uuid, number text) ON COMMIT DELETE ROWS`.execute(db);
  await sql`TRUNCATE settle_numbers`.execute(db);
  if (c) {
    await sql`INSERT INTO settle_numbers SELECT id, ${`${c.number.replace(/-K\d+$/, '')}-K${c.revision + 1}`} FROM settle_heads`.execute(
      db,
    );
  } else {
    await sql`WITH p AS (
        SELECT h.id, 'RKP/' || upper(ch.chain_code) || '/' || extract(year FROM h.period_end)::text || '/' AS prefix
        FROM settle_heads h JOIN agreements a ON a.id = h.agreement_id JOIN organizations ch ON ch.id = a.chain_id),
      n AS (
        INSERT INTO operation_counters (prefix, last) SELECT prefix, count(*) FROM p GROUP BY prefix
        ON CONFLICT (prefix) DO UPDATE SET last = operation_counters.last + EXCLUDED.last
        RETURNING prefix, last)
      INSERT INTO settle_numbers SELECT p.id, p.prefix || lpad((n.last - count(*) OVER (PARTITION BY p.prefix)
        + row_number() OVER (PARTITION BY p.prefix ORDER BY p.id))::text, 6, '0')
      FROM p JOIN n ON n.prefix = p.prefix`.execute(db);
  }

  const written = await sql<{ id: string }>`INSERT INTO settlement_statements (id, number, agreement_id, version_id, chain_id, branch_id,
      umkm_id, umkm_district_code, region_code, trade_model, period_kind, period_start, period_end, revision, corrects_id, status,
      goods, fees, net, payment_term_days, pks_starts_on, computed_at, issued_at, issued_by, created_by)
    SELECT h.id, num.number, h.agreement_id, h.version_id, a.chain_id, a.branch_id, a.umkm_id, up.district_code, a.region_code,
      v.trade_model, h.period_kind, h.period_start, h.period_end, ${c ? c.revision + 1 : 0}, ${c?.id ?? null}::uuid,
      ${c ? 'issued' : 'computed'}, coalesce(t.goods, 0), coalesce(t.fees, 0), coalesce(t.goods, 0) - coalesce(t.fees, 0),
      coalesce(v.payment_term_days, 0), v.starts_on, ${t.at}, ${c ? t.at : null}, ${c ? t.userId : null}::uuid, ${t.userId}::uuid
    FROM settle_heads h
    JOIN settle_numbers num ON num.id = h.id
    JOIN agreements a ON a.id = h.agreement_id
    JOIN agreement_versions v ON v.id = h.version_id
    JOIN umkm_profiles up ON up.organization_id = a.umkm_id
    LEFT JOIN (SELECT statement_id, sum(amount) FILTER (WHERE kind <> 'fee') AS goods, -coalesce(sum(amount) FILTER (WHERE kind = 'fee'), 0) AS fees
               FROM settle_lines GROUP BY statement_id) t ON t.statement_id = h.id
    RETURNING id`.execute(db);
  await sql`INSERT INTO settlement_lines (statement_id, line_no, kind, outlet_id, product_id, qty, amount, fee_name, fee_bp, note, corrects_line)
    SELECT statement_id, row_number() OVER (PARTITION BY statement_id ORDER BY ord, outlet_id NULLS LAST, product_id NULLS LAST, fee_name, note),
      kind, outlet_id, product_id, qty, amount, fee_name, fee_bp, note, corrects_line
    FROM settle_lines`.execute(db);
  for (const table of ['settle_goods', 'settle_heads', 'settle_lines', 'settle_numbers']) await sql`TRUNCATE ${sql.raw(table)}`.execute(db);
  return written.rows.map((r) => r.id);
}
