// Use cases of operations after the shelf door (C7). The order flow lives in operations.orders.ts, stock
// in operations.stock.ts; here are what reads across both: the caller's reminders and the maker's
// sell-out (per product × outlet: units per day and week, stock, days of cover, expiring batches, what to
// deliver next).
import type { Database } from '../../db/client.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { addDays, daysBetween, localDate } from '../../platform/clock.ts';
import { badRequest } from '../../platform/errors.ts';
import { formatDate, formatUnits } from '../../platform/format.ts';
import { coverDays } from './operations.rules.ts';
import * as store from './operations.store.ts';
import type { ReminderKind } from './operations.vocabulary.ts';

export * from './operations.orders.ts';
export * from './operations.stock.ts';

/** "Today" for a caller without a place of its own (a chain's head office, an admin): Jakarta's (WIB). */
const HOME_REGION = '31';
const todayOf = (ctx: Ctx) => localDate(ctx.actor.regionCode ?? HOME_REGION, ctx.now);

export async function reminders(db: Database, ctx: Ctx) {
  const today = todayOf(ctx);
  const f = await store.reminderFacts(db, ctx.actor, {
    today,
    now: ctx.now,
    soonPerishable: addDays(today, 3),
    soonOther: addDays(today, 14),
  });
  const out: {
    kind: ReminderKind;
    id: string;
    text: { id: string; en: string };
    target: { kind: 'order' | 'delivery_note' | 'return' | 'stock'; id: string };
    due: string | null;
    overdue: boolean;
  }[] = [];
  const d = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
  for (const o of f.orders) {
    const deliverBy = d(o.deliver_by);
    if (o.status === 'sent') {
      out.push({
        kind: 'order_awaiting_answer',
        id: `order:${o.id}`,
        text: {
          id: `Pesanan ${o.number} dari ${o.chain_name} menunggu jawaban ${o.umkm_name} (dibutuhkan ${formatDate(deliverBy, 'id')}).`,
          en: `Order ${o.number} from ${o.chain_name} awaits ${o.umkm_name}’s answer (wanted ${formatDate(deliverBy, 'en')}).`,
        },
        target: { kind: 'order', id: String(o.id) },
        due: deliverBy,
        overdue: deliverBy < today,
      });
    } else {
      out.push({
        kind: 'order_not_shipped',
        id: `ship:${o.id}`,
        text: {
          id: `Pesanan ${o.number} sudah dikonfirmasi tetapi belum dikirim; batas ${formatDate(deliverBy, 'id')} terlewati.`,
          en: `Order ${o.number} is confirmed but not shipped; ${formatDate(deliverBy, 'en')} has passed.`,
        },
        target: { kind: 'order', id: String(o.id) },
        due: deliverBy,
        overdue: true,
      });
    }
  }
  for (const n of f.notes) {
    const shipOn = d(n.ship_on);
    out.push({
      kind: 'delivery_not_received',
      id: `note:${n.id}`,
      text: {
        id: `Surat jalan ${n.number} dari ${n.umkm_name} (kirim ${formatDate(shipOn, 'id')}) belum dicatat diterima.`,
        en: `Delivery note ${n.number} from ${n.umkm_name} (shipped ${formatDate(shipOn, 'en')}) is not recorded as received.`,
      },
      target: { kind: 'delivery_note', id: String(n.id) },
      due: shipOn,
      overdue: shipOn < today,
    });
  }
  for (const r of f.pickups) {
    const due = new Date(String(r.pickup_due_at instanceof Date ? r.pickup_due_at.toISOString() : r.pickup_due_at));
    const overdue = due.getTime() < ctx.now.getTime();
    out.push({
      kind: overdue ? 'pickup_overdue' : 'pickup_due',
      id: `return:${r.id}`,
      text: overdue
        ? {
            id: `Retur ${r.number} di ${r.outlet_name} terlambat diambil (batas ${formatDate(due.toISOString().slice(0, 10), 'id')}).`,
            en: `Return ${r.number} at ${r.outlet_name} is overdue for pickup (due ${formatDate(due.toISOString().slice(0, 10), 'en')}).`,
          }
        : {
            id: `Retur ${r.number} di ${r.outlet_name} harus diambil paling lambat ${formatDate(due.toISOString().slice(0, 10), 'id')}.`,
            en: `Return ${r.number} at ${r.outlet_name} must be picked up by ${formatDate(due.toISOString().slice(0, 10), 'en')}.`,
          },
      target: { kind: 'return', id: String(r.id) },
      due: due.toISOString(),
      overdue,
    });
  }
  for (const b of f.batches) {
    const expiresOn = d(b.expires_on);
    const expired = expiresOn < today;
    out.push({
      kind: expired ? 'expired_not_written_off' : 'batch_expiring',
      id: `batch:${b.outlet_id}:${b.batch_id}`,
      text: expired
        ? {
            id: `${b.product_name} batch ${b.batch_code} di ${b.outlet_name} kedaluwarsa ${formatDate(expiresOn, 'id')} dan belum dihapusbukukan (${formatUnits(Number(b.on_hand), 'id')}).`,
            en: `${b.product_name} batch ${b.batch_code} at ${b.outlet_name} expired ${formatDate(expiresOn, 'en')} and is not written off (${formatUnits(Number(b.on_hand), 'en')}).`,
          }
        : {
            id: `${b.product_name} batch ${b.batch_code} di ${b.outlet_name} kedaluwarsa ${formatDate(expiresOn, 'id')} (${formatUnits(Number(b.on_hand), 'id')}).`,
            en: `${b.product_name} batch ${b.batch_code} at ${b.outlet_name} expires ${formatDate(expiresOn, 'en')} (${formatUnits(Number(b.on_hand), 'en')}).`,
          },
      target: { kind: 'stock', id: String(b.outlet_id) },
      due: expiresOn,
      overdue: expired,
    });
  }
  return { today, reminders: out, counts: f.counts, total: Object.values(f.counts).reduce((a, v) => a + v, 0) };
}

export async function sellOut(
  db: Database,
  ctx: Ctx,
  q: { from?: string; to?: string; productId?: string; outletId?: string; limit: number; offset: number },
) {
  const to = q.to ?? addDays(todayOf(ctx), -1);
  const from = q.from ?? addDays(to, -27);
  if (from > to)
    throw badRequest('period_invalid', { id: 'Awal periode harus sebelum akhirnya.', en: 'The period must start before it ends.' }, 'from');
  const days = daysBetween(from, to) + 1;
  const page = await store.sellOut(db, ctx.actor, {
    from,
    to,
    productId: q.productId,
    outletId: q.outletId,
    limit: q.limit,
    offset: q.offset,
  });
  const pairs = page.rows.map((r) => ({ productId: r.productId, outletId: r.outletId }));
  const batches = await store.batchesOfPairs(db, pairs);
  const onHand = await store.onHandByPair(db, {
    outletIds: [...new Set(pairs.map((p) => p.outletId))],
    productIds: [...new Set(pairs.map((p) => p.productId))],
  });
  const open = await store.openByPair(db, {
    outletIds: [...new Set(pairs.map((p) => p.outletId))],
    productIds: [...new Set(pairs.map((p) => p.productId))],
  });
  const today = todayOf(ctx);
  return {
    from,
    to,
    total: page.total,
    items: page.rows.map((r) => {
      const k = `${r.productId}|${r.outletId}`;
      const pk = `${r.outletId}|${r.productId}`;
      const perDay = r.units / days;
      const stock = onHand.get(pk) ?? 0;
      const soon = addDays(today, r.perishable ? 3 : 14);
      const cover = coverDays({ perishable: r.perishable, shelfLifeDays: r.shelfLifeDays });
      const need = Math.ceil(Math.max(0, perDay) * cover - 1e-9);
      const sellable = Math.floor(Math.max(0, perDay) * r.shelfLifeDays + 1e-9);
      const next = r.perishable && !r.acceptsPerishable ? 0 : Math.max(0, Math.min(need, sellable) - stock - (open.get(pk) ?? 0));
      return {
        id: k,
        productId: r.productId,
        productName: r.productName,
        perishable: r.perishable,
        outletId: r.outletId,
        outletName: r.outletName,
        storeCode: r.storeCode,
        units: r.units,
        perDay: Math.round(perDay * 1000) / 1000,
        perWeek: Math.round(perDay * 7 * 1000) / 1000,
        daily: page.daily.filter((x) => x.key === k).map((x) => ({ date: x.date, units: x.units })),
        onHand: stock,
        daysOfCover: perDay > 0 ? Math.round((stock / perDay) * 10) / 10 : null,
        expiringSoon: batches
          .filter((b) => b.key === k && b.expiresOn <= soon)
          .map((b) => ({ batchId: b.batchId, batchCode: b.batchCode, expiresOn: b.expiresOn, onHand: b.onHand })),
        nextDelivery: next,
      };
    }),
  };
}
