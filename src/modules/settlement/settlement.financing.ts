// Early payment on verified sell-through (C8). A UMKM offers an accepted statement nothing has been paid
// on to banks she chooses; each of those banks sees it with its evidence — the statement's lines, the
// goods receipts and POS sell-out behind them, and the statement PDF's SHA-256 — and may make one offer
// (rate per year, fee, tenor). She accepts one: the statement is assigned to that bank, once, ever (a
// unique index), the chain's payment goes to the bank, and the ledger records the advance and the
// assignment. A bank sees nothing else.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { actsForStatementUmkm, financingScope, mayOfferOn } from '../../platform/auth/policy.ts';
import { localDate } from '../../platform/clock.ts';
import { badRequest, conflict, notFound, notPermitted } from '../../platform/errors.ts';
import { renderStatementPdf } from './settlement.document.ts';
import { postJournals } from './settlement.ledger.ts';
import { tellFinancing } from './settlement.notices.ts';
import { advanceEntries, assignmentEntries, offerTerms } from './settlement.rules.ts';
import { getStatement } from './settlement.service.ts';

const REQUEST = { id: 'Pengajuan pembiayaan', en: 'Financing request' };
const financingLink = (id: string) => `/settlement/financing/${id}`;
const bankName = async (db: Database, id: string) =>
  (await db.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
const OFFER = { id: 'Penawaran pembiayaan', en: 'Financing offer' };
const iso = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
const ds = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** Banks a UMKM may choose from. */
export async function listBanks(db: Database) {
  const rows = await db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('kind', '=', 'bank')
    .where('archived_at', 'is', null)
    .orderBy('name')
    .execute();
  return { items: rows };
}

/** Whether a statement can be financed: accepted (the amount is agreed), nothing paid, not yet financed. */
const FINANCEABLE = ['accepted', 'billed'] as const;

export async function requestFinancing(db: Database, ctx: Ctx, statementId: string, input: { bankIds: string[] }) {
  const s = await getStatement(db, ctx, statementId);
  if (!actsForStatementUmkm(ctx.actor, { umkm_id: s.umkmId })) throw notPermitted(REQUEST);
  await sql`SELECT 1 FROM settlement_statements WHERE id = ${statementId} FOR UPDATE`.execute(db);
  if (!(FINANCEABLE as readonly string[]).includes(s.status) || s.paid > 0n || s.net <= 0n)
    throw conflict('not_financeable', {
      id: 'Hanya rekap yang sudah Anda setujui dan belum dibayar sama sekali yang dapat diajukan untuk pembayaran dini.',
      en: 'Only a statement you have accepted and on which nothing has been paid can be offered for early payment.',
    });
  const banks = await db.selectFrom('organizations').select('id').where('kind', '=', 'bank').where('id', 'in', input.bankIds).execute();
  const bad = input.bankIds.findIndex((b) => !banks.some((x) => x.id === b));
  if (bad >= 0) throw badRequest('bank_unknown', { id: 'Bank ini tidak dikenal.', en: 'Unknown bank.' }, `bankIds.${bad}`);
  const live = await db
    .selectFrom('financing_requests')
    .select('id')
    .where('statement_id', '=', statementId)
    .where('status', '<>', 'withdrawn')
    .executeTakeFirst();
  if (live)
    throw conflict('already_requested', {
      id: 'Rekap ini sudah diajukan untuk pembiayaan.',
      en: 'This statement has already been offered for financing.',
    });
  // The evidence is fixed as offered: the statement's PDF now, and its SHA-256.
  const doc = await renderStatementPdf(db, ctx, statementId);
  const r = await db
    .insertInto('financing_requests')
    .values({
      statement_id: statementId,
      umkm_id: s.umkmId,
      evidence_pdf: doc.pdf,
      evidence_sha256: doc.sha256,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('financing_request_banks')
    .values([...new Set(input.bankIds)].map((bank_id) => ({ request_id: r.id, bank_id })))
    .execute();
  await audit(db, ctx, {
    action: 'request_financing',
    entity: 'settlement_statement',
    entityId: statementId,
    after: { banks: input.bankIds.length },
  });
  await tellFinancing(db, {
    kind: 'financing_offered',
    statementId,
    to: [...new Set(input.bankIds)],
    link: financingLink(r.id),
    key: `financing:${r.id}:offered`,
    at: ctx.now,
  });
  return getRequest(db, ctx, r.id);
}

interface RequestRow {
  id: string;
  statement_id: string;
  umkm_id: string;
  status: 'open' | 'financed' | 'withdrawn';
  created_at: Date;
  evidence_sha256: string;
  bank_ids: string[];
}

async function findRequest(db: Database, ctx: Ctx, id: string): Promise<RequestRow> {
  const r = await db
    .selectFrom('financing_requests as fr')
    .where('fr.id', '=', id)
    .where(financingScope(ctx.actor, 'fr'))
    .select(['fr.id', 'fr.statement_id', 'fr.umkm_id', 'fr.status', 'fr.created_at', 'fr.evidence_sha256'])
    .select(
      sql<string[]>`ARRAY(SELECT bank_id::text FROM financing_request_banks WHERE request_id = fr.id ORDER BY bank_id)`.as('bank_ids'),
    )
    .executeTakeFirst();
  if (!r) throw notFound(REQUEST);
  return r as unknown as RequestRow;
}

async function offersOf(db: Database, ctx: Ctx, requestIds: string[]) {
  if (!requestIds.length) return [];
  return (
    db
      .selectFrom('financing_offers as o')
      .innerJoin('organizations as b', 'b.id', 'o.bank_id')
      .where('o.request_id', 'in', requestIds)
      // a bank sees its own offer only (never a competitor's terms)
      .$if(ctx.actor.role === 'bank', (q) => q.where('o.bank_id', '=', ctx.actor.organizationId as string))
      .select([
        'o.id',
        'o.request_id',
        'o.bank_id',
        'b.name as bank_name',
        'o.rate_bp',
        'o.tenor_days',
        'o.fee',
        'o.face',
        'o.discount',
        'o.advance',
        'o.status',
        'o.created_at',
        'o.accepted_at',
      ])
      .orderBy('o.created_at')
      .execute()
  );
}

function offerView(ctx: Ctx, o: Awaited<ReturnType<typeof offersOf>>[number], request: RequestRow) {
  return {
    id: o.id,
    bankId: o.bank_id,
    bankName: o.bank_name,
    rateBp: o.rate_bp,
    tenorDays: o.tenor_days,
    fee: o.fee,
    face: o.face,
    discount: o.discount,
    advance: o.advance,
    status: o.status,
    createdAt: iso(o.created_at) as string,
    acceptedAt: iso(o.accepted_at),
    can: { accept: actsForStatementUmkm(ctx.actor, { umkm_id: request.umkm_id }) && request.status === 'open' && o.status === 'offered' },
  };
}

/** The evidence behind a statement, for a bank: the goods receipts and the POS sell-out per day. */
async function evidence(db: Database, statementId: string) {
  const s = await db.selectFrom('settlement_statements').selectAll().where('id', '=', statementId).executeTakeFirstOrThrow();
  const from = ds(s.period_start);
  const to = ds(s.period_end);
  const sellOut = await sql<{ day: string; outlet: string; store_code: string; product: string; qty: string; value: string }>`
    SELECT sl.sales_date AS day, o.name AS outlet, o.store_code, p.name AS product, sum(sl.qty) AS qty, sum(sl.amount) AS value
    FROM sales_lines sl JOIN outlets o ON o.id = sl.outlet_id JOIN products p ON p.id = sl.product_id
    WHERE sl.agreement_id = ${s.agreement_id} AND sl.sales_date BETWEEN ${from}::date AND ${to}::date
    GROUP BY sl.sales_date, o.name, o.store_code, p.name HAVING sum(sl.qty) <> 0
    ORDER BY sl.sales_date, o.name, p.name`.execute(db);
  const receipts = await sql<{ number: string; received_on: string; outlet: string; product: string; accepted: string }>`
    SELECT gr.number, gr.received_on, o.name AS outlet, p.name AS product, sum(grl.qty_accepted) AS accepted
    FROM goods_receipts gr JOIN goods_receipt_lines grl ON grl.receipt_id = gr.id
    JOIN delivery_note_lines dl ON dl.id = grl.delivery_line_id JOIN purchase_order_lines pol ON pol.id = dl.order_line_id
    JOIN purchase_orders po ON po.id = pol.order_id JOIN outlets o ON o.id = dl.outlet_id JOIN products p ON p.id = dl.product_id
    WHERE po.agreement_id = ${s.agreement_id} AND gr.received_on <= ${to}::date AND gr.received_on >= ${from}::date - 62
    GROUP BY gr.number, gr.received_on, o.name, p.name ORDER BY gr.received_on, gr.number, p.name`.execute(db);
  return {
    sellOut: sellOut.rows.map((r) => ({
      day: ds(r.day),
      outlet: r.outlet,
      storeCode: r.store_code,
      product: r.product,
      qty: Number(r.qty),
      value: BigInt(r.value),
    })),
    receipts: receipts.rows.map((r) => ({
      number: r.number,
      receivedOn: ds(r.received_on),
      outlet: r.outlet,
      product: r.product,
      accepted: Number(r.accepted),
    })),
  };
}

export async function getRequest(db: Database, ctx: Ctx, id: string) {
  const r = await findRequest(db, ctx, id);
  const statement = await getStatement(db, ctx, r.statement_id);
  const offers = await offersOf(db, ctx, [r.id]);
  const banks = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', r.bank_ids).orderBy('name').execute();
  const mine = ctx.actor.role === 'bank' ? offers.find((o) => o.bank_id === ctx.actor.organizationId) : undefined;
  return {
    id: r.id,
    status: r.status,
    createdAt: iso(r.created_at) as string,
    // The statement PDF as offered (GET …/evidence.pdf) and its SHA-256.
    evidencePdfSha256: r.evidence_sha256,
    banks,
    statement,
    offers: offers.map((o) => offerView(ctx, o, r)),
    evidence: ctx.actor.role === 'umkm' ? null : await evidence(db, r.statement_id),
    can: { offer: mayOfferOn(ctx.actor, r) && !mine },
  };
}

export async function listRequests(db: Database, ctx: Ctx, q: { limit: number; offset: number }) {
  const base = db.selectFrom('financing_requests as fr').where(financingScope(ctx.actor, 'fr'));
  const rows = await base
    .innerJoin('settlement_statements as st', 'st.id', 'fr.statement_id')
    .innerJoin('organizations as u', 'u.id', 'fr.umkm_id')
    .innerJoin('organizations as ch', 'ch.id', 'st.chain_id')
    .select([
      'fr.id',
      'fr.status',
      'fr.created_at',
      'fr.umkm_id',
      'st.id as statement_id',
      'st.number',
      'st.net',
      'st.period_start',
      'st.period_end',
      'u.name as umkm_name',
      'ch.name as chain_name',
    ])
    .orderBy('fr.created_at', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const total = await base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const offers = await offersOf(
    db,
    ctx,
    rows.map((r) => r.id),
  );
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      createdAt: iso(r.created_at) as string,
      statementId: r.statement_id,
      statementNumber: r.number,
      net: r.net,
      periodStart: ds(r.period_start),
      periodEnd: ds(r.period_end),
      umkmName: r.umkm_name,
      chainName: r.chain_name,
      offers: offers.filter((o) => o.request_id === r.id).length,
      bestAdvance: offers
        .filter((o) => o.request_id === r.id)
        .reduce<bigint | null>((a, o) => (a === null || o.advance > a ? o.advance : a), null),
    })),
  };
}

export async function makeOffer(db: Database, ctx: Ctx, requestId: string, input: { rateBp: number; tenorDays: number; fee: bigint }) {
  const r = await findRequest(db, ctx, requestId);
  await sql`SELECT 1 FROM financing_requests WHERE id = ${requestId} FOR UPDATE`.execute(db);
  if (!mayOfferOn(ctx.actor, r)) {
    if (r.status !== 'open') throw conflict('request_closed', { id: 'Pengajuan ini sudah ditutup.', en: 'This request is closed.' });
    throw notPermitted(OFFER);
  }
  const s = await db.selectFrom('settlement_statements').select(['net', 'paid']).where('id', '=', r.statement_id).executeTakeFirstOrThrow();
  const terms = offerTerms(s.net - s.paid, input);
  if (terms.advance <= 0n)
    throw badRequest(
      'offer_too_costly',
      { id: 'Bunga dan biaya melebihi nilai tagihan.', en: 'Interest and fee exceed the amount of the bill.' },
      'fee',
    );
  const existing = await db
    .selectFrom('financing_offers')
    .select('id')
    .where('request_id', '=', requestId)
    .where('bank_id', '=', ctx.actor.organizationId as string)
    .executeTakeFirst();
  if (existing)
    throw conflict('offer_exists', {
      id: 'Bank Anda sudah memberi penawaran untuk pengajuan ini.',
      en: 'Your bank has already made an offer on this request.',
    });
  await db
    .insertInto('financing_offers')
    .values({
      request_id: requestId,
      statement_id: r.statement_id,
      bank_id: ctx.actor.organizationId as string,
      rate_bp: input.rateBp,
      tenor_days: input.tenorDays,
      fee: input.fee,
      face: terms.face,
      discount: terms.discount,
      advance: terms.advance,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
    })
    .execute();
  await audit(db, ctx, {
    action: 'offer_financing',
    entity: 'financing_request',
    entityId: requestId,
    after: { ...input, advance: terms.advance },
  });
  await tellFinancing(db, {
    kind: 'financing_offer_received',
    statementId: r.statement_id,
    to: [r.umkm_id],
    link: financingLink(requestId),
    key: `financing:${requestId}:offer:${ctx.actor.organizationId}`,
    at: ctx.now,
    bankName: await bankName(db, ctx.actor.organizationId as string),
  });
  return getRequest(db, ctx, requestId);
}

/** The UMKM takes one offer: the statement is assigned to the bank (its payee), the other offers are
 *  declined, and the ledger records the advance and the assignment of the chain's debt. */
export async function acceptOffer(db: Database, ctx: Ctx, offerId: string) {
  const o = await db.selectFrom('financing_offers').selectAll().where('id', '=', offerId).executeTakeFirst();
  if (!o) throw notFound(OFFER);
  const r = await findRequest(db, ctx, o.request_id);
  if (!actsForStatementUmkm(ctx.actor, r)) throw notPermitted(OFFER);
  await sql`SELECT 1 FROM settlement_statements WHERE id = ${r.statement_id} FOR UPDATE`.execute(db);
  const s = await db.selectFrom('settlement_statements').selectAll().where('id', '=', r.statement_id).executeTakeFirstOrThrow();
  if (r.status !== 'open' || o.status !== 'offered' || s.paid > 0n || s.net - s.paid !== o.face)
    throw conflict('offer_not_open', { id: 'Penawaran ini tidak dapat diterima lagi.', en: 'This offer can no longer be accepted.' });
  await db.updateTable('financing_offers').set({ status: 'accepted', accepted_at: ctx.now }).where('id', '=', offerId).execute();
  await db.updateTable('financing_offers').set({ status: 'declined' }).where('request_id', '=', r.id).where('id', '<>', offerId).execute();
  await db.updateTable('financing_requests').set({ status: 'financed' }).where('id', '=', r.id).execute();
  await db.updateTable('settlement_statements').set({ payee_id: o.bank_id }).where('id', '=', s.id).execute();
  const on = localDate(s.region_code, ctx.now);
  const parties = { chainId: s.chain_id, umkmId: s.umkm_id, bankId: o.bank_id };
  await postJournals(db, [
    {
      key: `financing:${o.id}:advance`,
      kind: 'advance',
      occurredOn: on,
      statementId: s.id,
      districtCode: s.umkm_district_code,
      memo: s.number,
      entries: advanceEntries(parties, o.face, o.discount),
    },
    {
      key: `financing:${o.id}:assignment`,
      kind: 'assignment',
      occurredOn: on,
      statementId: s.id,
      districtCode: s.umkm_district_code,
      memo: s.number,
      entries: assignmentEntries(parties, o.face),
    },
  ]);
  await audit(db, ctx, {
    action: 'accept_financing',
    entity: 'settlement_statement',
    entityId: s.id,
    after: { bank: o.bank_id, advance: o.advance },
  });
  await tellFinancing(db, {
    kind: 'financing_accepted',
    statementId: s.id,
    to: [s.chain_id, ...(s.branch_id ? [s.branch_id] : []), o.bank_id],
    link: `/settlement/${s.id}`,
    key: `financing:${o.id}:accepted`,
    at: ctx.now,
    bankName: await bankName(db, o.bank_id),
  });
  return getRequest(db, ctx, r.id);
}

/** The statement's PDF exactly as it was offered to the banks. */
export async function evidencePdf(db: Database, ctx: Ctx, id: string) {
  const r = await findRequest(db, ctx, id);
  const row = await db.selectFrom('financing_requests').select(['evidence_pdf']).where('id', '=', r.id).executeTakeFirstOrThrow();
  return { pdf: row.evidence_pdf, sha256: r.evidence_sha256 };
}
