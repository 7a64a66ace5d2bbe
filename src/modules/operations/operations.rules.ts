// Pure rules of operations after the shelf door (C7) — no I/O: document numbers (pesanan PO/…, surat jalan
// SJ/…, BPB/…, nota retur RTR/…), the suggested order (velocity × days of cover − stock − open orders,
// capped by shelf life and the maker's weekly capacity), order answers, receipt differences, who bears a
// loss and who owns stock, first-expiry-first-out allocation, and the reconciliation identity. The ledger
// model at the end is the reference the SQL is checked against (operations.property.test.ts).
import type { LossBearer, OrderStatus, ReturnReason } from './operations.tables.ts';
import type { StockOwner, SuggestionReason } from './operations.vocabulary.ts';

// ---- document numbers ----

export type DocumentKind = 'PO' | 'SJ' | 'BPB' | 'RTR';

/** The prefix a document's running number is counted under: `PO/ALFAMART/2026/`. */
export const documentPrefix = (kind: DocumentKind, chainCode: string, year: number | string) =>
  `${kind}/${chainCode.toUpperCase()}/${year}/`;

/** `PO/ALFAMART/2026/000001`: the prefix and a six-digit running number (wider past 999999). */
export const documentNumber = (prefix: string, seq: number) => `${prefix}${String(seq).padStart(6, '0')}`;

// ---- order lifecycle ----

export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['sent', 'confirmed', 'partly_confirmed'];

/** The maker answers an order only while it is waiting for her. */
export const orderAwaitsAnswer = (status: OrderStatus) => status === 'sent';

/** A chain may cancel its order until goods are on their way (no delivery note issued yet). */
export const orderCancellable = (status: OrderStatus, deliveryNotes: number) => OPEN_ORDER_STATUSES.includes(status) && deliveryNotes === 0;

/** Delivery notes are issued against a confirmed order while some confirmed quantity is still to ship. */
export const orderShippable = (status: OrderStatus, remaining: number) =>
  (status === 'confirmed' || status === 'partly_confirmed') && remaining > 0;

/** The status after the maker's answer: everything as ordered → confirmed; anything less → partly. */
export function answeredStatus(lines: { ordered: number; confirmed: number }[]): 'confirmed' | 'partly_confirmed' {
  return lines.every((l) => l.confirmed === l.ordered) ? 'confirmed' : 'partly_confirmed';
}

// ---- receipts (BPB) ----

/** What did not arrive of a delivery line: delivered − accepted − rejected (negative means an error). */
export const shortOf = (l: { delivered: number; accepted: number; rejected: number }) => l.delivered - l.accepted - l.rejected;

// ---- loss and ownership ----

export interface LossTerms {
  unsoldGoods: 'returned_to_umkm' | 'borne_by_chain' | null;
  expiredGoodsBorneBy: LossBearer | null;
}

/** Who bears the loss of goods taken off the shelf, by the PKS: expired (or nearly) goods follow
 *  `expired_goods_borne_by`; unsold ones `unsold_goods`; damage on the shelf is the chain's (the goods were
 *  in its care); a recall is the maker's. Unset terms fall back on the maker (the consignment default). */
export function lossBearer(reason: ReturnReason | 'written_off', t: LossTerms): LossBearer {
  switch (reason) {
    case 'expired':
    case 'near_expiry':
    case 'written_off':
      return t.expiredGoodsBorneBy ?? 'umkm';
    case 'damaged':
      return 'chain';
    case 'recall':
      return 'umkm';
    default:
      return t.unsoldGoods === 'borne_by_chain' ? 'chain' : 'umkm';
  }
}

/** Who owns stock on the shelf: consignment (konsinyasi) — the maker until sold; outright purchase (beli
 *  putus) — the chain from receipt. */
export const stockOwner = (tradeModel: 'konsinyasi' | 'beli_putus' | null): StockOwner => (tradeModel === 'beli_putus' ? 'chain' : 'umkm');

// ---- suggested order ----

/** Days of stock an order should cover: wet food a few days within its shelf life; others about two weeks. */
export function coverDays(p: { perishable: boolean; shelfLifeDays: number }): number {
  if (p.perishable) return Math.max(1, Math.min(3, p.shelfLifeDays - 1));
  return Math.max(1, Math.min(14, p.shelfLifeDays));
}

export interface SuggestionInput {
  key: string;
  perishable: boolean;
  shelfLifeDays: number;
  acceptsPerishable: boolean;
  /** Units sold over the history window (null: no sales recorded there). */
  soldUnits: number | null;
  historyDays: number;
  /** The placement plan's expected weekly units (null: none). */
  expectedWeeklyUnits: number | null;
  onHand: number;
  open: number;
}

export interface SuggestionLine {
  key: string;
  velocity: number;
  coverDays: number;
  suggested: number;
  reasons: SuggestionReason[];
}

/** Splits `total` down to `cap` across parts in proportion, the remainder going to the largest fractions
 *  (ties by order), so the parts sum to exactly min(total, cap) and none grows. */
export function scaleDown(parts: number[], cap: number): number[] {
  const total = parts.reduce((a, b) => a + b, 0);
  if (total <= cap) return parts.slice();
  if (cap <= 0) return parts.map(() => 0);
  const exact = parts.map((p) => (p * cap) / total);
  const out = exact.map(Math.floor);
  let left = cap - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, f: e - Math.floor(e) })).sort((a, b) => b.f - a.f || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if (out[i]! < parts[i]!) {
      out[i] = out[i]! + 1;
      left--;
    }
  }
  return out;
}

/** Suggested quantity per outlet × product: max(0, ⌈velocity × cover⌉ − on hand − open), never more than
 *  sells before expiry, perishables only where the outlet takes them; then the lines together capped by what
 *  the maker can still make that week (scaled down, remainder rule). */
export function suggestOrder(lines: SuggestionInput[], capacityLeft: number | null): SuggestionLine[] {
  const out: SuggestionLine[] = lines.map((l) => {
    const reasons: SuggestionReason[] = [];
    let velocity = 0;
    if (l.soldUnits !== null && l.soldUnits > 0) {
      velocity = l.soldUnits / l.historyDays;
      reasons.push('velocity_history');
    } else if (l.expectedWeeklyUnits !== null && l.expectedWeeklyUnits > 0) {
      velocity = l.expectedWeeklyUnits / 7;
      reasons.push('velocity_plan');
    } else {
      reasons.push('no_velocity');
    }
    const cover = coverDays(l);
    if (l.perishable && !l.acceptsPerishable) {
      return { key: l.key, velocity, coverDays: cover, suggested: 0, reasons: [...reasons, 'perishable_not_accepted'] };
    }
    const need = Math.ceil(velocity * cover - 1e-9);
    let suggested = Math.max(0, need - l.onHand - l.open);
    if (velocity > 0 && l.onHand > 0 && need - l.onHand <= 0) reasons.push('stock_covers');
    if (l.open > 0) reasons.push('open_orders');
    // What sells within the shelf life, less what is already there or coming.
    const sellable = Math.max(0, Math.floor(velocity * l.shelfLifeDays + 1e-9) - l.onHand - l.open);
    if (suggested > sellable) {
      suggested = sellable;
      reasons.push('capped_expiry');
    }
    return { key: l.key, velocity, coverDays: cover, suggested, reasons };
  });
  if (capacityLeft !== null) {
    const scaled = scaleDown(
      out.map((l) => l.suggested),
      Math.max(0, capacityLeft),
    );
    out.forEach((l, i) => {
      if (scaled[i]! < l.suggested) {
        l.suggested = scaled[i]!;
        l.reasons.push('capped_capacity');
      }
    });
  }
  return out;
}

/** Monday of the ISO week a date falls in: a maker's weekly capacity is counted per such week. */
export function weekStart(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}

// ---- first expiry, first out ----

export interface BatchStock {
  batchId: string;
  expiresOn: string;
  producedOn: string;
  onHand: number;
}

/** FEFO order: earliest expiry first, then earliest production, then the id (deterministic). */
export const fefoOrder = (a: BatchStock, b: BatchStock) =>
  a.expiresOn.localeCompare(b.expiresOn) || a.producedOn.localeCompare(b.producedOn) || a.batchId.localeCompare(b.batchId);

/** Draws `qty` units on `day` from batches with stock that had not expired before that day, earliest expiry
 *  first; what finds no batch is the unmatched remainder (a sale with no recorded delivery). */
export function allocateFefo(
  batches: BatchStock[],
  qty: number,
  day: string,
): { draws: { batchId: string; qty: number }[]; unmatched: number } {
  const draws: { batchId: string; qty: number }[] = [];
  let left = qty;
  for (const b of batches.filter((x) => x.onHand > 0 && x.expiresOn >= day).sort(fefoOrder)) {
    if (left <= 0) break;
    const take = Math.min(left, b.onHand);
    draws.push({ batchId: b.batchId, qty: take });
    left -= take;
  }
  return { draws, unmatched: left };
}

// ---- reconciliation ----

export interface ReconciliationFlows {
  opening: number;
  received: number;
  sold: number;
  returned: number;
  expired: number;
  /** Signed: a count that found more is positive. */
  counted: number;
  closing: number;
}

/** closing = opening + received − sold − returned − expired ± counted, exactly. */
export const identityHolds = (r: ReconciliationFlows) => r.closing === r.opening + r.received - r.sold - r.returned - r.expired + r.counted;

// ---- the ledger model (reference for the SQL) ----

export type ModelMovement = {
  kind: 'received' | 'sold' | 'returned' | 'expired' | 'counted';
  batchId: string | null;
  qty: number;
  day: string;
  variance: boolean;
};

/** One outlet × product's ledger, as the service writes it: every operation appends movements; on hand per
 *  batch is their sum. Sales draw FEFO among batches not expired before the sales day; a till return goes
 *  back to the batch last drawn; whatever finds no batch is a flagged variance with no batch. */
export class LedgerModel {
  readonly movements: ModelMovement[] = [];
  private readonly batches = new Map<string, { expiresOn: string; producedOn: string }>();

  addBatch(batchId: string, producedOn: string, expiresOn: string) {
    this.batches.set(batchId, { producedOn, expiresOn });
  }

  onHand(batchId?: string | null): number {
    return this.movements.filter((m) => batchId === undefined || m.batchId === batchId).reduce((a, m) => a + m.qty, 0);
  }

  stock(): BatchStock[] {
    return [...this.batches].map(([batchId, b]) => ({ batchId, ...b, onHand: this.onHand(batchId) }));
  }

  private push(m: ModelMovement) {
    if (m.qty !== 0) this.movements.push(m);
  }

  receive(batchId: string, accepted: number, day: string) {
    this.push({ kind: 'received', batchId, qty: accepted, day, variance: false });
  }

  /** A day's net sales (negative: more came back at the till than was sold). */
  sell(net: number, day: string) {
    if (net > 0) {
      const { draws, unmatched } = allocateFefo(this.stock(), net, day);
      for (const d of draws) this.push({ kind: 'sold', batchId: d.batchId, qty: -d.qty, day, variance: false });
      if (unmatched > 0) this.push({ kind: 'sold', batchId: null, qty: -unmatched, day, variance: true });
    } else if (net < 0) {
      const last = [...this.movements].reverse().find((m) => m.kind === 'sold' && m.qty < 0 && m.batchId !== null);
      this.push({ kind: 'sold', batchId: last?.batchId ?? null, qty: -net, day, variance: !last });
    }
  }

  /** Returns up to what is on hand of the batch (the service refuses more); answers what went back. */
  returnGoods(batchId: string, qty: number, day: string): number {
    const take = Math.min(qty, Math.max(0, this.onHand(batchId)));
    this.push({ kind: 'returned', batchId, qty: -take, day, variance: false });
    return take;
  }

  /** Writes off every batch past its expiry (expires before `today`) with stock on hand. */
  expire(today: string) {
    for (const b of this.stock()) {
      if (b.expiresOn < today && b.onHand > 0)
        this.push({ kind: 'expired', batchId: b.batchId, qty: -b.onHand, day: today, variance: false });
    }
  }

  /** A stock count of one batch: the difference to the ledger becomes a 'counted' movement. */
  count(batchId: string, counted: number, day: string) {
    this.push({ kind: 'counted', batchId, qty: counted - this.onHand(batchId), day, variance: false });
  }

  flows(from: string, to: string): ReconciliationFlows {
    const before = this.movements.filter((m) => m.day < from);
    const within = this.movements.filter((m) => m.day >= from && m.day <= to);
    const sum = (ms: ModelMovement[]) => ms.reduce((a, m) => a + m.qty, 0);
    const of = (k: ModelMovement['kind']) => sum(within.filter((m) => m.kind === k));
    return {
      opening: sum(before),
      received: of('received'),
      sold: -of('sold'),
      returned: -of('returned'),
      expired: -of('expired'),
      counted: of('counted'),
      closing: sum(this.movements.filter((m) => m.day <= to)),
    };
  }
}
