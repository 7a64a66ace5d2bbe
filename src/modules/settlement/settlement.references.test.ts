// What migrations 0017 and 0018 must keep while making settlement faster: the period functions answer as 0014's
// did, and a statement's lines still cannot name a statement, outlet or product that does not exist, nor
// can a named one be deleted or have its id changed — the guarantees of the foreign keys 0018 replaced by
// one set-wise check per insert.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../tests/db.ts';
import type { Database, DbHandle } from '../../db/client.ts';

let h: DbHandle;
beforeAll(async () => {
  h = await testDb();
});
afterAll(() => h.close());

/** Runs `fn` in a transaction that is always rolled back; returns the error it raised, if any. */
async function attempt(fn: (trx: Database) => Promise<unknown>): Promise<{ code?: string; message: string } | null> {
  const rollback = new Error('rollback');
  try {
    await h.db.transaction().execute(async (trx) => {
      await fn(trx);
      throw rollback;
    });
  } catch (e) {
    if (e === rollback) return null;
    return e as { code?: string; message: string };
  }
  return null;
}

describe('period functions', () => {
  it('answer as 0014 wrote them (zone-dependent date_trunc) for every kind, ten years of days', async () => {
    const r = (
      await sql<{ differ: string; days: string }>`
        SELECT count(*) FILTER (WHERE settlement_period_start(k, d::date) <> CASE k
            WHEN 'weekly' THEN d::date - (extract(isodow FROM d)::int - 1)
            WHEN 'two_weekly' THEN CASE WHEN extract(day FROM d) <= 15 THEN date_trunc('month', d::date)::date
                                        ELSE date_trunc('month', d::date)::date + 15 END
            ELSE date_trunc('month', d::date)::date END
          OR settlement_period_end(k, d::date) <> CASE k
            WHEN 'weekly' THEN d::date - (extract(isodow FROM d)::int - 1) + 6
            WHEN 'two_weekly' THEN CASE WHEN extract(day FROM d) <= 15 THEN date_trunc('month', d::date)::date + 14
                                        ELSE (date_trunc('month', d::date) + interval '1 month')::date - 1 END
            ELSE (date_trunc('month', d::date) + interval '1 month')::date - 1 END)::text AS differ,
          count(*)::text AS days
        FROM generate_series('2024-01-01'::date, '2033-12-31'::date, interval '1 day') d
        CROSS JOIN unnest(ARRAY['weekly', 'two_weekly', 'monthly']) k`.execute(h.db)
    ).rows[0];
    expect(r).toEqual({ differ: '0', days: String(3 * 3653) });
    const spot = (
      await sql<Record<string, string>>`SELECT settlement_period_start('weekly', '2026-12-02')::text AS w0,
        settlement_period_end('weekly', '2026-12-02')::text AS w1, settlement_period_start('two_weekly', '2026-02-20')::text AS t0,
        settlement_period_end('two_weekly', '2026-02-20')::text AS t1, settlement_period_end('monthly', '2028-02-10')::text AS m1`.execute(
        h.db,
      )
    ).rows[0];
    expect(spot).toEqual({ w0: '2026-11-30', w1: '2026-12-06', t0: '2026-02-16', t1: '2026-02-28', m1: '2028-02-29' });
  });

  it('are inlined by the planner (no function call per row)', async () => {
    const plan = (
      await sql<{ 'QUERY PLAN': string }>`EXPLAIN VERBOSE SELECT settlement_period_end(settlement_period, starts_on)
        FROM agreement_versions`.execute(h.db)
    ).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).not.toContain('settlement_period_end');
    expect(plan).toContain('date_trunc');
  });
});

describe('settlement lines name what exists', () => {
  let line: { statement_id: string; line_no: number; outlet_id: string; product_id: string };
  beforeAll(async () => {
    const r = (
      await sql<typeof line>`SELECT statement_id, line_no, outlet_id, product_id FROM settlement_lines
        WHERE outlet_id IS NOT NULL AND product_id IS NOT NULL ORDER BY statement_id, line_no LIMIT 1`.execute(h.db)
    ).rows[0];
    if (!r) throw new Error('the demo has no statement lines');
    line = r;
  });
  const insertLine = (trx: Database, o: { statement?: string; outlet?: string | null; product?: string | null }) =>
    sql`INSERT INTO settlement_lines (statement_id, line_no, kind, outlet_id, product_id, qty, amount)
      VALUES (${o.statement ?? line.statement_id}::uuid, 9999, 'sale', ${o.outlet === undefined ? line.outlet_id : o.outlet}::uuid,
        ${o.product === undefined ? line.product_id : o.product}::uuid, 1, 0)`.execute(trx);
  const unknown = '00000000-0000-4000-8000-000000000001';

  it('a line naming an existing statement, outlet and product is written', async () => {
    expect(await attempt((trx) => insertLine(trx, {}))).toBeNull();
    expect(await attempt((trx) => insertLine(trx, { outlet: null, product: null }))).toBeNull();
  });

  it.each([
    ['statement', { statement: unknown }],
    ['outlet', { outlet: unknown }],
    ['product', { product: unknown }],
  ])('a line naming an unknown %s is refused', async (what, o) => {
    const e = await attempt((trx) => insertLine(trx, o));
    expect(e?.code).toBe('23503');
    expect(e?.message).toContain(`names a ${what} that does not exist`);
  });

  it('one bad row among many refuses the whole insert', async () => {
    const e = await attempt((trx) =>
      sql`INSERT INTO settlement_lines (statement_id, line_no, kind, outlet_id, product_id, qty, amount)
        SELECT ${line.statement_id}::uuid, 9000 + i, 'sale', CASE WHEN i = 37 THEN ${unknown}::uuid ELSE ${line.outlet_id}::uuid END,
          ${line.product_id}::uuid, 1, 0 FROM generate_series(1, 50) i`.execute(trx),
    );
    expect(e?.code).toBe('23503');
    expect(e?.message).toContain('line 9037');
  });

  it.each([
    ['settlement_statements', 'statement_id'],
    ['outlets', 'outlet_id'],
    ['products', 'product_id'],
  ] as const)('a row of %s that lines name cannot be deleted nor change its id', async (table, column) => {
    const id = line[column];
    const del = await attempt((trx) => sql`DELETE FROM ${sql.table(table)} WHERE id = ${id}`.execute(trx));
    expect(del?.code).toBe('23503');
    const upd = await attempt((trx) => sql`UPDATE ${sql.table(table)} SET id = gen_random_uuid() WHERE id = ${id}`.execute(trx));
    expect(upd?.code).toBe('23503');
  });

  it('a product no line names can still be deleted, and any row updated', async () => {
    expect(
      await attempt(async (trx) => {
        const p = (
          await sql<{ id: string }>`INSERT INTO products (umkm_id, province_code, name, category, net_content, net_unit, supplier_price,
              retail_price, shelf_life_days, storage)
            SELECT umkm_id, province_code, 'Produk uji', category, 1, 'g', 1, 1, 1, 'ambient' FROM products WHERE id = ${line.product_id}
            RETURNING id`.execute(trx)
        ).rows[0];
        await sql`DELETE FROM products WHERE id = ${p?.id}`.execute(trx);
        await sql`UPDATE outlets SET name = name || ' ' WHERE id = ${line.outlet_id}`.execute(trx);
      }),
    ).toBeNull();
  });
});
