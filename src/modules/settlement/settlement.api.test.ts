// Settlement through the API on the demo data: Alfamart computes the statements of umkm@demo's PKS,
// issues one; she disputes a line, the chain corrects it; she accepts and sends her invoice (the clock
// starts); the chain pays in two parts (a retried payment is a no-op, a reused key for other content is
// refused). The ledger balances at every step; an unbalanced journal is refused by the database even
// from raw SQL. Then the clock: billed 16 days ago and unpaid is escalated to the Dinas of her region
// and to no other Dinas, and overdue on her phone's summary.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, TEST_NOW, type TestApp, testApp } from '../../../tests/app.ts';
import { actingCtx, type Ctx } from '../../platform/auth/actor.ts';
import { addDays, localDate } from '../../platform/clock.ts';
import * as svc from './settlement.service.ts';

let t: TestApp;
const ALFA = demo('alfamart');
const INDO = demo('indomaret');
const UMKM = demo('umkm');
const OKI = demo('pemda.oki');
const BENGKULU = demo('pemda.bengkulu');
const SERANG = demo('pemda.serang');
const districts = new Map<string, string>();
const regionOf = (umkmId: string) => districts.get(umkmId);
let umkmId: string;
let chainId: string;

const post = (who: string, url: string, payload: unknown = {}) =>
  t.as(who, { method: 'POST', url, payload: payload as Record<string, unknown> });
const get = (who: string, url: string) => t.as(who, { method: 'GET', url });
const body = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;

async function one<T>(q: ReturnType<typeof sql<T>>) {
  const r = (await q.execute(t.handle.db)).rows[0];
  if (!r) throw new Error('no row');
  return r;
}

async function ledgerSums() {
  return one(sql<{ total: string; unbalanced: string }>`
    SELECT coalesce(sum(amount), 0) AS total,
      (SELECT count(*) FROM (SELECT journal_id FROM ledger_entries GROUP BY journal_id HAVING sum(amount) <> 0) x) AS unbalanced
    FROM ledger_entries`);
}

beforeAll(async () => {
  t = await testApp();
  umkmId = (await one(sql<{ id: string }>`SELECT organization_id AS id FROM users WHERE email = ${UMKM}`)).id;
  chainId = (await one(sql<{ id: string }>`SELECT id FROM organizations WHERE kind = 'chain' AND chain_code = 'alfamart'`)).id;
  for (const r of (
    await sql<{ id: string; d: string }>`SELECT organization_id AS id, district_code AS d FROM umkm_profiles`.execute(t.handle.db)
  ).rows)
    districts.set(r.id, r.d);
});
afterAll(() => t.close());

const makerCtx = (organizationId: string): Ctx => actingCtx({ role: 'umkm', organizationId }, TEST_NOW);

interface Line {
  lineNo: number;
  kind: string;
  amount: number;
  outletName: string | null;
  feeName: string | null;
}
interface Detail {
  id: string;
  number: string;
  status: string;
  net: number;
  goods: number;
  fees: number;
  paid: number;
  outstanding: number;
  dueOn: string | null;
  legalDueOn: string | null;
  legalReference: string | null;
  escalated: boolean;
  overdue: boolean;
  lines: Line[];
  can: Record<string, boolean>;
}

describe('a statement from computed to paid', () => {
  let first: Detail;
  let corrected: Detail;

  it('computing again writes nothing; a computed statement is not yet the UMKM’s to see', async () => {
    const again = await post(ALFA, '/api/settlement/statements/compute', { from: addDays(localDate('16.02', TEST_NOW), -120) });
    expect(again.statusCode, again.body).toBe(200);
    expect(body<{ computed: number }>(again).computed).toBe(0);
    // The demo's just-closed periods wait to be issued by their chain; their UMKM does not see them.
    const draft = await one(sql<{ id: string; umkm_id: string; chain_id: string }>`
      SELECT id, umkm_id, chain_id FROM settlement_statements WHERE status = 'computed' ORDER BY number LIMIT 1`);
    const maker = makerCtx(draft.umkm_id);
    await expect(svc.getStatement(t.handle.db, maker, draft.id)).rejects.toMatchObject({ status: 404 });
    const other = draft.chain_id === chainId ? INDO : ALFA;
    expect((await get(other, `/api/settlement/statements/${draft.id}`)).statusCode).toBe(404);
    // Her newest statement waits for her answer.
    const mine = body<{ items: Detail[]; total: number }>(await get(UMKM, '/api/settlement/statements?view=awaiting_umkm'));
    const waiting = mine.items.find((x) => x.status === 'issued');
    expect(waiting).toBeDefined();
    first = body<Detail>(await get(ALFA, `/api/settlement/statements/${waiting!.id}`));
    expect(first.lines.reduce((a, l) => a + l.amount, 0)).toBe(first.net);
    expect(first.goods - first.fees).toBe(first.net);
    expect((await get(INDO, `/api/settlement/statements/${first.id}`)).statusCode).toBe(404);
    // Issuing is the chain's, once.
    const draftChain = draft.chain_id === chainId ? ALFA : INDO;
    await expect(svc.issue(t.handle.db, maker, draft.id)).rejects.toMatchObject({ status: 404 });
    expect((await post(draftChain, `/api/settlement/statements/${draft.id}/issue`)).statusCode).toBe(200);
    expect((await post(draftChain, `/api/settlement/statements/${draft.id}/issue`)).statusCode).toBe(409);
    expect((await svc.getStatement(t.handle.db, maker, draft.id)).status).toBe('issued');
  });

  it('fee lines follow the PKS and sum to the fee', async () => {
    const fees = first.lines.filter((l) => l.kind === 'fee');
    expect(fees.reduce((a, l) => a - l.amount, 0)).toBe(first.fees);
    const pksFees = await one(sql<{ fees: { name: string; bp: number }[] }>`
      SELECT v.other_fees AS fees FROM settlement_statements s JOIN agreement_versions v ON v.id = s.version_id WHERE s.id = ${first.id}`);
    const base = first.lines.filter((l) => l.kind === 'sale' || l.kind === 'receipt').reduce((a, l) => a + l.amount, 0);
    const expected = pksFees.fees.reduce((a, f) => a + (base > 0 ? Math.floor((base * f.bp + 5000) / 10000) : 0), 0);
    expect(first.fees).toBe(expected);
  });

  it('issued, disputed by line, corrected by a new statement — never edited', async () => {
    expect(body<Detail>(await get(UMKM, `/api/settlement/statements/${first.id}`)).can.accept).toBe(true);
    // Every field at fault at once, in both languages.
    const bad = await post(UMKM, `/api/settlement/statements/${first.id}/dispute`, { note: '', lines: [{ lineNo: 0, reason: '' }] });
    expect(bad.statusCode).toBe(400);
    const fields = body<{ error: { fields: { field: string }[] } }>(bad).error.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['note', 'lines.0.lineNo', 'lines.0.reason']));
    const unknownLine = await post(UMKM, `/api/settlement/statements/${first.id}/dispute`, {
      note: 'Salah',
      lines: [{ lineNo: 9999, reason: 'x' }],
    });
    expect(unknownLine.statusCode).toBe(400);
    const disputed = await post(UMKM, `/api/settlement/statements/${first.id}/dispute`, {
      note: 'Jumlah terjual di baris pertama kurang 2 bungkus',
      lines: [{ lineNo: 1, reason: 'Menurut catatan saya terjual 2 lebih banyak' }],
    });
    expect(disputed.statusCode, disputed.body).toBe(200);
    expect(body<Detail>(disputed).status).toBe('disputed');
    const res = await post(ALFA, `/api/settlement/statements/${first.id}/correct`, {
      adjustments: [{ lineNo: 1, amount: 24000, note: 'Dua bungkus terjual yang belum masuk data kasir' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    corrected = body<Detail>(res);
    expect(corrected.status).toBe('issued');
    expect(corrected.number).toBe(`${first.number}-K1`);
    expect(corrected.net).toBe(first.net + 24000);
    expect(corrected.lines.reduce((a, l) => a + l.amount, 0)).toBe(corrected.net);
    const old = body<Detail>(await get(ALFA, `/api/settlement/statements/${first.id}`));
    expect(old.status).toBe('superseded');
    expect(old.net).toBe(first.net);
  });

  it('accepted: the ledger records it and balances; the invoice starts the clock', async () => {
    expect((await post(ALFA, `/api/settlement/statements/${corrected.id}/accept`)).statusCode).toBe(403);
    const acc = await post(UMKM, `/api/settlement/statements/${corrected.id}/accept`);
    expect(acc.statusCode, acc.body).toBe(200);
    expect(body<Detail>(acc).status).toBe('accepted');
    const sums = await ledgerSums();
    expect(Number(sums.total)).toBe(0);
    expect(Number(sums.unbalanced)).toBe(0);
    const billed = body<Detail>(await post(UMKM, `/api/settlement/statements/${corrected.id}/invoice`, { invoiceNumber: 'INV/TRS/001' }));
    expect(billed.status).toBe('billed');
    const today = localDate('16.02', TEST_NOW);
    expect(billed.legalDueOn).toBe(addDays(today, 15));
    expect(billed.legalReference).toBe('PP 29/2021 Pasal 95 ayat (1) huruf b');
    // The contract's own term is shown beside the legal deadline (this demo PKS says 30 days).
    const term = await one(sql<{ d: number }>`SELECT payment_term_days AS d FROM settlement_statements WHERE id = ${corrected.id}`);
    expect(billed.dueOn).toBe(addDays(today, Number(term.d)));
  });

  it('paid in two parts; a retry is a no-op; a reused key for another payment is refused', async () => {
    const half = Math.floor(corrected.net / 2);
    const today = localDate('16.02', TEST_NOW);
    const p1 = { reference: 'TRF-0001', amount: half, paidOn: today, idempotencyKey: 'pay-test-0001' };
    const r1 = await post(ALFA, `/api/settlement/statements/${corrected.id}/payments`, p1);
    expect(r1.statusCode, r1.body).toBe(200);
    expect(body<Detail>(r1).status).toBe('partly_paid');
    const retry = await post(ALFA, `/api/settlement/statements/${corrected.id}/payments`, p1);
    expect(retry.statusCode).toBe(200);
    expect(body<Detail>(retry).paid).toBe(half);
    const reused = await post(ALFA, `/api/settlement/statements/${corrected.id}/payments`, { ...p1, amount: half + 1 });
    expect(reused.statusCode).toBe(409);
    const tooMuch = await post(ALFA, `/api/settlement/statements/${corrected.id}/payments`, {
      ...p1,
      amount: corrected.net,
      idempotencyKey: 'pay-test-0002',
    });
    expect(tooMuch.statusCode).toBe(400);
    const rest = await post(ALFA, `/api/settlement/statements/${corrected.id}/payments`, {
      reference: 'TRF-0002',
      amount: corrected.net - half,
      paidOn: today,
      idempotencyKey: 'pay-test-0003',
    });
    expect(body<Detail>(rest).status).toBe('paid');
    expect(body<Detail>(rest).outstanding).toBe(0);
    const tb = body<{ debit: number; credit: number; accounts: unknown[] }>(await get(demo('admin'), '/api/settlement/trial-balance'));
    expect(tb.debit).toBe(tb.credit);
    expect(tb.debit).toBeGreaterThan(0);
    const sums = await ledgerSums();
    expect(Number(sums.total)).toBe(0);
    // The UMKM's statement of account ends at what is still owed to her: the agreed statements not yet paid.
    const acct = body<{ items: { balance: number; statementNumber: string }[] }>(await get(UMKM, '/api/settlement/account'));
    const owed = await one(sql<{ v: string }>`SELECT coalesce(sum(net - paid), 0) AS v FROM settlement_statements
      WHERE umkm_id = ${umkmId} AND status IN ('accepted', 'billed', 'partly_paid', 'paid')`);
    expect(acct.items.at(-1)?.balance).toBe(Number(owed.v));
    expect((await get(UMKM, `/api/settlement/account?organizationId=${chainId}`)).statusCode).toBe(404);
    expect((await get(UMKM, '/api/settlement/trial-balance')).statusCode).toBe(403);
  });
});

describe('the database keeps the ledger balanced', () => {
  it('refuses an unbalanced journal written in raw SQL, at commit', async () => {
    const attempt = t.handle.db.transaction().execute(async (tx) => {
      const j = await sql<{ id: string }>`INSERT INTO ledger_journals (idempotency_key, content_sha256, kind, occurred_on)
        VALUES ('raw-unbalanced', ${'0'.repeat(64)}, 'payment', '2026-11-01') RETURNING id`.execute(tx);
      const id = j.rows[0]!.id;
      await sql`INSERT INTO ledger_entries (journal_id, owner_id, account, counterparty_id, amount)
        VALUES (${id}, ${umkmId}, 'cash', NULL, 1000), (${id}, ${chainId}, 'cash', NULL, -999)`.execute(tx);
    });
    await expect(attempt).rejects.toThrow(/does not balance/);
    const none = await one(sql<{ n: string }>`SELECT count(*) AS n FROM ledger_journals WHERE idempotency_key = 'raw-unbalanced'`);
    expect(Number(none.n)).toBe(0);
  });

  it('refuses entries added to a committed journal, and any edit or delete', async () => {
    const j = await one(sql<{ id: string }>`SELECT id FROM ledger_journals ORDER BY id LIMIT 1`);
    await expect(
      sql`INSERT INTO ledger_entries (journal_id, owner_id, account, amount) VALUES (${j.id}, ${umkmId}, 'cash', 5), (${j.id}, ${chainId}, 'cash', -5)`.execute(
        t.handle.db,
      ),
    ).rejects.toThrow(/same transaction/);
    await expect(sql`UPDATE ledger_entries SET amount = amount + 1 WHERE journal_id = ${j.id}`.execute(t.handle.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM ledger_journals WHERE id = ${j.id}`.execute(t.handle.db)).rejects.toThrow(/append-only/);
  });

  it('refuses a statement whose net is not the sum of its lines', async () => {
    const s = await one(sql<{ id: string }>`SELECT id FROM settlement_statements LIMIT 1`);
    const attempt = t.handle.db.transaction().execute(async (tx) => {
      await sql`INSERT INTO settlement_statements (number, agreement_id, version_id, chain_id, branch_id, umkm_id, umkm_district_code,
          region_code, trade_model, period_kind, period_start, period_end, status, goods, fees, net, payment_term_days, pks_starts_on, computed_at)
        SELECT 'RAW/1', agreement_id, version_id, chain_id, branch_id, umkm_id, umkm_district_code, region_code, trade_model, period_kind,
          '2020-01-01', '2020-01-07', 'computed', 100, 0, 100, 0, pks_starts_on, now() FROM settlement_statements WHERE id = ${s.id}`.execute(
        tx,
      );
    });
    await expect(attempt).rejects.toThrow(/lines sum to/);
  });
});

describe('the payment clock', () => {
  const ctxFor = actingCtx;

  it('billed 16 days ago and unpaid: escalated to the Dinas of her region only, overdue on her phone', async () => {
    const db = t.handle.db;
    const then = new Date(TEST_NOW.getTime() - 16 * 86_400_000);
    const admin = ctxFor({ role: 'admin' }, TEST_NOW);
    // An issued statement of a business in a regency with a demo Dinas (OKI 16.02 or Serang 36.04).
    const candidates = await svc.listStatements(db, admin, { view: 'awaiting_umkm', limit: 200, offset: 0 });
    const s = candidates.items.find(
      (x) => x.status === 'issued' && x.umkmId !== umkmId && ['16.02', '36.04'].some((r) => regionOf(x.umkmId)?.startsWith(r)),
    );
    expect(s).toBeDefined();
    const own = regionOf(s!.umkmId)!.startsWith('16.02') ? OKI : SERANG;
    const other = own === OKI ? SERANG : OKI;
    const umkm = ctxFor({ role: 'umkm', organizationId: s!.umkmId }, then);
    await svc.accept(db, umkm, s!.id);
    const billed = await svc.bill(db, umkm, s!.id, { invoiceNumber: 'INV/TRS/002' });
    expect(billed.legalDueOn).toBe(addDays(localDate('16.02', then), 15));

    const mine = body<{ items: Detail[] }>(await get(own, '/api/settlement/statements?view=escalated'));
    expect(mine.items.map((x) => x.id)).toContain(s!.id);
    expect(mine.items.find((x) => x.id === s!.id)?.escalated).toBe(true);
    for (const elsewhere of [other, BENGKULU]) {
      const theirs = body<{ items: Detail[] }>(await get(elsewhere, '/api/settlement/statements?view=escalated'));
      expect(theirs.items.map((x) => x.id)).not.toContain(s!.id);
      expect((await get(elsewhere, `/api/settlement/statements/${s!.id}`)).statusCode).toBe(404);
    }
    const delays = body<{ chains: { chainId: string; escalatedCount: number }[] }>(await get(own, '/api/settlement/delays'));
    expect(delays.chains.find((c) => c.chainId === s!.chainId)?.escalatedCount).toBeGreaterThanOrEqual(1);
    const phone = await svc.summary(db, ctxFor({ role: 'umkm', organizationId: s!.umkmId }, TEST_NOW));
    expect(phone.overdueCount).toBeGreaterThanOrEqual(1);
    expect(phone.escalatedCount).toBeGreaterThanOrEqual(1);
    // A day earlier (15 days) it was not yet escalated.
    const day15 = await svc.getStatement(db, ctxFor({ role: 'admin' }, new Date(TEST_NOW.getTime() - 86_400_000)), s!.id);
    expect(day15.escalated).toBe(false);
  });
});
