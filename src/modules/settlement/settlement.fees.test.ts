// The PKS fees of every demo statement follow the rule of settlement.compute.ts: a fee's total is the
// billed goods × its basis points / 10,000 rounded half up, and its lines over the outlets (largest
// remainder) sum to exactly that total. Found by bench/settlement.ts: the outlets' shares were computed in
// numeric (sum() of bigint) and each rounded on its own, so a fee spread over outlets could come out a
// rupiah or more off its total.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDb } from '../../../tests/db.ts';
import type { DbHandle } from '../../db/client.ts';
import { computeStatements } from './settlement.compute.ts';

let h: DbHandle;
beforeAll(async () => {
  h = await testDb();
});
afterAll(() => h.close());

it("each fee is its statement's billed goods × bp rounded half up, and its outlet lines sum to it", async () => {
  const rows = (
    await sql<{ number: string; fee_name: string; fee_bp: number; base: string; total: string; outlets: string; fees: string }>`
      WITH base AS (
        SELECT statement_id, sum(amount) AS base FROM settlement_lines WHERE kind IN ('sale', 'receipt') GROUP BY statement_id),
      fee AS (
        SELECT statement_id, fee_name, fee_bp, -sum(amount) AS total, count(*) AS outlets
        FROM settlement_lines WHERE kind = 'fee' GROUP BY statement_id, fee_name, fee_bp)
      SELECT st.number, f.fee_name, f.fee_bp, b.base::text AS base, f.total::text AS total, f.outlets::text AS outlets, st.fees::text AS fees
      FROM fee f JOIN base b ON b.statement_id = f.statement_id JOIN settlement_statements st ON st.id = f.statement_id
      ORDER BY st.number, f.fee_name`.execute(h.db)
  ).rows;
  expect(rows.filter((r) => Number(r.outlets) > 1).length).toBeGreaterThan(0);
  const perStatement = new Map<string, { fees: bigint; sum: bigint }>();
  for (const r of rows) {
    const expected = (BigInt(r.base) * BigInt(r.fee_bp) + 5000n) / 10000n;
    expect({ statement: r.number, fee: r.fee_name, total: BigInt(r.total) }).toEqual({
      statement: r.number,
      fee: r.fee_name,
      total: expected,
    });
    const s = perStatement.get(r.number) ?? { fees: BigInt(r.fees), sum: 0n };
    s.sum += BigInt(r.total);
    perStatement.set(r.number, s);
  }
  for (const [number, s] of perStatement) expect({ number, fees: s.fees }).toEqual({ number, fees: s.sum });
});

it('a fee over three outlets with equal thirds: the left-over rupiah goes to one outlet, the total stays', async () => {
  await h.db.transaction().execute(async (trx) => {
    // A PKS of a demo maker under a demo MoU, in force in 2020 (no demo data then): one product at Rp3.333,
    // one sold at each of three outlets in March. Billed Rp9.999; a 2.5 % fee is Rp249,975 → Rp250 (half
    // up), each outlet's share Rp83⅓: floors 83 + 83 + 83 = 249, the rupiah left over to one of them.
    const pick = (
      await sql<{ mou: string; gov: string; chain: string; region: string; province: string; umkm: string; product: string; gtin: string }>`
        SELECT m.id AS mou, m.government_id AS gov, m.chain_id AS chain, m.region_code AS region, m.province_code AS province,
          p.umkm_id AS umkm, p.id AS product, coalesce(p.gtin, '8990000000000') AS gtin
        FROM agreements m JOIN agreements k ON k.mou_id = m.id AND k.kind = 'pks' JOIN products p ON p.umkm_id = k.umkm_id
        WHERE m.kind = 'mou' ORDER BY m.number, p.name LIMIT 1`.execute(trx)
    ).rows[0];
    if (!pick) throw new Error('no demo PKS');
    const outlets = (
      await sql<{ id: string; district_code: string }>`SELECT id, district_code FROM outlets WHERE chain_id = ${pick.chain}
        ORDER BY store_code LIMIT 3`.execute(trx)
    ).rows;
    expect(outlets).toHaveLength(3);
    const pks = (
      await sql<{ id: string }>`INSERT INTO agreements (kind, number, government_id, chain_id, umkm_id, mou_id, region_code, province_code)
        VALUES ('pks', 'TEST/FEES/2020', ${pick.gov}, ${pick.chain}, ${pick.umkm}, ${pick.mou}, ${pick.region}, ${pick.province})
        RETURNING id`.execute(trx)
    ).rows[0]?.id as string;
    const version = (
      await sql<{ id: string }>`INSERT INTO agreement_versions (agreement_id, version, status, starts_on, ends_on, trade_model, other_fees,
          payment_term_days, settlement_period, document_sha256, document_pdf)
        VALUES (${pks}, 1, 'signed', '2020-01-01', '2020-12-31', 'konsinyasi', '[{"name":"Biaya administrasi","bp":250}]'::jsonb,
          14, 'monthly', repeat('c', 64), '\\x00'::bytea) RETURNING id`.execute(trx)
    ).rows[0]?.id as string;
    await sql`INSERT INTO agreement_products (version_id, product_id, supplier_price, shelf_price)
      VALUES (${version}, ${pick.product}, 3333, 5000)`.execute(trx);
    for (const [i, o] of outlets.entries())
      await sql`INSERT INTO sales_lines (sales_date, chain_id, outlet_id, receipt, line, gtin, product_id, umkm_id, agreement_id,
          province_code, district_code, qty, unit_price, amount, import_id)
        VALUES (${`2020-03-${String(10 + i)}`}::date, ${pick.chain}, ${o.id}, ${`T${i}`}, 1, ${pick.gtin}, ${pick.product}, ${pick.umkm},
          ${pks}, ${pick.province}, ${o.district_code}, 1, 5000, 5000, gen_random_uuid())`.execute(trx);
    const ids = await computeStatements(trx, {
      agreementIds: [pks],
      from: '2020-03-01',
      through: '2020-03-31',
      at: new Date('2020-04-02T03:00:00Z'),
      userId: null,
    });
    expect(ids).toHaveLength(1);
    const st = (
      await sql<{ goods: bigint; fees: bigint; net: bigint }>`SELECT goods, fees, net FROM settlement_statements
      WHERE id = ${ids[0]}`.execute(trx)
    ).rows[0];
    expect(st).toEqual({ goods: 9999n, fees: 250n, net: 9749n });
    const fees = (
      await sql<{ amount: bigint }>`SELECT amount FROM settlement_lines WHERE statement_id = ${ids[0]} AND kind = 'fee'
      ORDER BY amount`.execute(trx)
    ).rows.map((r) => r.amount);
    expect(fees).toEqual([-84n, -83n, -83n]);
  });
});
