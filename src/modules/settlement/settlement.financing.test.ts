// Early payment on the demo data: umkm@demo offers her accepted, unpaid statement to the demo bank; the
// bank sees it with its evidence (and nothing else: no PKS, no sales, no other statement); it offers, she
// accepts; the statement is assigned to the bank — once, ever, even against raw SQL — and Alfamart's
// payment goes to the bank. The ledger balances throughout.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type TestApp, testApp } from '../../../tests/app.ts';
import { pdfText } from '../../../tests/pdf.ts';

let t: TestApp;
const UMKM = demo('umkm');
const BANK = demo('bank');
const ALFA = demo('alfamart');
let bankId: string;
let umkmId: string;

const post = (who: string, url: string, payload: unknown = {}) =>
  t.as(who, { method: 'POST', url, payload: payload as Record<string, unknown> });
const get = (who: string, url: string) => t.as(who, { method: 'GET', url });
const body = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
async function one<T>(q: ReturnType<typeof sql<T>>) {
  const r = (await q.execute(t.handle.db)).rows[0];
  if (!r) throw new Error('no row');
  return r;
}
const ledgerTotal = async () => Number((await one(sql<{ v: string }>`SELECT coalesce(sum(amount), 0) AS v FROM ledger_entries`)).v);

beforeAll(async () => {
  t = await testApp();
  bankId = (await one(sql<{ id: string }>`SELECT organization_id AS id FROM users WHERE email = ${BANK}`)).id;
  umkmId = (await one(sql<{ id: string }>`SELECT organization_id AS id FROM users WHERE email = ${UMKM}`)).id;
});
afterAll(() => t.close());

interface Req {
  id: string;
  status: string;
  offers: { id: string; advance: number; discount: number; face: number; status: string; can: { accept: boolean } }[];
  evidence: { sellOut: unknown[]; receipts: unknown[] } | null;
  statement: { id: string; net: number; payeeId: string | null; can: { requestFinancing: boolean } };
  can: { offer: boolean };
}

describe('early payment by a bank', () => {
  let statementId: string;
  let requestId: string;

  it('the UMKM offers an accepted, unpaid statement to the banks she picks', async () => {
    const s = await one(sql<{ id: string }>`SELECT id FROM settlement_statements
      WHERE umkm_id = ${umkmId} AND status IN ('accepted', 'billed') AND paid = 0
        AND NOT EXISTS (SELECT 1 FROM financing_requests r WHERE r.statement_id = settlement_statements.id) LIMIT 1`);
    statementId = s.id;
    const detail = body<Req['statement']>(await get(UMKM, `/api/settlement/statements/${statementId}`));
    expect(detail.can.requestFinancing).toBe(true);
    // The bank does not see it before it is offered.
    expect((await get(BANK, `/api/settlement/statements/${statementId}`)).statusCode).toBe(404);
    const banks = body<{ items: { id: string; name: string }[] }>(await get(UMKM, '/api/settlement/banks'));
    expect(banks.items.map((b) => b.id)).toContain(bankId);
    const bad = await post(UMKM, `/api/settlement/statements/${statementId}/financing`, { bankIds: [] });
    expect(bad.statusCode).toBe(400);
    const res = await post(UMKM, `/api/settlement/statements/${statementId}/financing`, { bankIds: [bankId] });
    expect(res.statusCode, res.body).toBe(201);
    requestId = body<Req>(res).id;
    const again = await post(UMKM, `/api/settlement/statements/${statementId}/financing`, { bankIds: [bankId] });
    expect(again.statusCode).toBe(409);
    // A statement still waiting for her answer cannot be offered.
    const waiting = await one(
      sql<{ id: string }>`SELECT id FROM settlement_statements WHERE umkm_id = ${umkmId} AND status = 'issued' LIMIT 1`,
    );
    expect((await post(UMKM, `/api/settlement/statements/${waiting.id}/financing`, { bankIds: [bankId] })).statusCode).toBe(409);
  });

  it('the bank sees what is offered to it with the evidence, and nothing else', async () => {
    const list = body<{ items: { id: string }[] }>(await get(BANK, '/api/settlement/financing'));
    expect(list.items.map((r) => r.id)).toContain(requestId);
    const r = body<Req>(await get(BANK, `/api/settlement/financing/${requestId}`));
    expect(r.can.offer).toBe(true);
    expect(r.evidence?.sellOut.length).toBeGreaterThan(0);
    // The statement PDF as offered, with its SHA-256.
    const pdf = await t.as(BANK, { method: 'GET', url: `/api/settlement/financing/${requestId}/evidence.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const sha = crypto.createHash('sha256').update(pdf.rawPayload).digest('hex');
    expect(sha).toBe((r as unknown as { evidencePdfSha256: string }).evidencePdfSha256);
    expect(pdf.headers['x-document-sha256']).toBe(sha);
    expect(await pdfText(pdf.rawPayload)).toContain(
      body<{ number: string }>(await get(UMKM, `/api/settlement/statements/${statementId}`)).number,
    );
    expect((await t.as(demo('indomaret'), { method: 'GET', url: `/api/settlement/financing/${requestId}/evidence.pdf` })).statusCode).toBe(
      403,
    );
    expect((await get(BANK, `/api/settlement/statements/${statementId}`)).statusCode).toBe(200);
    const stmts = body<{ items: { id: string }[] }>(await get(BANK, '/api/settlement/statements?view=all&limit=200'));
    const offeredTo = (
      await sql<{ id: string }>`SELECT r.statement_id AS id FROM financing_requests r JOIN financing_request_banks b ON b.request_id = r.id
        WHERE b.bank_id = ${bankId}`.execute(t.handle.db)
    ).rows.map((x) => x.id);
    expect(stmts.items.every((x) => offeredTo.includes(x.id))).toBe(true);
    const other = await one(sql<{ id: string }>`SELECT id FROM settlement_statements WHERE NOT (id = ANY(${offeredTo}::uuid[])) LIMIT 1`);
    expect((await get(BANK, `/api/settlement/statements/${other.id}`)).statusCode).toBe(404);
    const pks = await one(sql<{ id: string }>`SELECT agreement_id AS id FROM settlement_statements WHERE id = ${statementId}`);
    for (const url of [
      `/api/agreements/${pks.id}`,
      '/api/agreements',
      '/api/sales/summary',
      '/api/operations/orders',
      '/api/umkm',
      '/api/products',
      '/api/outlets',
    ])
      expect((await get(BANK, url)).statusCode, url).toBe(403);
  });

  it('the bank offers once; the UMKM accepts; the statement is assigned to the bank', async () => {
    const bad = await post(BANK, `/api/settlement/financing/${requestId}/offers`, { rateBp: -1, tenorDays: 0, fee: -5 });
    expect(bad.statusCode).toBe(400);
    expect(body<{ error: { fields: { field: string }[] } }>(bad).error.fields.map((f) => f.field)).toEqual(
      expect.arrayContaining(['rateBp', 'tenorDays', 'fee']),
    );
    const res = await post(BANK, `/api/settlement/financing/${requestId}/offers`, { rateBp: 1200, tenorDays: 14, fee: 5000 });
    expect(res.statusCode, res.body).toBe(200);
    const offer = body<Req>(res).offers[0]!;
    expect(offer.advance + offer.discount).toBe(offer.face);
    // interest: face × 12 % × 14 / 365, rounded half up, plus the fee
    expect(offer.discount).toBe(Math.floor((offer.face * 1200 * 14 * 2 + 10_000 * 365) / (2 * 10_000 * 365)) + 5000);
    expect((await post(BANK, `/api/settlement/financing/${requestId}/offers`, { rateBp: 1000, tenorDays: 14, fee: 0 })).statusCode).toBe(
      409,
    );
    expect((await post(UMKM, `/api/settlement/financing/${requestId}/offers`, { rateBp: 1000, tenorDays: 14, fee: 0 })).statusCode).toBe(
      403,
    );
    expect((await post(BANK, `/api/settlement/financing/offers/${offer.id}/accept`)).statusCode).toBe(403);
    const mine = body<Req>(await get(UMKM, `/api/settlement/financing/${requestId}`));
    expect(mine.evidence).toBeNull();
    expect(mine.offers[0]?.can.accept).toBe(true);
    const before = await ledgerTotal();
    const acc = await post(UMKM, `/api/settlement/financing/offers/${offer.id}/accept`);
    expect(acc.statusCode, acc.body).toBe(200);
    expect(body<Req>(acc).status).toBe('financed');
    expect(body<Req>(acc).statement.payeeId).toBe(bankId);
    expect(await ledgerTotal()).toBe(before);
    expect((await post(UMKM, `/api/settlement/financing/offers/${offer.id}/accept`)).statusCode).toBe(409);
    expect((await post(UMKM, `/api/settlement/statements/${statementId}/financing`, { bankIds: [bankId] })).statusCode).toBe(409);
    // Once, ever: even raw SQL cannot accept a second offer on the statement.
    const other = await one(sql<{ id: string }>`SELECT id FROM organizations WHERE kind = 'bank' AND id <> ${bankId} LIMIT 1`);
    await expect(
      sql`INSERT INTO financing_offers (request_id, statement_id, bank_id, rate_bp, tenor_days, fee, face, discount, advance, status)
        VALUES (${requestId}, ${statementId}, ${other.id}, 100, 7, 0, 100, 0, 100, 'accepted')`.execute(t.handle.db),
    ).rejects.toThrow(/financing_offers_once_idx|duplicate key/);
  });

  it('the chain pays the bank; the bank’s claim is settled and the ledger balances', async () => {
    const s = body<{ payeeName: string; can: { pay: boolean }; status: string; net: number; paidOn?: string; today: string }>(
      await get(ALFA, `/api/settlement/statements/${statementId}`),
    );
    expect(s.payeeName).toMatch(/Bank Contoh Daerah/);
    if (s.status === 'accepted')
      expect((await post(UMKM, `/api/settlement/statements/${statementId}/invoice`, { invoiceNumber: 'INV/BANK/1' })).statusCode).toBe(200);
    const paid = await post(ALFA, `/api/settlement/statements/${statementId}/payments`, {
      reference: 'TRF-BANK-1',
      amount: s.net,
      paidOn: s.today,
      idempotencyKey: `pay-bank-${statementId}`,
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(body<{ payments: { payeeId: string }[] }>(paid).payments[0]?.payeeId).toBe(bankId);
    const claim = await one(sql<{
      v: string;
    }>`SELECT coalesce(sum(e.amount), 0) AS v FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id
      WHERE e.owner_id = ${bankId} AND e.account = 'receivable' AND j.statement_id = ${statementId}`);
    expect(Number(claim.v)).toBe(0);
    const chainOwes = await one(sql<{
      v: string;
    }>`SELECT coalesce(sum(e.amount), 0) AS v FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id
      WHERE e.account = 'payable' AND j.statement_id = ${statementId}`);
    expect(Number(chainOwes.v)).toBe(0);
    expect(await ledgerTotal()).toBe(0);
  });
});
