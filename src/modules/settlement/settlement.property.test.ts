// The acceptance property of settlement, through the services and their SQL: random POS sales (till
// returns too) for a closed month of umkm@demo's PKS (its fee applies), then a random sequence of events on
// the month's statement — issue, dispute, correction with random adjustments, acceptance, invoice, partial
// payments (some retried with their key, some with a reused key and other content), re-posting, requests
// for early payment, banks' offers and acceptances — most of them out of order on purpose. After every
// step: every journal balances, all entries sum to zero, every statement's net is the sum of its lines,
// re-posting any accepted statement writes nothing, and no statement is financed twice. Each run is rolled
// back, after the database's own commit-time checks are forced (SET CONSTRAINTS ALL IMMEDIATE).
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, TEST_NOW, type TestApp, testApp } from '../../../tests/app.ts';
import type { Database } from '../../db/client.ts';
import { actingCtx } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import * as fin from './settlement.financing.ts';
import * as svc from './settlement.service.ts';

let t: TestApp;
let umkmId: string;
let chainId: string;
let agreementId: string;
let banks: string[];
let pairs: { outlet_id: string; product_id: string }[];

const MONTH = { from: '2026-07-01', to: '2026-07-31' };

beforeAll(async () => {
  t = await testApp();
  const db = t.handle.db;
  umkmId = (await sql<{ id: string }>`SELECT organization_id AS id FROM users WHERE email = ${demo('umkm')}`.execute(db)).rows[0]!.id;
  chainId = (await sql<{ id: string }>`SELECT id FROM organizations WHERE kind = 'chain' AND chain_code = 'alfamart'`.execute(db)).rows[0]!
    .id;
  agreementId = (
    await sql<{ id: string }>`SELECT id FROM agreements WHERE kind = 'pks' AND umkm_id = ${umkmId} AND chain_id = ${chainId}`.execute(db)
  ).rows[0]!.id;
  banks = (await sql<{ id: string }>`SELECT id FROM organizations WHERE kind = 'bank' ORDER BY name LIMIT 2`.execute(db)).rows.map(
    (r) => r.id,
  );
  pairs = (
    await sql<{ outlet_id: string; product_id: string }>`SELECT DISTINCT outlet_id, product_id FROM sales_lines
      WHERE agreement_id = ${agreementId} ORDER BY outlet_id, product_id LIMIT 6`.execute(db)
  ).rows;
});
afterAll(() => t.close());

type Cmd =
  | { k: 'issue' | 'accept' | 'bill' | 'repost' | 'request' | 'acceptOffer' }
  | { k: 'dispute'; line: number }
  | { k: 'correct'; adjust: number }
  | { k: 'pay'; part: number; retry: boolean; reuse: boolean }
  | { k: 'offer'; bank: number; rateBp: number; tenorDays: number; fee: number };

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  fc.constantFrom<Cmd>({ k: 'issue' }, { k: 'accept' }, { k: 'bill' }, { k: 'repost' }, { k: 'request' }, { k: 'acceptOffer' }),
  fc.record({ k: fc.constant('dispute' as const), line: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ k: fc.constant('correct' as const), adjust: fc.integer({ min: -50_000, max: 50_000 }) }),
  fc.record({ k: fc.constant('pay' as const), part: fc.integer({ min: 1, max: 100 }), retry: fc.boolean(), reuse: fc.boolean() }),
  fc.record({
    k: fc.constant('offer' as const),
    bank: fc.integer({ min: 0, max: 1 }),
    rateBp: fc.integer({ min: 0, max: 3000 }),
    tenorDays: fc.integer({ min: 1, max: 90 }),
    fee: fc.integer({ min: 0, max: 20_000 }),
  }),
);
const salesArb = fc.array(fc.record({ pair: fc.nat(), day: fc.integer({ min: 1, max: 31 }), qty: fc.integer({ min: -3, max: 20 }) }), {
  minLength: 1,
  maxLength: 25,
});

class Rollback extends Error {}

async function invariants(db: Database) {
  const unbalanced = await sql<{ n: string }>`SELECT count(*) AS n FROM (SELECT journal_id FROM ledger_entries GROUP BY journal_id
    HAVING sum(amount) <> 0 OR count(*) < 2) x`.execute(db);
  expect(Number(unbalanced.rows[0]?.n)).toBe(0);
  const total = await sql<{ v: string }>`SELECT coalesce(sum(amount), 0) AS v FROM ledger_entries`.execute(db);
  expect(Number(total.rows[0]?.v)).toBe(0);
  const nets = await sql<{ n: string }>`SELECT count(*) AS n FROM settlement_statements s
    WHERE s.net <> (SELECT coalesce(sum(amount), 0) FROM settlement_lines l WHERE l.statement_id = s.id) OR s.net <> s.goods - s.fees`.execute(
    db,
  );
  expect(Number(nets.rows[0]?.n)).toBe(0);
  const twice = await sql<{ n: string }>`SELECT count(*) AS n FROM (SELECT statement_id FROM financing_offers WHERE status = 'accepted'
    GROUP BY statement_id HAVING count(*) > 1) x`.execute(db);
  expect(Number(twice.rows[0]?.n)).toBe(0);
  const accepted = await sql<{
    id: string;
  }>`SELECT DISTINCT statement_id AS id FROM ledger_journals WHERE kind = 'statement_accepted'`.execute(db);
  const before = await sql<{ n: string }>`SELECT count(*) AS n FROM ledger_journals`.execute(db);
  await svc.postAccepted(
    db,
    accepted.rows.map((r) => r.id),
  );
  const after = await sql<{ n: string }>`SELECT count(*) AS n FROM ledger_journals`.execute(db);
  expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
}

/** Runs a command; a refusal (4xx) is part of the game, anything else fails the property. */
async function attempt(f: () => Promise<unknown>) {
  try {
    await f();
    return true;
  } catch (e) {
    if (e instanceof AppError && e.status < 500) return false;
    throw e;
  }
}

describe('settlement under random sequences', () => {
  it('keeps every journal balanced, sums to zero, nets equal their lines, re-posting is a no-op, no double financing', async () => {
    let ran = 0;
    let financed = 0;
    let paidParts = 0;
    await fc.assert(
      fc.asyncProperty(salesArb, fc.array(cmdArb, { minLength: 4, maxLength: 18 }), async (sales, cmds) => {
        const run = t.handle.db.transaction().execute(async (db) => {
          const template = (
            await sql<Record<string, unknown>>`SELECT * FROM sales_lines WHERE agreement_id = ${agreementId} LIMIT 1`.execute(db)
          ).rows[0]!;
          for (const [i, s] of sales.entries()) {
            if (s.qty === 0) continue;
            const p = pairs[s.pair % pairs.length]!;
            const day = `2026-07-${String(s.day).padStart(2, '0')}`;
            await sql`INSERT INTO sales_lines (sales_date, chain_id, outlet_id, receipt, line, gtin, product_id, umkm_id, agreement_id,
                province_code, district_code, qty, unit_price, amount, import_id)
              VALUES (${day}::date, ${chainId}, ${p.outlet_id}, ${`PROP-${i}`}, 1, ${template.gtin as string}, ${p.product_id}, ${umkmId},
                ${agreementId}, ${template.province_code as string}, ${template.district_code as string}, ${s.qty}, 15000,
                ${s.qty * 15000}, ${template.import_id as string})`.execute(db);
          }
          const chain = actingCtx({ role: 'retailer', chainId, organizationId: chainId }, TEST_NOW);
          const umkm = actingCtx({ role: 'umkm', organizationId: umkmId }, TEST_NOW);
          await svc.compute(db, chain, { agreementId, from: MONTH.from, through: MONTH.to });
          let id = (
            await sql<{ id: string }>`SELECT id FROM settlement_statements WHERE agreement_id = ${agreementId}
              AND period_start = ${MONTH.from}::date AND status <> 'superseded'`.execute(db)
          ).rows[0]?.id;
          if (!id) throw new Rollback(); // the month's sales netted to nothing: no statement
          await invariants(db);
          let payKey = 0;
          let lastPay: { reference: string; amount: bigint; paidOn: string; idempotencyKey: string } | null = null;
          let request: string | null = null;
          for (const c of cmds) {
            const s = await svc.getStatement(db, chain, id);
            switch (c.k) {
              case 'issue':
                await attempt(() => svc.issue(db, chain, id as string));
                break;
              case 'accept':
                await attempt(() => svc.accept(db, umkm, id as string));
                break;
              case 'bill':
                await attempt(() => svc.bill(db, umkm, id as string, { invoiceNumber: 'INV/PROP' }));
                break;
              case 'repost':
                await svc.postAccepted(db, [id]);
                break;
              case 'dispute':
                await attempt(() =>
                  svc.dispute(db, umkm, id as string, {
                    note: 'Tidak sesuai',
                    lines: s.lines.length >= c.line ? [{ lineNo: c.line, reason: 'Salah hitung' }] : [],
                  }),
                );
                break;
              case 'correct':
                if (
                  await attempt(async () => {
                    const n = await svc.correct(db, chain, id as string, {
                      adjustments: c.adjust === 0 ? [] : [{ lineNo: null, amount: BigInt(c.adjust), note: 'Penyesuaian uji' }],
                    });
                    id = n.id;
                  })
                )
                  request = null;
                break;
              case 'pay': {
                if (c.retry && lastPay) {
                  await attempt(() => svc.pay(db, chain, id as string, lastPay!));
                  break;
                }
                const outstanding = s.net - s.paid;
                const amount = outstanding > 0n ? (outstanding * BigInt(c.part)) / 100n || 1n : 1n;
                const p: { reference: string; amount: bigint; paidOn: string; idempotencyKey: string } = {
                  reference: `TRF-P-${payKey}`,
                  amount,
                  paidOn: s.today,
                  idempotencyKey: c.reuse && lastPay ? lastPay.idempotencyKey : `prop-pay-${id}-${payKey++}`,
                };
                if (await attempt(() => svc.pay(db, chain, id as string, p))) {
                  lastPay = p;
                  paidParts++;
                }
                break;
              }
              case 'request':
                await attempt(async () => {
                  request = (await fin.requestFinancing(db, umkm, id as string, { bankIds: banks })).id;
                });
                break;
              case 'offer':
                if (request) {
                  const bank = actingCtx({ role: 'bank', organizationId: banks[c.bank % banks.length] as string }, TEST_NOW);
                  await attempt(() =>
                    fin.makeOffer(db, bank, request as string, { rateBp: c.rateBp, tenorDays: c.tenorDays, fee: BigInt(c.fee) }),
                  );
                }
                break;
              case 'acceptOffer':
                if (request) {
                  const offers = await sql<{
                    id: string;
                  }>`SELECT id FROM financing_offers WHERE request_id = ${request} ORDER BY created_at, id`.execute(db);
                  for (const o of offers.rows) if (await attempt(() => fin.acceptOffer(db, umkm, o.id))) financed++;
                }
                break;
            }
            await invariants(db);
          }
          // The database's own commit-time checks, now.
          await sql`SET CONSTRAINTS ALL IMMEDIATE`.execute(db);
          ran++;
          throw new Rollback();
        });
        await run.catch((e) => {
          if (!(e instanceof Rollback)) throw e;
        });
      }),
      {
        numRuns: 30,
        examples: [
          [
            [
              { pair: 0, day: 3, qty: 8 },
              { pair: 1, day: 9, qty: -1 },
            ],
            [
              { k: 'issue' },
              { k: 'accept' },
              { k: 'request' },
              { k: 'offer', bank: 0, rateBp: 1200, tenorDays: 14, fee: 5000 },
              { k: 'offer', bank: 1, rateBp: 900, tenorDays: 30, fee: 0 },
              { k: 'acceptOffer' },
              { k: 'acceptOffer' },
              { k: 'bill' },
              { k: 'pay', part: 40, retry: false, reuse: false },
              { k: 'pay', part: 40, retry: true, reuse: false },
              { k: 'pay', part: 50, retry: false, reuse: true },
              { k: 'pay', part: 100, retry: false, reuse: false },
              { k: 'repost' },
            ],
          ],
        ],
      },
    );
    // Not vacuous: the rich example above runs, finances once and pays in parts.
    expect(ran).toBeGreaterThan(0);
    expect(financed).toBeGreaterThan(0);
    expect(paidParts).toBeGreaterThan(0);
  }, 300_000);
});
