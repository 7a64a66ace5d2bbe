// Settlement (C8): statements per PKS period, their lifecycle (computed → issued → accepted or disputed
// and corrected → billed → paid), the payment clock with the legal deadline, the ledger's postings, the
// trial balance, statements of account and the Dinas's view of payment delays.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import {
  actsForStatementChain,
  actsForStatementUmkm,
  journalScope,
  mayComputeFor,
  mayReadAccountOf,
  statementScope,
} from '../../platform/auth/policy.ts';
import { addDays, localDate } from '../../platform/clock.ts';
import { type Bilingual, badRequest, conflict, notFound, notPermitted } from '../../platform/errors.ts';
import { label } from '../../vocabulary.ts';
import { inForceSql } from '../agreements/agreements.queries.ts';
import { timeZoneCaseSql } from '../regions/regions.rules.ts';
import { computeStatements } from './settlement.compute.ts';
import { postJournals, postStaged } from './settlement.ledger.ts';
import { tellEvent } from './settlement.notices.ts';
import {
  ACCEPTED_LAYOUT,
  AGING_BUCKETS,
  allowsEvent,
  clockOf,
  legalDeadline,
  paymentEntries,
  type StatementEvent,
} from './settlement.rules.ts';
import type { StatementStatus } from './settlement.tables.ts';

const STATEMENT = { id: 'Rekap tagihan', en: 'Statement' };
function notPermittedUnless(ok: boolean, what: Bilingual): asserts ok {
  if (!ok) throw notPermitted(what);
}
/** The zone whose date is earliest (WIB): a period is closed once it has ended there, so everywhere. */
const WESTMOST = '31';

const ds = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
const iso = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();

// ---- reading ----

interface StatementRow {
  id: string;
  number: string;
  agreement_id: string;
  agreement_number: string;
  chain_id: string;
  chain_name: string;
  branch_id: string | null;
  umkm_id: string;
  umkm_name: string;
  umkm_district_code: string;
  region_code: string;
  trade_model: 'konsinyasi' | 'beli_putus';
  period_kind: 'weekly' | 'two_weekly' | 'monthly';
  period_start: string;
  period_end: string;
  revision: number;
  corrects_id: string | null;
  corrected_by_id: string | null;
  status: StatementStatus;
  goods: bigint;
  fees: bigint;
  net: bigint;
  paid: bigint;
  payment_term_days: number;
  pks_starts_on: string;
  computed_at: Date;
  issued_at: Date | null;
  responded_at: Date | null;
  dispute_note: string | null;
  invoice_number: string | null;
  billing_complete_at: Date | null;
  billing_complete_on: string | null;
  due_on: string | null;
  legal_due_on: string | null;
  paid_at: Date | null;
  payee_id: string | null;
  payee_name: string | null;
}

export type StatementView = 'all' | 'to_issue' | 'awaiting_umkm' | 'open' | 'overdue' | 'escalated' | 'paid';

function statementQuery(db: Database, ctx: Ctx) {
  return db
    .selectFrom('settlement_statements as st')
    .innerJoin('agreements as a', 'a.id', 'st.agreement_id')
    .innerJoin('organizations as ch', 'ch.id', 'st.chain_id')
    .innerJoin('organizations as u', 'u.id', 'st.umkm_id')
    .leftJoin('organizations as py', 'py.id', 'st.payee_id')
    .where(statementScope(ctx.actor, 'st'))
    .select([
      'st.id',
      'st.number',
      'st.agreement_id',
      'a.number as agreement_number',
      'st.chain_id',
      'ch.name as chain_name',
      'st.branch_id',
      'st.umkm_id',
      'u.name as umkm_name',
      'st.umkm_district_code',
      'st.region_code',
      'st.trade_model',
      'st.period_kind',
      'st.period_start',
      'st.period_end',
      'st.revision',
      'st.corrects_id',
      sql<string | null>`(SELECT x.id FROM settlement_statements x WHERE x.corrects_id = st.id)`.as('corrected_by_id'),
      'st.status',
      'st.goods',
      'st.fees',
      'st.net',
      'st.paid',
      'st.payment_term_days',
      'st.pks_starts_on',
      'st.computed_at',
      'st.issued_at',
      'st.responded_at',
      'st.dispute_note',
      'st.invoice_number',
      'st.billing_complete_at',
      'st.billing_complete_on',
      'st.due_on',
      'st.legal_due_on',
      'st.paid_at',
      'st.payee_id',
      'py.name as payee_name',
    ]);
}

function view(ctx: Ctx, r: StatementRow) {
  const today = localDate(r.region_code, ctx.now);
  const clock = clockOf(
    {
      status: r.status,
      net: r.net,
      paid: r.paid,
      billingCompleteOn: ds(r.billing_complete_on),
      dueOn: ds(r.due_on),
      legalDueOn: ds(r.legal_due_on),
      periodEnd: ds(r.period_end) as string,
    },
    today,
  );
  const legal = r.billing_complete_on ? legalDeadline(ds(r.pks_starts_on) as string, ds(r.billing_complete_on) as string, r.net) : null;
  const chainSide = actsForStatementChain(ctx.actor, r);
  const umkmSide = actsForStatementUmkm(ctx.actor, r);
  return {
    id: r.id,
    number: r.number,
    agreementId: r.agreement_id,
    agreementNumber: r.agreement_number,
    chainId: r.chain_id,
    chainName: r.chain_name,
    umkmId: r.umkm_id,
    umkmName: r.umkm_name,
    tradeModel: r.trade_model,
    periodKind: r.period_kind,
    periodStart: ds(r.period_start) as string,
    periodEnd: ds(r.period_end) as string,
    revision: r.revision,
    correctsId: r.corrects_id,
    correctedById: r.corrected_by_id,
    status: r.status,
    statusLabel: label('statementStatus', r.status),
    goods: r.goods,
    fees: r.fees,
    net: r.net,
    paid: r.paid,
    outstanding: clock.outstanding,
    paymentTermDays: r.payment_term_days,
    computedAt: iso(r.computed_at) as string,
    issuedAt: iso(r.issued_at),
    respondedAt: iso(r.responded_at),
    disputeNote: r.dispute_note,
    invoiceNumber: r.invoice_number,
    billingCompleteAt: iso(r.billing_complete_at),
    billingCompleteOn: ds(r.billing_complete_on),
    dueOn: ds(r.due_on),
    legalDueOn: ds(r.legal_due_on),
    legalReference: legal?.reference ?? null,
    paidAt: iso(r.paid_at),
    payeeId: r.payee_id,
    payeeName: r.payee_name,
    today,
    daysOpen: clock.daysOpen,
    aging: clock.aging,
    dueSoon: clock.dueSoon,
    overdue: clock.overdue,
    escalated: clock.escalated,
    issueLate: clock.issueLate,
    can: {
      issue: chainSide && allowsEvent(r.status, 'issue'),
      correct: chainSide && allowsEvent(r.status, 'correct'),
      pay: chainSide && allowsEvent(r.status, 'pay'),
      accept: umkmSide && allowsEvent(r.status, 'accept'),
      dispute: umkmSide && allowsEvent(r.status, 'dispute'),
      bill: umkmSide && allowsEvent(r.status, 'bill'),
    },
  };
}
export type StatementOut = ReturnType<typeof view>;

/** Today's date in the zone of each row's region (the one zone table: regions.rules.ts). */
const localTodaySql = (ctx: Ctx, column: string) => sql`(${ctx.now}::timestamptz AT TIME ZONE ${sql.raw(timeZoneCaseSql(column))})::date`;

/** Conditions of the list's views, in SQL beside the clock's rules (clockOf) — the same dates, read in
 *  the statement's own zone. */
function viewCondition(v: StatementView, ctx: Ctx) {
  const today = localTodaySql(ctx, 'st.region_code');
  const unpaid = sql`(st.status IN ('billed', 'partly_paid') AND st.net > st.paid)`;
  switch (v) {
    case 'to_issue':
      return sql<boolean>`st.status = 'computed'`;
    case 'awaiting_umkm':
      return sql<boolean>`st.status IN ('issued', 'accepted')`;
    case 'open':
      return sql<boolean>`st.status IN ('accepted', 'billed', 'partly_paid')`;
    case 'overdue':
      return sql<boolean>`(${unpaid} AND ${today} > least(st.due_on, st.legal_due_on))`;
    case 'escalated':
      return sql<boolean>`(${unpaid} AND ${today} > st.legal_due_on)`;
    case 'paid':
      return sql<boolean>`st.status = 'paid'`;
    default:
      return sql<boolean>`st.status <> 'superseded'`;
  }
}

export async function listStatements(
  db: Database,
  ctx: Ctx,
  q: { view: StatementView; agreementId?: string; umkmId?: string; limit: number; offset: number },
) {
  let base = statementQuery(db, ctx).where(viewCondition(q.view, ctx));
  if (q.agreementId) base = base.where('st.agreement_id', '=', q.agreementId);
  if (q.umkmId) base = base.where('st.umkm_id', '=', q.umkmId);
  const rows = (await base
    .orderBy(sql`coalesce(st.due_on, st.period_end + 7)`)
    .orderBy('st.number')
    .limit(q.limit)
    .offset(q.offset)
    .execute()) as unknown as StatementRow[];
  const totals = await db
    .selectFrom('settlement_statements as st')
    .where(statementScope(ctx.actor, 'st'))
    .where(viewCondition(q.view, ctx))
    .$if(!!q.agreementId, (b) => b.where('st.agreement_id', '=', q.agreementId as string))
    .$if(!!q.umkmId, (b) => b.where('st.umkm_id', '=', q.umkmId as string))
    .select([sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(greatest(st.net - st.paid, 0)), 0)`.as('outstanding')])
    .executeTakeFirstOrThrow();
  return { items: rows.map((r) => view(ctx, r)), total: Number(totals.n), outstanding: BigInt(totals.outstanding) };
}

async function findStatement(db: Database, ctx: Ctx, id: string, lock = false): Promise<StatementRow> {
  if (lock) await sql`SELECT 1 FROM settlement_statements WHERE id = ${id} FOR UPDATE`.execute(db);
  const row = (await statementQuery(db, ctx).where('st.id', '=', id).executeTakeFirst()) as unknown as StatementRow | undefined;
  if (!row) throw notFound(STATEMENT);
  return row;
}

export async function getStatement(db: Database, ctx: Ctx, id: string) {
  const r = await findStatement(db, ctx, id);
  const lines = await db
    .selectFrom('settlement_lines as l')
    .leftJoin('outlets as o', 'o.id', 'l.outlet_id')
    .leftJoin('products as p', 'p.id', 'l.product_id')
    .leftJoin('settlement_disputes as d', (j) => j.onRef('d.statement_id', '=', 'l.statement_id').onRef('d.line_no', '=', 'l.line_no'))
    .where('l.statement_id', '=', id)
    .select([
      'l.line_no',
      'l.kind',
      'l.outlet_id',
      'o.name as outlet_name',
      'o.store_code',
      'l.product_id',
      'p.name as product_name',
      'l.qty',
      'l.amount',
      'l.fee_name',
      'l.fee_bp',
      'l.note',
      'l.corrects_line',
      'd.reason as dispute_reason',
    ])
    .orderBy('l.line_no')
    .execute();
  const payments = await db
    .selectFrom('settlement_payments as sp')
    .innerJoin('organizations as o', 'o.id', 'sp.payee_id')
    .where('sp.statement_id', '=', id)
    .select(['sp.id', 'sp.reference', 'sp.amount', 'sp.paid_on', 'sp.payee_id', 'o.name as payee_name', 'sp.created_at'])
    .orderBy('sp.created_at')
    .execute();
  const financing = await db
    .selectFrom('financing_requests')
    .select(['id', 'status'])
    .where('statement_id', '=', id)
    .where('status', '<>', 'withdrawn')
    .executeTakeFirst();
  const base = view(ctx, r);
  return {
    ...base,
    // The early-payment request (seen by its UMKM, the banks it was offered to and an admin).
    financing: financing && (ctx.actor.role === 'umkm' || ctx.actor.role === 'bank' || ctx.actor.role === 'admin') ? financing : null,
    can: {
      ...base.can,
      requestFinancing:
        actsForStatementUmkm(ctx.actor, r) &&
        (r.status === 'accepted' || r.status === 'billed') &&
        r.paid === 0n &&
        r.net > 0n &&
        !financing,
    },
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      kind: l.kind,
      kindLabel: label('statementLineKind', l.kind),
      outletId: l.outlet_id,
      outletName: l.outlet_name,
      storeCode: l.store_code,
      productId: l.product_id,
      productName: l.product_name,
      qty: l.qty,
      amount: l.amount,
      feeName: l.fee_name,
      feeBp: l.fee_bp,
      note: l.note,
      correctsLine: l.corrects_line,
      disputeReason: l.dispute_reason,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      reference: p.reference,
      amount: p.amount,
      paidOn: ds(p.paid_on) as string,
      payeeId: p.payee_id,
      payeeName: p.payee_name,
      recordedAt: iso(p.created_at) as string,
    })),
  };
}

/** The days behind one goods line: what was sold (or received) per day at that outlet, from the facts. */
export async function statementLineDays(db: Database, ctx: Ctx, id: string, lineNo: number) {
  const r = await findStatement(db, ctx, id);
  const line = await db
    .selectFrom('settlement_lines')
    .selectAll()
    .where('statement_id', '=', id)
    .where('line_no', '=', lineNo)
    .executeTakeFirst();
  if (!line) throw notFound({ id: 'Baris rekap', en: 'Statement line' }, 'line');
  if (line.kind !== 'sale' && line.kind !== 'receipt') return { lineNo, days: [] };
  const rows =
    line.kind === 'sale'
      ? await sql<{ day: string; qty: string; amount: string }>`
          SELECT s.sales_date AS day, sum(s.qty) AS qty, sum(s.qty * ap.supplier_price) AS amount
          FROM sales_lines s
          JOIN agreement_versions v ON v.agreement_id = s.agreement_id AND ${inForceSql('v', sql<string>`s.sales_date`)}
          JOIN agreement_products ap ON ap.version_id = v.id AND ap.product_id = s.product_id
          WHERE s.agreement_id = ${r.agreement_id} AND s.outlet_id = ${line.outlet_id} AND s.product_id = ${line.product_id}
            AND s.sales_date BETWEEN ${ds(r.period_start)}::date AND ${ds(r.period_end)}::date
          GROUP BY s.sales_date HAVING sum(s.qty) <> 0 ORDER BY s.sales_date`.execute(db)
      : await sql<{ day: string; qty: string; amount: string }>`
          SELECT gr.received_on AS day, sum(grl.qty_accepted) AS qty, sum(grl.qty_accepted * pol.unit_price) AS amount
          FROM goods_receipts gr JOIN goods_receipt_lines grl ON grl.receipt_id = gr.id
          JOIN delivery_note_lines dl ON dl.id = grl.delivery_line_id JOIN purchase_order_lines pol ON pol.id = dl.order_line_id
          JOIN purchase_orders po ON po.id = pol.order_id
          WHERE po.agreement_id = ${r.agreement_id} AND dl.outlet_id = ${line.outlet_id} AND dl.product_id = ${line.product_id}
            AND gr.received_on BETWEEN ${ds(r.period_start)}::date AND ${ds(r.period_end)}::date AND grl.qty_accepted > 0
          GROUP BY gr.received_on ORDER BY gr.received_on`.execute(db);
  return { lineNo, days: rows.rows.map((d) => ({ day: ds(d.day) as string, qty: Number(d.qty), amount: BigInt(d.amount) })) };
}

// ---- computing ----

/** Computes the statements of every closed period in the window (default: the last three months) that
 *  has none yet, for the actor's chain (an admin: every chain), or one PKS. */
export async function compute(db: Database, ctx: Ctx, input: { agreementId?: string; from?: string; through?: string }) {
  const who = mayComputeFor(ctx.actor);
  notPermittedUnless(who !== null, STATEMENT);
  const yesterday = addDays(localDate(WESTMOST, ctx.now), -1);
  const through = input.through && input.through < yesterday ? input.through : yesterday;
  const from = input.from ?? `${addDays(through, -92).slice(0, 7)}-01`;
  if (from > through)
    throw badRequest('period_invalid', { id: 'Awal periode harus sebelum akhirnya.', en: 'The period must start before it ends.' }, 'from');
  let agreementIds: string[] | null = null;
  if (input.agreementId) {
    const a = await db.selectFrom('agreements').select(['id', 'chain_id', 'kind']).where('id', '=', input.agreementId).executeTakeFirst();
    if (a?.kind !== 'pks' || (who?.chainId && a.chain_id !== who.chainId)) throw notFound({ id: 'PKS', en: 'PKS' }, 'agreementId');
    agreementIds = [a.id];
  } else if (who?.chainId) {
    agreementIds = (
      await db
        .selectFrom('agreements')
        .select('id')
        .where('kind', '=', 'pks')
        .where('chain_id', '=', who.chainId)
        .$if(!!ctx.actor.branchId, (b) =>
          b.where((w) => w.or([w('branch_id', 'is', null), w('branch_id', '=', ctx.actor.branchId as string)])),
        )
        .execute()
    ).map((r) => r.id);
  }
  const ids = await computeStatements(db, { agreementIds, from, through, at: ctx.now, userId: ctx.actor.userId });
  if (ids.length)
    await audit(db, ctx, { action: 'compute', entity: 'settlement_statement', after: { statements: ids.length, from, through } });
  return { computed: ids.length, from, through };
}

// ---- lifecycle ----

function refuse(event: StatementEvent, status: StatementStatus): never {
  throw conflict('statement_state', {
    id: `Rekap berstatus "${label('statementStatus', status).id}" tidak dapat ${EVENT_WORDS[event].id}.`,
    en: `A statement that is "${label('statementStatus', status).en}" cannot be ${EVENT_WORDS[event].en}.`,
  });
}
const EVENT_WORDS: Record<StatementEvent, { id: string; en: string }> = {
  issue: { id: 'diterbitkan', en: 'issued' },
  accept: { id: 'disetujui', en: 'accepted' },
  dispute: { id: 'disanggah', en: 'disputed' },
  correct: { id: 'dikoreksi', en: 'corrected' },
  bill: { id: 'ditagihkan', en: 'billed' },
  pay: { id: 'dibayar', en: 'paid' },
};

async function forEvent(db: Database, ctx: Ctx, id: string, event: StatementEvent, side: 'chain' | 'umkm') {
  const r = await findStatement(db, ctx, id, true);
  const mine = side === 'chain' ? actsForStatementChain(ctx.actor, r) : actsForStatementUmkm(ctx.actor, r);
  notPermittedUnless(mine, STATEMENT);
  if (!allowsEvent(r.status, event)) refuse(event, r.status);
  return r;
}

export async function issue(db: Database, ctx: Ctx, id: string) {
  await forEvent(db, ctx, id, 'issue', 'chain');
  await db
    .updateTable('settlement_statements')
    .set({ status: 'issued', issued_at: ctx.now, issued_by: ctx.actor.userId })
    .where('id', '=', id)
    .execute();
  await audit(db, ctx, { action: 'issue', entity: 'settlement_statement', entityId: id });
  await tellEvent(db, id, 'issued', ctx.now);
  return getStatement(db, ctx, id);
}

/** Posts the journal of each accepted statement (set-wise: used for one or for thousands). */
export async function postAccepted(db: Database, statementIds: string[]) {
  if (!statementIds.length) return;
  const rows = sql`SELECT 'statement:' || st.id || ':accepted' AS key, 'statement_accepted' AS kind,
      coalesce(st.responded_at, st.computed_at)::date AS occurred_on, st.id AS statement_id, st.umkm_district_code AS district_code,
      st.number AS memo, NULL::bigint AS reverses_id, e.owner_id, e.account, e.counterparty_id, e.amount
    FROM settlement_statements st
    CROSS JOIN LATERAL (VALUES ${sql.raw(ACCEPTED_LAYOUT.map((e) => `(st.${e.owner}_id, '${e.account}', st.${e.counterparty}_id, ${e.sign} * st.${e.amount})`).join(', '))}) AS e(owner_id, account, counterparty_id, amount)
    WHERE st.id = ANY(${statementIds}::uuid[])`;
  await postStaged(db, rows);
}

export async function accept(db: Database, ctx: Ctx, id: string) {
  const r = await forEvent(db, ctx, id, 'accept', 'umkm');
  // Nothing owed (fees and deductions ate the goods): agreed is settled.
  const settled = r.net <= 0n;
  await db
    .updateTable('settlement_statements')
    .set({ status: settled ? 'paid' : 'accepted', responded_at: ctx.now, responded_by: ctx.actor.userId, payee_id: r.umkm_id })
    .where('id', '=', id)
    .execute();
  await postAccepted(db, [id]);
  await audit(db, ctx, { action: 'accept', entity: 'settlement_statement', entityId: id });
  await tellEvent(db, id, 'accepted', ctx.now);
  return getStatement(db, ctx, id);
}

export async function dispute(db: Database, ctx: Ctx, id: string, input: { note: string; lines: { lineNo: number; reason: string }[] }) {
  await forEvent(db, ctx, id, 'dispute', 'umkm');
  const known = new Set(
    (await db.selectFrom('settlement_lines').select('line_no').where('statement_id', '=', id).execute()).map((l) => l.line_no),
  );
  const bad = input.lines.findIndex((l) => !known.has(l.lineNo));
  if (bad >= 0)
    throw badRequest(
      'line_unknown',
      { id: 'Baris ini tidak ada di rekap.', en: 'This line is not on the statement.' },
      `lines.${bad}.lineNo`,
    );
  await db
    .updateTable('settlement_statements')
    .set({ status: 'disputed', responded_at: ctx.now, responded_by: ctx.actor.userId, dispute_note: input.note })
    .where('id', '=', id)
    .execute();
  if (input.lines.length)
    await db
      .insertInto('settlement_disputes')
      .values(input.lines.map((l) => ({ statement_id: id, line_no: l.lineNo, reason: l.reason, created_by: ctx.actor.userId })))
      .execute();
  await audit(db, ctx, { action: 'dispute', entity: 'settlement_statement', entityId: id, after: { lines: input.lines.length } });
  await tellEvent(db, id, 'disputed', ctx.now);
  return getStatement(db, ctx, id);
}

/** A dispute is answered by a corrected statement: recomputed from the facts as they stand now (a POS
 *  correction, a stock count), with adjustment lines where the chain agrees a figure; the disputed one is
 *  superseded, never edited. The correction is issued at once. */
export async function correct(
  db: Database,
  ctx: Ctx,
  id: string,
  input: { adjustments: { lineNo: number | null; amount: bigint; note: string }[] },
) {
  const r = await forEvent(db, ctx, id, 'correct', 'chain');
  await db.updateTable('settlement_statements').set({ status: 'superseded' }).where('id', '=', id).execute();
  const [newId] = await computeStatements(db, {
    agreementIds: [r.agreement_id],
    from: ds(r.period_start) as string,
    through: ds(r.period_end) as string,
    corrects: { id: r.id, agreementId: r.agreement_id, periodStart: ds(r.period_start) as string, revision: r.revision, number: r.number },
    adjustments: input.adjustments.map((a) => ({ amount: a.amount, note: a.note, correctsLine: a.lineNo })),
    at: ctx.now,
    userId: ctx.actor.userId,
  });
  await audit(db, ctx, { action: 'correct', entity: 'settlement_statement', entityId: id, after: { correction: newId } });
  await tellEvent(db, newId as string, 'corrected', ctx.now);
  return getStatement(db, ctx, newId as string);
}

/** The UMKM sends her invoice for the accepted statement: the billing documents are complete, and the
 *  payment clock starts (PP 29/2021 Pasal 95: 15 days at most). */
export async function bill(db: Database, ctx: Ctx, id: string, input: { invoiceNumber: string }) {
  const r = await forEvent(db, ctx, id, 'bill', 'umkm');
  const on = localDate(r.region_code, ctx.now);
  const legal = legalDeadline(ds(r.pks_starts_on) as string, on, r.net);
  await db
    .updateTable('settlement_statements')
    .set({
      status: 'billed',
      invoice_number: input.invoiceNumber,
      billing_complete_at: ctx.now,
      billing_complete_on: on,
      due_on: addDays(on, r.payment_term_days),
      legal_due_on: legal?.on ?? null,
    })
    .where('id', '=', id)
    .execute();
  await audit(db, ctx, { action: 'bill', entity: 'settlement_statement', entityId: id, after: { invoiceNumber: input.invoiceNumber } });
  return getStatement(db, ctx, id);
}

/** The chain records a payment (partial ones too) to the statement's payee. The idempotency key makes a
 *  retry a no-op; the same key for another payment is refused. */
export async function pay(
  db: Database,
  ctx: Ctx,
  id: string,
  input: { reference: string; amount: bigint; paidOn: string; idempotencyKey: string },
) {
  const existing = await db
    .selectFrom('settlement_payments')
    .selectAll()
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst();
  if (existing) {
    const same =
      existing.statement_id === id &&
      existing.amount === input.amount &&
      existing.reference === input.reference &&
      ds(existing.paid_on) === input.paidOn;
    if (!same)
      throw conflict(
        'idempotency_key_reused',
        { id: 'Kunci idempotensi ini sudah dipakai untuk pembayaran lain.', en: 'This idempotency key was used for another payment.' },
        'idempotencyKey',
      );
    await findStatement(db, ctx, id);
    return getStatement(db, ctx, id);
  }
  const r = await forEvent(db, ctx, id, 'pay', 'chain');
  const outstanding = r.net - r.paid;
  if (input.amount > outstanding)
    throw badRequest(
      'payment_exceeds',
      {
        id: `Pembayaran melebihi sisa tagihan (Rp${outstanding.toLocaleString('id-ID')}).`,
        en: `The payment exceeds what is outstanding (Rp${outstanding.toLocaleString('en-US')}).`,
      },
      'amount',
    );
  const today = localDate(r.region_code, ctx.now);
  if (input.paidOn > today || (r.billing_complete_on && input.paidOn < (ds(r.period_start) as string)))
    throw badRequest(
      'paid_on_invalid',
      {
        id: 'Tanggal bayar tidak boleh di masa depan atau sebelum periode.',
        en: 'The payment date cannot be in the future or before the period.',
      },
      'paidOn',
    );
  const payee = r.payee_id ?? r.umkm_id;
  const payment = await db
    .insertInto('settlement_payments')
    .values({
      statement_id: id,
      idempotency_key: input.idempotencyKey,
      payee_id: payee,
      reference: input.reference,
      amount: input.amount,
      paid_on: input.paidOn,
      recorded_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const paid = r.paid + input.amount;
  await db
    .updateTable('settlement_statements')
    .set({ paid, status: paid >= r.net ? 'paid' : 'partly_paid', paid_at: paid >= r.net ? ctx.now : null })
    .where('id', '=', id)
    .execute();
  await postJournals(db, [
    {
      key: `payment:${payment.id}`,
      kind: 'payment',
      occurredOn: input.paidOn,
      statementId: id,
      districtCode: r.umkm_district_code,
      memo: input.reference,
      entries: paymentEntries({ chainId: r.chain_id, umkmId: r.umkm_id, payeeId: payee }, input.amount),
    },
  ]);
  await audit(db, ctx, {
    action: 'pay',
    entity: 'settlement_statement',
    entityId: id,
    after: { amount: input.amount, reference: input.reference },
  });
  await tellEvent(db, id, 'paid', ctx.now, payment.id);
  return getStatement(db, ctx, id);
}

// ---- the ledger, read ----

export async function trialBalance(db: Database, ctx: Ctx) {
  const rows = await sql<{
    owner_id: string;
    owner_name: string;
    account: string;
    counterparty_id: string | null;
    counterparty_name: string | null;
    balance: string;
  }>`
    SELECT e.owner_id, o.name AS owner_name, e.account, e.counterparty_id, c.name AS counterparty_name, sum(e.amount) AS balance
    FROM ledger_entries e JOIN ledger_journals lj ON lj.id = e.journal_id
    JOIN organizations o ON o.id = e.owner_id LEFT JOIN organizations c ON c.id = e.counterparty_id
    WHERE ${journalScope(ctx.actor, 'lj')}
    GROUP BY e.owner_id, o.name, e.account, e.counterparty_id, c.name
    ORDER BY o.name, e.account, c.name NULLS FIRST`.execute(db);
  let debit = 0n;
  let credit = 0n;
  const accounts = rows.rows.map((r) => {
    const b = BigInt(r.balance);
    if (b > 0n) debit += b;
    else credit -= b;
    return {
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      account: r.account,
      accountLabel: label('ledgerAccount', r.account),
      counterpartyId: r.counterparty_id,
      counterpartyName: r.counterparty_name,
      debit: b > 0n ? b : 0n,
      credit: b < 0n ? -b : 0n,
    };
  });
  return { debit, credit, accounts };
}

/** A party's statement of account: every entry of its accounts against each counterparty, oldest first,
 *  with the running balance of what it is owed (+) or owes (−). */
export async function accountStatement(db: Database, ctx: Ctx, q: { organizationId?: string; limit: number; offset: number }) {
  const org = q.organizationId ?? ctx.actor.organizationId ?? ctx.actor.chainId;
  if (!org || !mayReadAccountOf(ctx.actor, org)) throw notFound({ id: 'Organisasi', en: 'Organisation' }, 'organizationId');
  const rows = await sql<{
    journal_id: string;
    kind: string;
    occurred_on: string;
    memo: string | null;
    statement_id: string | null;
    number: string | null;
    account: string;
    counterparty_id: string | null;
    counterparty_name: string | null;
    amount: string;
    running: string;
    total: string;
  }>`
    SELECT e.journal_id, lj.kind, lj.occurred_on, lj.memo, lj.statement_id, st.number, e.account, e.counterparty_id, c.name AS counterparty_name, e.amount,
      sum(e.amount) FILTER (WHERE e.account IN ('receivable', 'payable')) OVER (ORDER BY lj.occurred_on, e.id) AS running,
      count(*) OVER () AS total
    FROM ledger_entries e JOIN ledger_journals lj ON lj.id = e.journal_id
    LEFT JOIN settlement_statements st ON st.id = lj.statement_id
    LEFT JOIN organizations c ON c.id = e.counterparty_id
    WHERE e.owner_id = ${org} AND e.account IN ('receivable', 'payable')
    ORDER BY lj.occurred_on, e.id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  return {
    organizationId: org,
    total: Number(rows.rows[0]?.total ?? 0),
    items: rows.rows.map((r) => ({
      journalId: r.journal_id,
      kind: r.kind,
      occurredOn: ds(r.occurred_on) as string,
      memo: r.memo,
      statementId: r.statement_id,
      statementNumber: r.number,
      account: r.account,
      accountLabel: label('ledgerAccount', r.account),
      counterpartyId: r.counterparty_id,
      counterpartyName: r.counterparty_name,
      amount: BigInt(r.amount),
      balance: BigInt(r.running ?? '0'),
    })),
  };
}

// ---- the Dinas's view: payment delays in its region ----

export async function delays(db: Database, ctx: Ctx) {
  const rows = await sql<{
    chain_id: string;
    chain_name: string;
    paid_count: string;
    median_days: string | null;
    open_count: string;
    open_amount: string;
    overdue_count: string;
    overdue_amount: string;
    escalated_count: string;
    escalated_amount: string;
    not_issued: string;
  }>`
    WITH s AS (
      SELECT st.*, ${localTodaySql(ctx, 'st.region_code')} AS today FROM settlement_statements st
      WHERE ${statementScope(ctx.actor, 'st')} AND st.status <> 'superseded'),
    p AS (SELECT sp.statement_id, max(sp.paid_on) AS last_paid FROM settlement_payments sp GROUP BY sp.statement_id)
    SELECT s.chain_id, ch.name AS chain_name,
      count(*) FILTER (WHERE s.status = 'paid' AND s.billing_complete_on IS NOT NULL) AS paid_count,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY (p.last_paid - s.billing_complete_on))
        FILTER (WHERE s.status = 'paid' AND s.billing_complete_on IS NOT NULL) AS median_days,
      count(*) FILTER (WHERE s.status IN ('billed', 'partly_paid')) AS open_count,
      coalesce(sum(s.net - s.paid) FILTER (WHERE s.status IN ('billed', 'partly_paid')), 0) AS open_amount,
      count(*) FILTER (WHERE s.status IN ('billed', 'partly_paid') AND s.today > least(s.due_on, s.legal_due_on)) AS overdue_count,
      coalesce(sum(s.net - s.paid) FILTER (WHERE s.status IN ('billed', 'partly_paid') AND s.today > least(s.due_on, s.legal_due_on)), 0) AS overdue_amount,
      count(*) FILTER (WHERE s.status IN ('billed', 'partly_paid') AND s.today > s.legal_due_on) AS escalated_count,
      coalesce(sum(s.net - s.paid) FILTER (WHERE s.status IN ('billed', 'partly_paid') AND s.today > s.legal_due_on), 0) AS escalated_amount,
      count(*) FILTER (WHERE s.status = 'computed' AND s.today - s.period_end > 7) AS not_issued
    FROM s JOIN organizations ch ON ch.id = s.chain_id LEFT JOIN p ON p.statement_id = s.id
    GROUP BY s.chain_id, ch.name ORDER BY ch.name`.execute(db);
  return {
    chains: rows.rows.map((r) => ({
      chainId: r.chain_id,
      chainName: r.chain_name,
      paidCount: Number(r.paid_count),
      medianDaysToPay: r.median_days === null ? null : Number(r.median_days),
      openCount: Number(r.open_count),
      openAmount: BigInt(r.open_amount),
      overdueCount: Number(r.overdue_count),
      overdueAmount: BigInt(r.overdue_amount),
      escalatedCount: Number(r.escalated_count),
      escalatedAmount: BigInt(r.escalated_amount),
      notIssuedCount: Number(r.not_issued),
    })),
  };
}

/** "Kapan saya dibayar?" — what the actor is owed (a UMKM) or owes (a chain), by aging and what is next. */
export async function summary(db: Database, ctx: Ctx) {
  const open = await listStatements(db, ctx, { view: 'open', limit: 500, offset: 0 });
  const buckets = AGING_BUCKETS.map((b) => ({
    bucket: b,
    label: label('agingBucket', b),
    count: open.items.filter((s) => s.aging === b).length,
    amount: open.items.filter((s) => s.aging === b).reduce((a, s) => a + s.outstanding, 0n),
  }));
  const outstanding = open.items.reduce((a, s) => a + s.outstanding, 0n);
  const next =
    open.items.filter((s) => s.dueOn && !s.overdue).sort((a, b) => (a.dueOn as string).localeCompare(b.dueOn as string))[0] ?? null;
  return {
    outstanding,
    openCount: open.total,
    overdueCount: open.items.filter((s) => s.overdue).length,
    overdueAmount: open.items.filter((s) => s.overdue).reduce((a, s) => a + s.outstanding, 0n),
    escalatedCount: open.items.filter((s) => s.escalated).length,
    awaitingInvoice: open.items.filter((s) => s.status === 'accepted').length,
    next: next ? { id: next.id, number: next.number, dueOn: next.dueOn, outstanding: next.outstanding, chainName: next.chainName } : null,
    buckets,
  };
}
