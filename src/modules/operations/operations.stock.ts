// Use cases of consignment stock (C7): the ledger read (on hand per outlet × product × batch, movements),
// POS sales drawn from it first-expiry-first-out (applySalesToStock, called by the sales import in its own
// transaction), stock counts (stock opname), expiry write-offs, returns to the maker (nota retur) and their
// pickup, and reconciliation per PKS and period. The ledger is appended to, never edited.
import type { Database } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { mayRecordPickup, mayWriteStock, staffOutletOf } from '../../platform/auth/policy.ts';
import { addDays, daysBetween, localDate } from '../../platform/clock.ts';
import { badRequest, type FieldProblem, invalidFields, notFound, notPermitted } from '../../platform/errors.ts';
import { label } from '../../vocabulary.ts';
import { getAgreement } from '../agreements/agreements.service.ts';
import { allocateFefo, documentNumber, documentPrefix, identityHolds, lossBearer, stockOwner } from './operations.rules.ts';
import * as store from './operations.store.ts';
import type { ReturnReason } from './operations.tables.ts';
import type { VarianceKind } from './operations.vocabulary.ts';

const OUTLET = { id: 'Gerai', en: 'Outlet' };
const RETURN = { id: 'Nota retur', en: 'Return note' };
/** Pickup window for perishables when the PKS names none. */
const DEFAULT_PICKUP_HOURS = 24;

/**
 * Posts the 'sold' movements of one sales import (source 'sales', source_id importId): net quantity per
 * outlet × product × sales day, drawn first-expiry-first-out from batches on hand that had not expired
 * before that day; what finds no batch is one flagged variance without a batch; a negative net (till
 * returns) goes back to the batch last drawn. Set-based SQL, one statement per sales day of the import;
 * a second call for the same import posts nothing. Call inside the import's transaction, after its rows
 * are in sales_lines (or with their nets).
 */
export async function applySalesToStock(
  db: Database,
  importId: string,
  /** A temporary table of the import's net per outlet × product × day (columns sales_date, outlet_id,
   *  product_id, chain_id, umkm_id, province_code, district_code, net), when the caller has it: the lines
   *  are then not read back from sales_lines. */
  nets?: { table: string },
): Promise<{ variances: number }> {
  return { variances: await store.postSales(db, importId, nets?.table) };
}

async function outletForWrite(db: Database, ctx: Ctx, outletId: string) {
  const outlet = (await store.outletsByIds(db, [outletId])).get(outletId);
  if (!outlet || !mayWriteStock(ctx.actor, outlet)) throw notFound(OUTLET, 'outletId');
  return outlet;
}

// ---- reads ----

export async function listStock(
  db: Database,
  ctx: Ctx,
  f: { outletId?: string; productId?: string; umkmId?: string; limit: number; offset: number },
) {
  const page = await store.listStock(db, ctx.actor, f);
  const outlets = await store.outletsByIds(db, [...new Set(page.rows.map((r) => r.outletId))]);
  return {
    items: page.rows.map(({ tradeModel, districtCode: _d, ...r }) => {
      const o = outlets.get(r.outletId);
      const todayThere = localDate(o?.district_code ?? '31', ctx.now);
      return {
        id: `${r.outletId}|${r.productId}|${r.batchId}`,
        ...r,
        daysLeft: r.expiresOn ? daysBetween(todayThere, r.expiresOn) : null,
        owner: stockOwner(tradeModel),
      };
    }),
    total: page.total,
  };
}

export async function listMovements(
  db: Database,
  ctx: Ctx,
  f: { outletId?: string; productId?: string; batchId?: string; limit: number; offset: number },
) {
  return store.listMovements(db, ctx.actor, f);
}

// ---- stock counts (stock opname) ----

export async function recordStockCount(
  db: Database,
  ctx: Ctx,
  input: { outletId: string; countedOn?: string; note?: string; lines: { productId: string; batchId?: string; counted: number }[] },
) {
  const outlet = await outletForWrite(db, ctx, input.outletId);
  const todayThere = localDate(outlet.district_code, ctx.now);
  const countedOn = input.countedOn ?? todayThere;
  const stock = await store.batchStockAt(db, outlet.id);
  const problems: FieldProblem[] = [];
  if (countedOn > todayThere) {
    problems.push({
      field: 'countedOn',
      message: { id: 'Tanggal stock opname tidak boleh setelah hari ini.', en: 'The count date must not be after today.' },
    });
  }
  const lines: { productId: string; batchId: string | null; expected: number; counted: number }[] = [];
  const moves: { productId: string; batchId: string; umkmId: string; qty: number }[] = [];
  const seen = new Set<string>();
  for (const [i, l] of input.lines.entries()) {
    const key = `${l.productId}|${l.batchId ?? ''}`;
    if (seen.has(key)) {
      problems.push({
        field: `lines.${i}.productId`,
        message: { id: 'Baris ini sudah ada di atas.', en: 'This line is already listed above.' },
      });
      continue;
    }
    seen.add(key);
    const batches = stock.filter((b) => b.productId === l.productId && (!l.batchId || b.batchId === l.batchId));
    if (!batches.length) {
      problems.push({
        field: l.batchId ? `lines.${i}.batchId` : `lines.${i}.productId`,
        message: { id: 'Tidak pernah ada stok barang ini di gerai ini.', en: 'This outlet never held stock of this item.' },
      });
      continue;
    }
    const expected = batches.reduce((a, b) => a + b.onHand, 0);
    lines.push({ productId: l.productId, batchId: l.batchId ?? null, expected, counted: l.counted });
    let diff = l.counted - expected;
    if (diff === 0) continue;
    if (l.batchId) {
      moves.push({ productId: l.productId, batchId: l.batchId, umkmId: batches[0]!.umkmId, qty: diff });
    } else if (diff < 0) {
      // Counted without a batch, fewer than the ledger: the missing units leave the earliest-expiring batches.
      const { draws } = allocateFefo(batches, -diff, '0000-01-01');
      for (const d of draws) moves.push({ productId: l.productId, batchId: d.batchId, umkmId: batches[0]!.umkmId, qty: -d.qty });
    } else {
      // More than the ledger: the surplus joins the latest-expiring batch.
      const last = batches[batches.length - 1]!;
      moves.push({ productId: l.productId, batchId: last.batchId, umkmId: last.umkmId, qty: diff });
      diff = 0;
    }
  }
  if (problems.length) throw invalidFields(problems);
  const id = await store.insertStockCount(
    db,
    { outletId: outlet.id, chainId: outlet.chain_id, countedOn, note: input.note ?? null, by: ctx.actor.userId },
    lines,
  );
  const posted = await store.insertMovements(
    db,
    moves.map((m) => ({
      outletId: outlet.id,
      productId: m.productId,
      batchId: m.batchId,
      umkmId: m.umkmId,
      chainId: outlet.chain_id,
      provinceCode: outlet.province_code,
      districtCode: outlet.district_code,
      kind: 'counted' as const,
      qty: m.qty,
      occurredOn: countedOn,
      source: 'count' as const,
      sourceId: id,
      createdBy: ctx.actor.userId,
    })),
  );
  await audit(db, ctx, {
    action: 'create',
    entity: 'stock_count',
    entityId: id,
    after: { outletId: outlet.id, lines: lines.length, movements: posted },
  });
  return {
    id,
    outletId: outlet.id,
    countedOn,
    lines: lines.map((l) => ({ ...l, difference: l.counted - l.expected })),
    movements: posted,
  };
}

// ---- expiry write-offs ----

/** What a write-off at the outlet would take out today: every batch on hand past its expiry date (in the
 *  outlet's own zone), with who bears the loss under its PKS. The same list the write-off posts. */
async function expiredAt(db: Database, ctx: Ctx, outletId: string) {
  const outlet = await outletForWrite(db, ctx, outletId);
  const on = localDate(outlet.district_code, ctx.now);
  const stock = (await store.batchStockAt(db, outlet.id)).filter((b) => b.expiresOn < on && b.onHand > 0);
  const writtenOff: {
    productId: string;
    productName: string;
    batchId: string;
    batchCode: string;
    expiresOn: string;
    qty: number;
    borneBy: 'umkm' | 'chain';
  }[] = [];
  for (const b of stock) {
    const agreementId = await store.agreementOfBatch(db, outlet.id, b.batchId);
    const terms = agreementId ? await store.lossTermsOf(db, agreementId, on) : null;
    const borneBy = lossBearer('written_off', {
      unsoldGoods: terms?.unsold_goods ?? null,
      expiredGoodsBorneBy: terms?.expired_goods_borne_by ?? null,
    });
    writtenOff.push({
      productId: b.productId,
      productName: b.productName,
      batchId: b.batchId,
      batchCode: b.batchCode,
      expiresOn: b.expiresOn,
      qty: b.onHand,
      borneBy,
    });
  }
  return { outlet, on, stock, writtenOff, total: writtenOff.reduce((a, w) => a + w.qty, 0) };
}

/** The write-off's preview: exactly what POST /api/operations/expiries would take out now, posting nothing. */
export async function previewExpired(db: Database, ctx: Ctx, input: { outletId: string }) {
  const { outlet, on, writtenOff, total } = await expiredAt(db, ctx, input.outletId);
  return { outletId: outlet.id, on, writtenOff, total };
}

export async function writeOffExpired(db: Database, ctx: Ctx, input: { outletId: string }) {
  const { outlet, on, stock, writtenOff } = await expiredAt(db, ctx, input.outletId);
  const sourceId = `${outlet.id}:${on}`;
  await store.insertMovements(
    db,
    writtenOff.map((w) => ({
      outletId: outlet.id,
      productId: w.productId,
      batchId: w.batchId,
      umkmId: stock.find((s) => s.batchId === w.batchId)!.umkmId,
      chainId: outlet.chain_id,
      provinceCode: outlet.province_code,
      districtCode: outlet.district_code,
      kind: 'expired' as const,
      qty: -w.qty,
      occurredOn: on,
      source: 'expiry' as const,
      sourceId,
      createdBy: ctx.actor.userId,
    })),
  );
  if (writtenOff.length)
    await audit(db, ctx, { action: 'write_off', entity: 'stock', entityId: outlet.id, after: { batches: writtenOff.length } });
  return { outletId: outlet.id, on, writtenOff, total: writtenOff.reduce((a, w) => a + w.qty, 0) };
}

// ---- returns (nota retur) ----

function returnView(ctx: Ctx, r: store.ReturnRow) {
  return {
    id: r.id,
    number: r.number,
    outletId: r.outletId,
    outletName: r.outletName,
    districtCode: r.districtCode,
    chainName: r.chainName,
    umkmId: r.umkmId,
    umkmName: r.umkmName,
    agreementId: r.agreementId,
    reason: r.reason,
    borneBy: r.borneBy,
    returnedOn: r.returnedOn,
    pickupDueAt: r.pickupDueAt,
    pickedUpAt: r.pickedUpAt,
    overdue: r.pickupDueAt !== null && r.pickedUpAt === null && Date.parse(r.pickupDueAt) < ctx.now.getTime(),
    note: r.note,
    createdAt: r.createdAt,
    qty: r.qty,
    can: {
      pickup: mayRecordPickup(ctx.actor, {
        chain_id: r.chainId,
        outlet_id: r.outletId,
        outlet_branch_id: r.outletBranchId,
        umkm_id: r.umkmId,
        picked_up: r.pickedUpAt !== null,
      }),
    },
  };
}

export async function listReturns(db: Database, ctx: Ctx, f: { outletId?: string; limit: number; offset: number }) {
  const page = await store.listReturns(db, ctx.actor, f);
  return { items: page.items.map((r) => returnView(ctx, r)), total: page.total };
}

export async function getReturn(db: Database, ctx: Ctx, id: string) {
  const r = (await store.listReturns(db, ctx.actor, { id, limit: 1, offset: 0 })).items[0];
  if (!r) throw notFound(RETURN);
  return { ...returnView(ctx, r), lines: await store.returnLines(db, id) };
}

export async function createReturn(
  db: Database,
  ctx: Ctx,
  input: { outletId: string; reason: ReturnReason; note?: string; lines: { batchId: string; qty: number }[] },
) {
  const outlet = await outletForWrite(db, ctx, input.outletId);
  const on = localDate(outlet.district_code, ctx.now);
  const stock = await store.batchStockAt(db, outlet.id);
  const byBatch = new Map(stock.map((b) => [b.batchId, b]));
  const problems: FieldProblem[] = [];
  let umkmId: string | null = null;
  let agreementId: string | null = null;
  for (const [i, l] of input.lines.entries()) {
    const b = byBatch.get(l.batchId);
    if (!b || b.onHand <= 0) {
      problems.push({
        field: `lines.${i}.batchId`,
        message: { id: 'Batch ini tidak ada stoknya di gerai ini.', en: 'No stock of this batch at this outlet.' },
      });
      continue;
    }
    if (l.qty > b.onHand) {
      problems.push({
        field: `lines.${i}.qty`,
        message: { id: `Melebihi stok batch ini (${b.onHand}).`, en: `More than the stock of this batch (${b.onHand}).` },
      });
      continue;
    }
    const a = await store.agreementOfBatch(db, outlet.id, l.batchId);
    if ((umkmId && b.umkmId !== umkmId) || (agreementId && a !== agreementId)) {
      problems.push({
        field: `lines.${i}.batchId`,
        message: { id: 'Satu nota retur hanya untuk satu UMKM dan satu PKS.', en: 'One return note is for one UMKM and one PKS.' },
      });
      continue;
    }
    umkmId = b.umkmId;
    agreementId = a;
  }
  if (!problems.length && !agreementId) {
    problems.push({
      field: 'lines.0.batchId',
      message: { id: 'Batch ini tidak diterima melalui PKS.', en: 'This batch did not arrive under a PKS.' },
    });
  }
  if (problems.length) throw invalidFields(problems);
  const terms = await store.lossTermsOf(db, agreementId as string, on);
  const borneBy = lossBearer(input.reason, {
    unsoldGoods: terms?.unsold_goods ?? null,
    expiredGoodsBorneBy: terms?.expired_goods_borne_by ?? null,
  });
  const perishable = input.lines.some((l) => byBatch.get(l.batchId)?.perishable);
  const pickupDueAt = perishable
    ? new Date(ctx.now.getTime() + (terms?.perishable_pickup_hours ?? DEFAULT_PICKUP_HOURS) * 3_600_000)
    : null;
  const prefix = documentPrefix('RTR', outlet.chain_code, on.slice(0, 4));
  const number = documentNumber(prefix, await store.nextNumber(db, prefix));
  const lines = input.lines.map((l) => ({ productId: byBatch.get(l.batchId)!.productId, batchId: l.batchId, qty: l.qty }));
  const id = await store.insertReturn(
    db,
    {
      number,
      outletId: outlet.id,
      chainId: outlet.chain_id,
      umkmId: umkmId as string,
      agreementId: agreementId as string,
      provinceCode: outlet.province_code,
      districtCode: outlet.district_code,
      reason: input.reason,
      borneBy,
      returnedOn: on,
      pickupDueAt,
      note: input.note ?? null,
      by: ctx.actor.userId,
    },
    lines,
  );
  await store.insertMovements(
    db,
    lines.map((l) => ({
      outletId: outlet.id,
      productId: l.productId,
      batchId: l.batchId,
      umkmId: umkmId as string,
      chainId: outlet.chain_id,
      provinceCode: outlet.province_code,
      districtCode: outlet.district_code,
      kind: 'returned' as const,
      qty: -l.qty,
      occurredOn: on,
      source: 'return' as const,
      sourceId: id,
      createdBy: ctx.actor.userId,
    })),
  );
  await audit(db, ctx, { action: 'create', entity: 'return_note', entityId: id, after: { number, reason: input.reason, borneBy } });
  return getReturn(db, ctx, id);
}

export async function recordPickup(db: Database, ctx: Ctx, id: string) {
  const r = (await store.listReturns(db, ctx.actor, { id, limit: 1, offset: 0 })).items[0];
  if (!r) throw notFound(RETURN);
  const may = mayRecordPickup(ctx.actor, {
    chain_id: r.chainId,
    outlet_id: r.outletId,
    outlet_branch_id: r.outletBranchId,
    umkm_id: r.umkmId,
    picked_up: r.pickedUpAt !== null,
  });
  if (!may) {
    if (r.pickedUpAt !== null)
      throw badRequest('already_picked_up', { id: 'Retur ini sudah diambil.', en: 'This return has already been picked up.' });
    throw notPermitted(RETURN);
  }
  await store.recordPickup(db, id, ctx.now, ctx.actor.userId);
  await audit(db, ctx, { action: 'pickup', entity: 'return_note', entityId: id });
  return getReturn(db, ctx, id);
}

// ---- reconciliation ----

export async function reconciliation(db: Database, ctx: Ctx, q: { agreementId: string; from?: string; to?: string }) {
  // The PKS as this actor may see it (404 otherwise), through the agreements module.
  const visible = await getAgreement(db, ctx, q.agreementId);
  const a = await store.agreementFacts(db, q.agreementId);
  if (a?.kind !== 'pks' || !a.umkm_id) throw notFound({ id: 'PKS', en: 'PKS' }, 'agreementId');
  const to = q.to ?? localDate(a.region_code, ctx.now);
  const from = q.from ?? addDays(to, -27);
  if (from > to)
    throw badRequest('period_invalid', { id: 'Awal periode harus sebelum akhirnya.', en: 'The period must start before it ends.' }, 'from');
  const facts = await store.reconciliationFlows(
    db,
    { id: a.id, chain_id: a.chain_id, branch_id: a.branch_id, umkm_id: a.umkm_id },
    from,
    to,
    staffOutletOf(ctx.actor),
  );
  const key = (r: { outletId: string; productId: string }) => `${r.outletId}|${r.productId}`;
  const rows = new Map(facts.flows.map((f) => [key(f), { ...f, delivered: 0, rejected: 0, short: 0 }]));
  const variances: {
    kind: VarianceKind;
    outletId: string;
    productId: string;
    batchId: string | null;
    qty: number;
    occurredOn: string;
    sourceId: string;
  }[] = [];
  for (const r of facts.receipts) {
    let row = rows.get(key(r));
    if (!row) {
      row = {
        outletId: r.outletId,
        outletName: '',
        productId: r.productId,
        productName: '',
        opening: 0,
        received: 0,
        sold: 0,
        returned: 0,
        expired: 0,
        counted: 0,
        closing: 0,
        delivered: 0,
        rejected: 0,
        short: 0,
      };
      rows.set(key(r), row);
    }
    const short = r.qty - r.accepted - r.rejected;
    row.delivered += r.qty;
    row.rejected += r.rejected;
    row.short += short;
    if (short > 0)
      variances.push({
        kind: 'receipt_short',
        outletId: r.outletId,
        productId: r.productId,
        batchId: r.batchId,
        qty: short,
        occurredOn: r.receivedOn,
        sourceId: r.receiptId,
      });
    if (r.rejected > 0)
      variances.push({
        kind: 'receipt_rejected',
        outletId: r.outletId,
        productId: r.productId,
        batchId: r.batchId,
        qty: r.rejected,
        occurredOn: r.receivedOn,
        sourceId: r.receiptId,
      });
  }
  for (const v of facts.variances) {
    variances.push({
      kind: v.kind === 'counted' ? 'count_difference' : 'sale_without_delivery',
      outletId: v.outletId,
      productId: v.productId,
      batchId: v.batchId,
      qty: v.kind === 'counted' ? v.qty : -v.qty,
      occurredOn: v.occurredOn,
      sourceId: v.sourceId,
    });
  }
  // Rows only a receipt made (nothing accepted, so no movement) get their names here.
  const unnamed = [...rows.values()].filter((r) => !r.outletName);
  const outletNames = await store.outletsByIds(db, [...new Set(unnamed.map((r) => r.outletId))]);
  const productNames = await store.productsByIds(db, [...new Set(unnamed.map((r) => r.productId))]);
  const list = [...rows.values()].map((r) => ({
    ...r,
    outletName: r.outletName || outletNames.get(r.outletId)?.name || '',
    productName: r.productName || productNames.get(r.productId)?.name || '',
  }));
  const sum = (k: keyof (typeof list)[number]) => list.reduce((acc, r) => acc + (r[k] as number), 0);
  const totals = {
    opening: sum('opening'),
    received: sum('received'),
    sold: sum('sold'),
    returned: sum('returned'),
    expired: sum('expired'),
    counted: sum('counted'),
    closing: sum('closing'),
    delivered: sum('delivered'),
    rejected: sum('rejected'),
    short: sum('short'),
  };
  variances.sort((x, y) => x.occurredOn.localeCompare(y.occurredOn) || x.kind.localeCompare(y.kind));
  return {
    agreementId: a.id,
    agreementNumber: visible.number ?? a.number,
    from,
    to,
    rows: list,
    totals,
    identityHolds: list.every(identityHolds) && identityHolds(totals),
    variances: variances.map((v) => ({ ...v, label: label('varianceKind', v.kind) })),
  };
}
