// Use cases of the order flow (C7): the suggested order, purchase orders (pesanan) and the maker's answer,
// delivery notes (surat jalan) with batches, goods receipts (BPB) posting 'received' stock movements, and
// the service level. Every decision of who may act is a policy function; the rules are pure.
import type { Database } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import {
  mayCancelOrder,
  mayIssueDelivery,
  mayOrderFor,
  mayOrderToDistributionCentre,
  mayRecordReceipt,
  mayRespondToOrder,
} from '../../platform/auth/policy.ts';
import { addDays, localDate } from '../../platform/clock.ts';
import { badRequest, type FieldProblem, invalidFields, notFound, notPermitted } from '../../platform/errors.ts';
import { label } from '../../vocabulary.ts';
import { termsInForce } from '../agreements/agreements.queries.ts';
import {
  answeredStatus,
  documentNumber,
  documentPrefix,
  orderCancellable,
  orderShippable,
  shortOf,
  suggestOrder,
  weekStart,
} from './operations.rules.ts';
import * as store from './operations.store.ts';
import type { OrderStatus, RejectReason } from './operations.tables.ts';

const ORDER = { id: 'Pesanan', en: 'Order' };
const NOTE = { id: 'Surat jalan', en: 'Delivery note' };
const today = (ctx: Ctx, regionCode: string) => localDate(regionCode, ctx.now);
const HISTORY_DAYS = 28;

async function numberFor(db: Database, kind: 'PO' | 'SJ' | 'BPB' | 'RTR', chainCode: string, date: string) {
  const prefix = documentPrefix(kind, chainCode, date.slice(0, 4));
  return documentNumber(prefix, await store.nextNumber(db, prefix));
}

// ---- suggestions ----

export async function suggestions(db: Database, ctx: Ctx, q: { umkmId: string; deliverBy?: string; outletId?: string }) {
  const umkm = await store.findUmkm(db, q.umkmId);
  if (!umkm) throw notFound({ id: 'UMKM', en: 'UMKM' }, 'umkmId');
  const day = today(ctx, umkm.district_code);
  const deliverBy = q.deliverBy ?? addDays(day, 2);
  let outletIds = await store.outletIdsOfActor(db, ctx.actor);
  if (q.outletId) {
    if (!outletIds.includes(q.outletId)) throw notFound({ id: 'Gerai', en: 'Outlet' }, 'outletId');
    outletIds = [q.outletId];
  }
  const placed = await store.placementsFor(db, { umkmId: umkm.id, outletIds, date: day });
  const outlets = await store.outletsByIds(db, [...new Set(placed.map((p) => p.outlet_id))]);
  // Only what a PKS in force covers, at its supplier price.
  const priced: ((typeof placed)[number] & { unitPrice: bigint })[] = [];
  for (const p of placed) {
    const t = await termsInForce(db, { productId: p.product_id, outletId: p.outlet_id, date: day });
    if (t) priced.push({ ...p, unitPrice: t.supplierPrice as bigint });
  }
  const pairIds = { outletIds: [...new Set(priced.map((p) => p.outlet_id))], productIds: [...new Set(priced.map((p) => p.product_id))] };
  const [sold, onHand, open] = await Promise.all([
    store.soldUnits(db, { ...pairIds, from: addDays(day, -HISTORY_DAYS), to: addDays(day, -1) }),
    store.onHandByPair(db, pairIds),
    store.openByPair(db, pairIds),
  ]);
  const week = weekStart(deliverBy);
  const confirmed = await store.confirmedInWeek(db, { umkmId: umkm.id, from: week, to: addDays(week, 6) });
  const left = Math.max(0, umkm.weekly_capacity - confirmed);
  const keyOf = (p: { outlet_id: string; product_id: string }) => `${p.outlet_id}|${p.product_id}`;
  const lines = suggestOrder(
    priced.map((p) => ({
      key: keyOf(p),
      perishable: p.perishable,
      shelfLifeDays: p.shelf_life_days,
      acceptsPerishable: outlets.get(p.outlet_id)?.accepts_perishable ?? false,
      soldUnits: sold.has(keyOf(p)) ? (sold.get(keyOf(p)) as number) : null,
      historyDays: HISTORY_DAYS,
      expectedWeeklyUnits: p.expected_units === null ? null : Number(p.expected_units),
      onHand: onHand.get(keyOf(p)) ?? 0,
      open: open.get(keyOf(p)) ?? 0,
    })),
    left,
  );
  return {
    umkmId: umkm.id,
    umkmName: umkm.name,
    deliverBy,
    capacity: { weekly: umkm.weekly_capacity, confirmed, left },
    lines: priced.map((p, i) => {
      const s = lines[i]!;
      const o = outlets.get(p.outlet_id);
      return {
        outletId: p.outlet_id,
        outletName: o?.name ?? '',
        storeCode: o?.store_code ?? '',
        productId: p.product_id,
        productName: p.product_name,
        perishable: p.perishable,
        velocity: Math.round(s.velocity * 1000) / 1000,
        coverDays: s.coverDays,
        onHand: onHand.get(keyOf(p)) ?? 0,
        open: open.get(keyOf(p)) ?? 0,
        suggested: s.suggested,
        unitPrice: p.unitPrice,
        reasons: s.reasons.map((code) => ({ code, label: label('suggestionReason', code) })),
      };
    }),
  };
}

// ---- orders ----

type OrderRow = store.OrderRow;

function orderCan(ctx: Ctx, o: OrderRow) {
  const remaining = (o.confirmed ?? 0) - o.shipped;
  return {
    respond: mayRespondToOrder(ctx.actor, { umkm_id: o.umkmId, status: o.status }),
    cancel: mayCancelOrder(ctx.actor, {
      chain_id: o.chainId,
      branch_id: o.branchId,
      outlet_id: o.outletId,
      cancellable: orderCancellable(o.status, o.noteCount),
    }),
    issueDelivery: mayIssueDelivery(ctx.actor, { umkm_id: o.umkmId, shippable: orderShippable(o.status, remaining) }),
    receive:
      o.awaitingReceipt > 0 &&
      mayRecordReceipt(ctx.actor, {
        chain_id: o.chainId,
        branch_id: branchOfOutletOrder(o),
        outlet_id: o.deliverTo === 'outlet' ? o.outletId : null,
        status: 'issued',
      }),
  };
}
// Goods to an outlet are received by the outlet's branch (or the head office); a DC's by the ordering branch.
const branchOfOutletOrder = (o: OrderRow) => (o.deliverTo === 'outlet' ? o.outletBranchId : o.branchId);

function orderView(ctx: Ctx, o: OrderRow) {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    chainId: o.chainId,
    chainCode: o.chainCode as 'alfamart',
    chainName: o.chainName,
    branchId: o.branchId,
    branchName: o.branchName,
    orderedByName: o.orderedByName,
    umkmId: o.umkmId,
    umkmName: o.umkmName,
    agreementId: o.agreementId,
    agreementNumber: o.agreementNumber,
    deliverTo: o.deliverTo,
    outletId: o.outletId,
    outletName: o.outletName,
    orderedOn: o.orderedOn,
    deliverBy: o.deliverBy,
    note: o.note,
    declineReason: o.declineReason,
    respondedAt: o.respondedAt,
    createdAt: o.createdAt,
    totals: { lines: o.lineCount, ordered: o.ordered, confirmed: o.confirmed, shipped: o.shipped, accepted: o.accepted, amount: o.amount },
    can: orderCan(ctx, o),
  };
}

export async function listOrders(db: Database, ctx: Ctx, f: store.OrderFilter) {
  const page = await store.listOrders(db, ctx.actor, f);
  return { items: page.items.map((o) => orderView(ctx, o)), total: page.total };
}

async function findOrder(db: Database, ctx: Ctx, id: string) {
  const o = (await store.listOrders(db, ctx.actor, { id, limit: 1, offset: 0 })).items[0];
  if (!o) throw notFound(ORDER);
  return o;
}

export async function getOrder(db: Database, ctx: Ctx, id: string) {
  const o = await findOrder(db, ctx, id);
  const [lines, notes, receipts] = await Promise.all([
    store.orderLines(db, id),
    store.listNotes(db, ctx.actor, { orderId: id, limit: 200, offset: 0 }),
    store.listReceipts(db, ctx.actor, { orderId: id, limit: 200, offset: 0 }),
  ]);
  return {
    ...orderView(ctx, o),
    lines: lines.map(({ outletBranchId: _b, ...l }) => l),
    deliveryNotes: notes.items.map((n) => noteView(ctx, n)),
    receipts: receipts.items,
  };
}

export interface OrderCreate {
  umkmId: string;
  deliverTo: 'outlet' | 'distribution_centre';
  outletId?: string;
  deliverBy: string;
  note?: string;
  lines: { outletId: string; productId: string; qty: number; qtySuggested?: number }[];
}

export async function createOrder(db: Database, ctx: Ctx, input: OrderCreate) {
  const { actor } = ctx;
  const umkm = await store.findUmkm(db, input.umkmId);
  if (!umkm) throw notFound({ id: 'UMKM', en: 'UMKM' }, 'umkmId');
  const outletIds = [...new Set([...input.lines.map((l) => l.outletId), ...(input.outletId ? [input.outletId] : [])])];
  const outlets = await store.outletsByIds(db, outletIds);
  const products = await store.productsByIds(db, [...new Set(input.lines.map((l) => l.productId))]);
  const problems: FieldProblem[] = [];
  const unknownOutlet = { id: 'Gerai tidak dikenal.', en: 'Unknown outlet.' };
  const mine = (id: string) => {
    const o = outlets.get(id);
    return o && mayOrderFor(actor, o) ? o : null;
  };
  if (input.outletId && !mine(input.outletId)) problems.push({ field: 'outletId', message: unknownOutlet });
  if (input.deliverTo === 'distribution_centre' && !mayOrderToDistributionCentre(actor)) {
    problems.push({
      field: 'deliverTo',
      message: {
        id: 'Staf toko memesan untuk tokonya sendiri; pesanan ke pusat distribusi dibuat oleh cabang.',
        en: 'Store staff order for their own store; orders to a distribution centre are made by the branch.',
      },
    });
  }
  const anyOutlet = mine(input.outletId ?? input.lines[0]?.outletId ?? '') ?? [...outlets.values()].find((o) => mayOrderFor(actor, o));
  const orderedOn = today(ctx, anyOutlet?.district_code ?? umkm.district_code);
  if (input.deliverBy < orderedOn) {
    problems.push({
      field: 'deliverBy',
      message: { id: 'Tanggal kirim tidak boleh sebelum hari ini.', en: 'The delivery date must not be before today.' },
    });
  }
  let agreementId: string | null = null;
  const priced: { outletId: string; productId: string; qty: number; qtySuggested: number | null; unitPrice: bigint }[] = [];
  for (const [i, l] of input.lines.entries()) {
    const outlet = mine(l.outletId);
    if (!outlet) {
      problems.push({ field: `lines.${i}.outletId`, message: unknownOutlet });
      continue;
    }
    const product = products.get(l.productId);
    if (!product || product.umkm_id !== umkm.id) {
      problems.push({
        field: `lines.${i}.productId`,
        message: { id: 'Produk bukan milik UMKM ini.', en: 'The product is not this UMKM’s.' },
      });
      continue;
    }
    const t = await termsInForce(db, { productId: l.productId, outletId: l.outletId, date: orderedOn });
    if (!t) {
      problems.push({
        field: `lines.${i}.productId`,
        message: {
          id: `${product.name} tidak tercakup PKS yang berlaku untuk gerai ini.`,
          en: `${product.name} is not under a PKS in force for this outlet.`,
        },
      });
      continue;
    }
    if (agreementId && t.agreementId !== agreementId) {
      problems.push({
        field: `lines.${i}.productId`,
        message: { id: 'Satu pesanan hanya untuk satu PKS.', en: 'One order is made under one PKS only.' },
      });
      continue;
    }
    agreementId = t.agreementId;
    priced.push({
      outletId: l.outletId,
      productId: l.productId,
      qty: l.qty,
      qtySuggested: l.qtySuggested ?? null,
      unitPrice: t.supplierPrice as bigint,
    });
  }
  if (problems.length) throw invalidFields(problems);
  const agreement = await store.agreementFacts(db, agreementId as string);
  if (!agreement || !anyOutlet) throw notFound({ id: 'PKS', en: 'PKS' });
  // A distribution-centre order is the branch's: the ordering branch, or the branch all its outlets share.
  const branches = new Set(priced.map((p) => outlets.get(p.outletId)?.branch_id ?? null));
  const branchId = actor.branchId ?? (branches.size === 1 ? ([...branches][0] ?? null) : null);
  const number = await numberFor(db, 'PO', anyOutlet.chain_code, orderedOn);
  const id = await store.insertOrder(
    db,
    {
      number,
      chainId: anyOutlet.chain_id,
      branchId,
      umkmId: umkm.id,
      agreementId: agreement.id,
      regionCode: agreement.region_code,
      provinceCode: agreement.province_code,
      deliverTo: input.deliverTo,
      outletId: input.deliverTo === 'outlet' ? (input.outletId ?? null) : null,
      orderedOn,
      deliverBy: input.deliverBy,
      note: input.note ?? null,
      createdBy: actor.userId,
    },
    priced,
  );
  await audit(db, ctx, { action: 'create', entity: 'purchase_order', entityId: id, after: { number, lines: priced.length } });
  return getOrder(db, ctx, id);
}

export async function respondToOrder(
  db: Database,
  ctx: Ctx,
  id: string,
  input: { decision: 'confirm' | 'decline'; lines?: { lineId: string; qty: number }[]; reason?: string },
) {
  const o = await findOrder(db, ctx, id);
  const locked = await store.lockOrder(db, id);
  if (!locked || !mayRespondToOrder(ctx.actor, { umkm_id: locked.umkm_id, status: locked.status })) {
    if (ctx.actor.role === 'umkm' && ctx.actor.organizationId === o.umkmId) {
      throw badRequest('order_answered', { id: 'Pesanan ini sudah dijawab.', en: 'This order has already been answered.' }, 'decision');
    }
    throw notPermitted(ORDER);
  }
  if (input.decision === 'decline') {
    await store.answerOrder(db, id, {
      status: 'declined',
      declineReason: input.reason ?? '',
      by: ctx.actor.userId,
      at: ctx.now,
      confirmed: null,
    });
  } else {
    const lines = await store.orderLines(db, id);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const problems: FieldProblem[] = [];
    const confirmed = new Map(lines.map((l) => [l.id, l.qtyOrdered]));
    for (const [i, l] of (input.lines ?? []).entries()) {
      const line = byId.get(l.lineId);
      if (!line) problems.push({ field: `lines.${i}.lineId`, message: { id: 'Baris pesanan tidak dikenal.', en: 'Unknown order line.' } });
      else if (l.qty > line.qtyOrdered) {
        problems.push({
          field: `lines.${i}.qty`,
          message: {
            id: `Tidak boleh melebihi jumlah pesanan (${line.qtyOrdered}).`,
            en: `Must not exceed the quantity ordered (${line.qtyOrdered}).`,
          },
        });
      } else confirmed.set(l.lineId, l.qty);
    }
    if (problems.length) throw invalidFields(problems);
    const status = answeredStatus(lines.map((l) => ({ ordered: l.qtyOrdered, confirmed: confirmed.get(l.id) ?? 0 })));
    await store.answerOrder(db, id, { status, declineReason: null, by: ctx.actor.userId, at: ctx.now, confirmed });
  }
  await audit(db, ctx, { action: input.decision, entity: 'purchase_order', entityId: id, before: { status: o.status } });
  return getOrder(db, ctx, id);
}

export async function cancelOrder(db: Database, ctx: Ctx, id: string, input: { reason: string }) {
  const o = await findOrder(db, ctx, id);
  await store.lockOrder(db, id);
  const fresh = await findOrder(db, ctx, id);
  if (
    !mayCancelOrder(ctx.actor, {
      chain_id: fresh.chainId,
      branch_id: fresh.branchId,
      outlet_id: fresh.outletId,
      cancellable: orderCancellable(fresh.status, fresh.noteCount),
    })
  ) {
    if (ctx.actor.role === 'retailer' && ctx.actor.chainId === o.chainId && !orderCancellable(fresh.status, fresh.noteCount)) {
      throw badRequest(
        'order_not_cancellable',
        {
          id: 'Pesanan tidak dapat dibatalkan lagi (sudah dikirim atau selesai).',
          en: 'The order can no longer be cancelled (shipped or closed).',
        },
        'reason',
      );
    }
    throw notPermitted(ORDER);
  }
  await store.setOrderStatus(db, id, 'cancelled', input.reason);
  await audit(db, ctx, {
    action: 'cancel',
    entity: 'purchase_order',
    entityId: id,
    before: { status: o.status },
    after: { reason: input.reason },
  });
  return getOrder(db, ctx, id);
}

// ---- delivery notes ----

function noteView(ctx: Ctx, n: store.NoteRow) {
  return {
    id: n.id,
    number: n.number,
    orderId: n.orderId,
    orderNumber: n.orderNumber,
    status: n.status,
    umkmId: n.umkmId,
    umkmName: n.umkmName,
    chainCode: n.chainCode as 'alfamart',
    chainName: n.chainName,
    deliverTo: n.deliverTo,
    destinationName: n.destinationName,
    shipOn: n.shipOn,
    createdAt: n.createdAt,
    receiptId: n.receiptId,
    receiptNumber: n.receiptNumber,
    totals: { qty: n.qty, accepted: n.accepted, rejected: n.rejected, short: n.short },
    can: { receive: mayRecordReceipt(ctx.actor, receivingSide(n)) },
  };
}

/** The branch that receives a note: the outlet's branch for goods to an outlet, the ordering branch for a DC. */
const receivingBranch = (n: store.NoteRow) => (n.deliverTo === 'outlet' ? n.outletBranchId : n.orderBranchId);
/** Who receives a note, for mayRecordReceipt: the chain, the receiving branch, and the outlet (none for a DC). */
const receivingSide = (n: store.NoteRow) => ({
  chain_id: n.chainId,
  branch_id: receivingBranch(n),
  outlet_id: n.deliverTo === 'outlet' ? n.orderOutletId : null,
  status: n.status,
});

export async function listNotes(db: Database, ctx: Ctx, f: store.NoteFilter) {
  const page = await store.listNotes(db, ctx.actor, f);
  return { items: page.items.map((n) => noteView(ctx, n)), total: page.total };
}

async function findNote(db: Database, ctx: Ctx, id: string) {
  const n = (await store.listNotes(db, ctx.actor, { id, limit: 1, offset: 0 })).items[0];
  if (!n) throw notFound(NOTE);
  return n;
}

export async function getNote(db: Database, ctx: Ctx, id: string) {
  const n = await findNote(db, ctx, id);
  const lines = await store.noteLines(db, [id]);
  const receipt = n.receiptId
    ? ((await store.listReceipts(db, ctx.actor, { id: n.receiptId, limit: 1, offset: 0 })).items[0] ?? null)
    : null;
  return { ...noteView(ctx, n), lines: lines.map(({ noteId: _n, districtCode: _d, provinceCode: _p, ...l }) => l), receipt };
}

export interface DeliveryCreate {
  shipOn: string;
  lines: { orderLineId: string; qty: number; batchCode: string; producedOn: string; expiresOn?: string }[];
}

export async function issueDelivery(db: Database, ctx: Ctx, orderId: string, input: DeliveryCreate) {
  await findOrder(db, ctx, orderId);
  await store.lockOrder(db, orderId);
  const o = await findOrder(db, ctx, orderId);
  const remaining = (o.confirmed ?? 0) - o.shipped;
  if (!mayIssueDelivery(ctx.actor, { umkm_id: o.umkmId, shippable: orderShippable(o.status, remaining) })) {
    if (ctx.actor.role === 'umkm' && ctx.actor.organizationId === o.umkmId) {
      throw badRequest(
        'order_not_shippable',
        {
          id: 'Pesanan ini belum dikonfirmasi atau sudah terkirim seluruhnya.',
          en: 'This order is not confirmed or already fully shipped.',
        },
        'lines',
      );
    }
    throw notPermitted(ORDER);
  }
  const lines = await store.orderLines(db, orderId);
  const byId = new Map(lines.map((l) => [l.id, l]));
  const problems: FieldProblem[] = [];
  const planned = new Map<string, number>();
  const batchDates = new Map<string, { producedOn: string; expiresOn: string }>();
  const resolved: {
    orderLineId: string;
    outletId: string;
    productId: string;
    qty: number;
    code: string;
    producedOn: string;
    expiresOn: string;
  }[] = [];
  for (const [i, l] of input.lines.entries()) {
    const line = byId.get(l.orderLineId);
    if (!line) {
      problems.push({ field: `lines.${i}.orderLineId`, message: { id: 'Baris pesanan tidak dikenal.', en: 'Unknown order line.' } });
      continue;
    }
    const left = (line.qtyConfirmed ?? 0) - line.qtyShipped - (planned.get(line.id) ?? 0);
    if (l.qty > left) {
      problems.push({
        field: `lines.${i}.qty`,
        message: {
          id: `Melebihi sisa yang dikonfirmasi dan belum dikirim (${Math.max(0, left)}).`,
          en: `More than the confirmed quantity still to ship (${Math.max(0, left)}).`,
        },
      });
      continue;
    }
    planned.set(line.id, (planned.get(line.id) ?? 0) + l.qty);
    const expiresOn = l.expiresOn ?? addDays(l.producedOn, line.shelfLifeDays);
    if (l.producedOn > input.shipOn) {
      problems.push({
        field: `lines.${i}.producedOn`,
        message: { id: 'Tanggal produksi tidak boleh setelah tanggal kirim.', en: 'The production date must not be after the ship date.' },
      });
      continue;
    }
    // One batch code, one set of dates: within this note and against what is stored.
    const key = `${line.productId}|${l.batchCode}`;
    const seen =
      batchDates.get(key) ??
      (await store
        .findBatch(db, line.productId, l.batchCode)
        .then((b) => (b ? { producedOn: b.produced_on, expiresOn: b.expires_on } : undefined)));
    if (seen && (seen.producedOn !== l.producedOn || seen.expiresOn !== expiresOn)) {
      problems.push({
        field: `lines.${i}.batchCode`,
        message: {
          id: `Batch ${l.batchCode} sudah tercatat dengan tanggal produksi/kedaluwarsa lain.`,
          en: `Batch ${l.batchCode} is already recorded with other production/expiry dates.`,
        },
      });
      continue;
    }
    batchDates.set(key, { producedOn: l.producedOn, expiresOn });
    resolved.push({
      orderLineId: line.id,
      outletId: line.outletId,
      productId: line.productId,
      qty: l.qty,
      code: l.batchCode,
      producedOn: l.producedOn,
      expiresOn,
    });
  }
  if (problems.length) throw invalidFields(problems);
  const withBatches: { orderLineId: string; outletId: string; productId: string; batchId: string; qty: number }[] = [];
  for (const r of resolved) {
    const batchId = await store.insertBatch(db, {
      productId: r.productId,
      umkmId: o.umkmId,
      code: r.code,
      producedOn: r.producedOn,
      expiresOn: r.expiresOn,
    });
    if (!batchId) throw new Error('batch not stored');
    withBatches.push({ orderLineId: r.orderLineId, outletId: r.outletId, productId: r.productId, batchId, qty: r.qty });
  }
  const number = await numberFor(db, 'SJ', o.chainCode, input.shipOn);
  const agreement = await store.agreementFacts(db, o.agreementId);
  const id = await store.insertDeliveryNote(
    db,
    {
      number,
      orderId,
      umkmId: o.umkmId,
      chainId: o.chainId,
      provinceCode: agreement?.province_code ?? '',
      shipOn: input.shipOn,
      createdBy: ctx.actor.userId,
    },
    withBatches,
  );
  await audit(db, ctx, { action: 'create', entity: 'delivery_note', entityId: id, after: { number, orderId, lines: withBatches.length } });
  return getNote(db, ctx, id);
}

// ---- receipts (BPB) ----

export interface ReceiptCreate {
  receivedOn?: string;
  note?: string;
  lines: { deliveryLineId: string; accepted: number; rejected?: number; rejectReason?: RejectReason }[];
}

export async function recordReceipt(db: Database, ctx: Ctx, noteId: string, input: ReceiptCreate) {
  await findNote(db, ctx, noteId);
  await store.lockNote(db, noteId);
  const n = await findNote(db, ctx, noteId);
  if (!mayRecordReceipt(ctx.actor, receivingSide(n))) {
    if (ctx.actor.role === 'retailer' && ctx.actor.chainId === n.chainId && n.status !== 'issued') {
      throw badRequest(
        'note_received',
        { id: 'Surat jalan ini sudah diterima.', en: 'This delivery note has already been received.' },
        'lines',
      );
    }
    throw notPermitted(NOTE);
  }
  const lines = await store.noteLines(db, [noteId]);
  const byId = new Map(lines.map((l) => [l.id, l]));
  const problems: FieldProblem[] = [];
  const answered = new Set<string>();
  const rows: { deliveryLineId: string; accepted: number; rejected: number; rejectReason: RejectReason | null }[] = [];
  for (const [i, l] of input.lines.entries()) {
    const line = byId.get(l.deliveryLineId);
    if (!line || answered.has(l.deliveryLineId)) {
      problems.push({
        field: `lines.${i}.deliveryLineId`,
        message: line
          ? { id: 'Baris ini sudah dijawab di atas.', en: 'This line is already answered above.' }
          : { id: 'Baris surat jalan tidak dikenal.', en: 'Unknown delivery line.' },
      });
      continue;
    }
    answered.add(l.deliveryLineId);
    const rejected = l.rejected ?? 0;
    if (shortOf({ delivered: line.qty, accepted: l.accepted, rejected }) < 0) {
      problems.push({
        field: `lines.${i}.accepted`,
        message: {
          id: `Diterima ditambah ditolak melebihi jumlah dikirim (${line.qty}).`,
          en: `Accepted plus rejected exceeds the quantity delivered (${line.qty}).`,
        },
      });
      continue;
    }
    rows.push({
      deliveryLineId: l.deliveryLineId,
      accepted: l.accepted,
      rejected,
      rejectReason: rejected > 0 ? (l.rejectReason ?? null) : null,
    });
  }
  const missing = lines.filter((l) => !answered.has(l.id));
  if (missing.length) {
    problems.push({
      field: 'lines',
      message: {
        id: `Setiap baris surat jalan harus dijawab (${missing.length} belum).`,
        en: `Every delivery line must be answered (${missing.length} not yet).`,
      },
    });
  }
  const first = lines[0];
  const todayThere = today(ctx, first?.districtCode ?? n.regionCode);
  const receivedOn = input.receivedOn ?? todayThere;
  if (receivedOn > todayThere) {
    problems.push({
      field: 'receivedOn',
      message: { id: 'Tanggal terima tidak boleh setelah hari ini.', en: 'The receipt date must not be after today.' },
    });
  }
  if (receivedOn < n.shipOn) {
    problems.push({
      field: 'receivedOn',
      message: { id: 'Tanggal terima tidak boleh sebelum tanggal kirim.', en: 'The receipt date must not be before the ship date.' },
    });
  }
  if (problems.length) throw invalidFields(problems);
  const number = await numberFor(db, 'BPB', n.chainCode, receivedOn);
  const receiptId = await store.insertReceipt(
    db,
    {
      number,
      noteId,
      chainId: n.chainId,
      umkmId: n.umkmId,
      provinceCode: first?.provinceCode ?? '',
      receivedOn,
      note: input.note ?? null,
      by: ctx.actor.userId,
    },
    rows,
  );
  await store.insertMovements(
    db,
    rows.map((r) => {
      const line = byId.get(r.deliveryLineId)!;
      return {
        outletId: line.outletId,
        productId: line.productId,
        batchId: line.batchId,
        umkmId: n.umkmId,
        chainId: n.chainId,
        provinceCode: line.provinceCode,
        districtCode: line.districtCode,
        kind: 'received' as const,
        qty: r.accepted,
        occurredOn: receivedOn,
        source: 'receipt' as const,
        sourceId: receiptId,
        createdBy: ctx.actor.userId,
      };
    }),
  );
  // Everything confirmed shipped and every note received: the order is delivered.
  const o = await findOrder(db, { ...ctx, actor: { ...ctx.actor, role: 'admin' } }, n.orderId);
  if ((o.status === 'confirmed' || o.status === 'partly_confirmed') && o.shipped >= (o.confirmed ?? 0) && o.awaitingReceipt === 0) {
    await store.setOrderStatus(db, o.id, 'delivered' satisfies OrderStatus);
  }
  await audit(db, ctx, { action: 'create', entity: 'goods_receipt', entityId: receiptId, after: { number, noteId } });
  return getNote(db, ctx, noteId);
}

export async function listReceipts(db: Database, ctx: Ctx, f: { umkmId?: string; limit: number; offset: number }) {
  return store.listReceipts(db, ctx.actor, f);
}

// ---- service level ----

/** Received ÷ ordered and ÷ confirmed (none when nothing was ordered or confirmed). */
const rates = <T extends { ordered: number; confirmed: number; received: number }>(r: T) => ({
  ...r,
  ofOrdered: r.ordered > 0 ? r.received / r.ordered : null,
  ofConfirmed: r.confirmed > 0 ? r.received / r.confirmed : null,
});

export async function serviceLevel(
  db: Database,
  ctx: Ctx,
  q: { by: 'umkm' | 'outlet'; from?: string; to?: string; limit: number; offset: number },
) {
  const to = q.to ?? today(ctx, ctx.actor.regionCode ?? '31');
  const from = q.from ?? addDays(to, -27);
  if (from > to)
    throw badRequest('period_invalid', { id: 'Awal periode harus sebelum akhirnya.', en: 'The period must start before it ends.' }, 'from');
  const page = await store.serviceLevel(db, ctx.actor, { by: q.by, from, to, limit: q.limit, offset: q.offset });
  return { by: q.by, from, to, total: page.total, all: rates(page.all), rows: page.rows.map(rates) };
}
